import type { Deck, Slide } from '../support/deck.ts'
import type { DeckConfig, StaticDeck } from './deck-config.ts'
/**
 * Static checks that run before every build and export. Slidev itself renders
 * some mistakes as a quietly wrong slide (a YAML error, an unknown layout, a
 * missing snippet in dev/export mode); here each one stops the command with
 * the file and line. These are the generic checks, for any Slidev deck; a
 * deck adds its own in deck.config.ts (src/check/deck-config.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { clientRoot, LAYOUTS } from '../slidev/internals.ts'
import { loadDeck, talkLength } from '../support/deck.ts'
import { entryPath } from '../support/paths.ts'
import { localComponents, missingAltIn, missingAltInMarkup } from './altText.ts'
import { componentRegistry, componentTagsInMarkdown, slidevRoots, unknownTagsInMarkdown, unknownTagsInVue } from './componentTags.ts'
import { loadDeckConfig } from './deck-config.ts'
import { missingImports } from './imports.ts'

export class DeckCheckError extends Error {
  constructor(readonly problems: string[]) {
    super(`The deck has ${problems.length} problem${problems.length > 1 ? 's' : ''}:\n${problems.map(p => `  - ${p}`).join('\n')}`)
    this.name = 'DeckCheckError'
  }
}

/** Slidev's layouts, the theme's, the addons' and the deck's own (Slidev's roots). */
function knownLayouts(roots: string[]): Set<string> {
  const dirs = [clientRoot, ...roots].map(r => join(r, LAYOUTS))
  return new Set(dirs.filter(existsSync).flatMap(d => readdirSync(d)).filter(f => /\.(?:vue|[mc]?[jt]s)$/.test(f)).map(f => f.replace(/\.\w+$/, '')))
}

/** 1-based line of the first non-blank line from 0-based `from`: where a slide visibly starts. */
function firstContentLine(lines: readonly string[], from: number): number {
  const found = lines.findIndex((l, i) => i >= from && l.trim() !== '')
  return (found < 0 ? from : found) + 1
}

/** The lines of `text` with those inside fenced code blocks blanked (an <img> shown as code is text, not an image). */
function blankCode(text: string): string {
  return blankCodeLines(text.split('\n')).join('\n')
}

function blankCodeLines(lines: readonly string[]): string[] {
  let fence: string | undefined
  return lines.map((line) => {
    const opener = line.match(/^\s*(`{3,}|~{3,})/)
    if (fence) {
      if (opener && opener[1]!.startsWith(fence))
        fence = undefined
      return ''
    }
    if (opener)
      fence = opener[1]!
    return opener ? '' : line
  })
}

/** A file's text from its lines, joined once per file. */
const texts = new WeakMap<readonly string[], string>()
function textOf(lines: readonly string[]): string {
  let text = texts.get(lines)
  if (text === undefined)
    texts.set(lines, text = lines.join('\n'))
  return text
}

/** A file's lines with code blocks blanked, worked out once per file (the slides of one file share their `lines`). */
const blankedLines = new WeakMap<readonly string[], string[]>()
function outsideCodeLines(lines: readonly string[]): string[] {
  let blanked = blankedLines.get(lines)
  if (!blanked)
    blankedLines.set(lines, blanked = blankCodeLines(lines))
  return blanked
}

/** 1-based line of `needle` in the slide's file, searching from the slide's first line (outside code blocks with `outsideCode`). */
function lineIn(slide: Slide, needle: string, outsideCode = false): number {
  const fromLine = slide.start
  const lines = outsideCode ? outsideCodeLines(slide.lines) : slide.lines
  const found = lines.findIndex((l, i) => i >= fromLine && l.includes(needle.split('\n')[0]!))
  return (found < 0 ? fromLine : found) + 1
}

const SNIPPET = /^<<<\s*(\S+)/gm
const MD_IMAGE = /!\[[^\]]*\]\(([^)\s]+)(?:\s[^)]*)?\)/g
const HTML_SRC = /<(?:img|source|video|audio|iframe)\b[^>]*\ssrc="([^"]+)"/g

/** The frontmatter keys Slidev's parser reads images from (@slidev/parser extractImagesUsage): image layouts, cover backgrounds. */
const FRONTMATTER_IMAGES = ['image', 'backgroundImage', 'background']

/** The file in the deck's public folder that the page's URL `target` (relative to the deck's root, or absolute) loads. */
function publicFile(userRoot: string, target: string): string {
  const { pathname } = new URL(target, 'http://deck/')
  return join(userRoot, 'public', decodeURIComponent(pathname))
}

/** Warnings of one of the deck's own checks (deck.config.ts), printed together. */
export interface DeckNotice {
  check: string
  heading?: string
  items: string[]
}

export interface DeckReport {
  /** Each stops build and export: `file:line: what is wrong`. */
  problems: string[]
  /** Printed, but nothing stops: a slide without notes, say. */
  warnings: string[]
  /** The warnings of the deck's own checks, one entry per check that has any. */
  notices: DeckNotice[]
}

export interface InspectOptions {
  /** The deck's config; default: its deck.config.ts, if any. */
  config?: DeckConfig
  /** Remote assets are allowed (--allow-remote): not a problem. */
  allowRemote?: boolean
}

const rel = (p: string) => relative(process.cwd(), p) || p

/** The deck, parsed once (loadDeck), or the one problem that it cannot be parsed. */
export async function loadCheckedDeck(entryFile?: string): Promise<{ deck: Deck, problem?: undefined } | { deck?: undefined, problem: string }> {
  const entry = entryPath(entryFile)
  try {
    return { deck: await loadDeck(entry) }
  }
  catch (error) {
    return { problem: `${rel(entry)}: cannot be parsed: ${(error as Error).message}` }
  }
}

/**
 * Every static problem and warning of the deck, without throwing. Given the
 * loaded deck (the pipeline's), it reads no file of it again; given an entry,
 * it loads the deck first.
 */
export async function inspectDeck(deckOrEntry?: Deck | string, options: InspectOptions = {}): Promise<DeckReport> {
  const problems: string[] = []
  const warnings: string[] = []
  const notices: DeckNotice[] = []
  let deck: Deck
  if (typeof deckOrEntry === 'object') {
    deck = deckOrEntry
  }
  else {
    const loaded = await loadCheckedDeck(deckOrEntry)
    if (!loaded.deck)
      return { problems: [loaded.problem], warnings, notices }
    deck = loaded.deck
  }
  const { entry, userRoot } = deck
  const config = options.config ?? await loadDeckConfig(entry)
  const allowRemote = options.allowRemote || config.allowRemote
  try {
    talkLength(deck.headmatter)
  }
  catch (error) {
    problems.push(`${rel(entry)}: ${(error as Error).message}`)
  }
  const roots = slidevRoots(deck.headmatter, userRoot)
  const layouts = knownLayouts(roots)
  const components = componentRegistry(roots)
  const ownComponents = localComponents(userRoot)
  const unknownTag = (file: string, tag: string, line: number, slideNo?: number) =>
    `${file}:${line}:${slideNo ? ` slide ${slideNo}:` : ''} unknown component <${tag}>: not in components/, Slidev's built-ins or the theme${nearest(tag, components.names)}`

  for (const slide of deck.slides) {
    const i = slide.no - 1
    const file = rel(slide.filepath)
    // The title as plain text, as every command names a slide (src/support/deck.ts).
    const title = slide.title
    const where = `${file} (slide ${i + 1}${title ? `, "${title}"` : ''})`
    // `start` is the 0-based line of the slide's opening `---` in its file.
    const fmLine = slide.start + 2
    const yamlErrors = slide.frontmatterErrors
    for (const e of yamlErrors) {
      const line = fmLine + e.line - 1
      problems.push(`${file}:${line}: malformed frontmatter: ${e.message.split('\n')[0]}`)
    }
    // A layout read from broken YAML is whatever the parser made of it: the YAML error says it all.
    const layout = slide.frontmatter.layout
    if (!yamlErrors.length && layout !== undefined && (typeof layout !== 'string' || !layouts.has(layout)))
      problems.push(`${where}: unknown layout ${JSON.stringify(layout)} (known: ${[...layouts].sort().join(', ')})`)

    const content = slide.content
    // `file:line: slide N`: the editor jumps to the line, the speaker finds the slide.
    const at = (match: string, outsideCode = false) => `${file}:${lineIn(slide, match, outsideCode)}: slide ${i + 1}`
    const fileText = textOf(slide.lines)
    for (const { tag, line } of unknownTagsInMarkdown(fileText, components, slide.contentStart, slide.end))
      problems.push(unknownTag(file, tag, line, i + 1))
    // A chart without alt text is a silent picture to a screen reader, on the web and in the tagged PDF.
    for (const { tag, line } of componentTagsInMarkdown(fileText, slide.contentStart, slide.end)) {
      for (const m of missingAltIn(tag, ownComponents)) {
        const fix = m.tag === 'svg' ? 'give it role="img" and an aria-label' : 'give it an alt'
        problems.push(`${file}:${line}: slide ${i + 1}: <${tag}> draws an <${m.tag}> without alt text (${rel(m.file)}:${m.line}): ${fix} that says what it shows and its values, or aria-hidden="true" if it is decoration`)
      }
    }
    // An image written in the slide itself: a decorative one unmarked is read out on the web and tagged as a Figure without alt text in the PDF.
    const slideLines = outsideCodeLines(slide.lines)
    const before = slideLines.slice(0, slide.contentStart).join('\n').length + 1
    for (const m of missingAltInMarkup(slideLines.slice(0, slide.end).join('\n'), slide.contentStart ? before : 0)) {
      const fix = m.tag === 'svg'
        ? 'aria-hidden="true" if it is decoration, so a screen reader skips it and the tagged PDF marks it an artifact; role="img" and an aria-label that says what it shows if it is not'
        : 'alt="" (or aria-hidden="true") if it is decoration, so a screen reader skips it and the tagged PDF marks it an artifact; an alt that says what it shows if it is not'
      problems.push(`${file}:${m.line}: slide ${i + 1}: <${m.tag}> without alt text: ${fix}`)
    }
    if (!slide.notes.trim())
      warnings.push(`${file}:${firstContentLine(slide.lines, slide.contentStart)}: slide ${i + 1}${title ? ` "${title}"` : ''} has no speaker notes`)
    for (const m of content.matchAll(SNIPPET)) {
      const target = m[1]!.replace(/#.*$/, '').replace(/\{.*$/, '')
      const path = target.startsWith('@/') ? join(userRoot, target.slice(2)) : resolve(dirname(slide.filepath), target)
      if (!existsSync(path))
        problems.push(`${at(m[0])}: snippet not found: ${target}`)
    }
    // Slidev's parser also finds images in frontmatter (`image:` of image layouts), component props and CSS.
    const images = [
      ...[MD_IMAGE, HTML_SRC].flatMap(pattern => Array.from(blankCode(content).matchAll(pattern), m => ({ target: m[1]!, match: m[0] }))),
      ...slide.images.map(target => ({ target, match: target })),
    ].filter((image, i, all) => all.findIndex(other => other.target === image.target) === i)
    // Slidev's layouts put a frontmatter image in the page as a URL, not an import
    // (@slidev/client layoutHelper.ts, resolveAssetUrl): `/x.jpg` or `x.jpg` alike
    // is fetched from the deck's root, where the public folder is served.
    const frontmatterImages = new Set(FRONTMATTER_IMAGES.map(key => (slide.frontmatter as Record<string, unknown>)[key]).filter(v => typeof v === 'string'))
    for (const { target, match } of images) {
      // The line that names the file (an <img> may spread its attributes over several lines).
      const line = at(target.length >= 3 ? target : match, true)
      if (/^(?:https?:)?\/\//.test(target)) {
        if (!allowRemote)
          problems.push(`${line}: remote asset ${target}: the deck must work offline, put the file in public/ (or export with --allow-remote)`)
      }
      else if (!target.startsWith('data:') && !target.includes('{')) {
        const inPublic = frontmatterImages.has(target)
        const path = inPublic ? publicFile(userRoot, target) : target.startsWith('/') ? join(userRoot, 'public', target) : resolve(dirname(slide.filepath), target)
        if (!existsSync(path))
          problems.push(`${line}: image not found: ${target}${inPublic ? ` (a frontmatter image is loaded from the public folder: ${rel(path)})` : ''}`)
      }
    }
  }

  // The deck's own layouts, components and setup files: a misspelt tag there breaks every
  // slide that uses them, and a package they import must be installed where the build looks.
  for (const dir of ['layouts', 'components', 'setup']) {
    const folder = join(userRoot, dir)
    if (!existsSync(folder))
      continue
    for (const name of readdirSync(folder, { recursive: true }) as string[]) {
      if (!/\.(?:vue|[cm]?[jt]sx?)$/.test(name) || name.includes('node_modules'))
        continue
      const path = join(folder, name)
      const text = readFileSync(path, 'utf8')
      if (name.endsWith('.vue')) {
        for (const { tag, line } of unknownTagsInVue(text, components))
          problems.push(unknownTag(rel(path), tag, line))
      }
      for (const { specifier, name: pkg, line } of missingImports(path, text))
        problems.push(`${rel(path)}:${line}: imports "${specifier}", but ${pkg} is not installed where the deck's build looks for it (node_modules from ${rel(dirname(path))} up): run \`npm install ${pkg}\` in ${rel(userRoot)}`)
    }
  }

  // The deck's own checks (deck.config.ts), on the same deck.
  if (config.staticChecks?.length) {
    const given: StaticDeck = {
      ...deck,
      rel,
      at: (slide, needle) => `${rel(slide.filepath)}:${lineIn(slide, needle)}: slide ${slide.no}`,
    }
    for (const check of config.staticChecks) {
      const outcome = await check.run(given)
      problems.push(...outcome.problems ?? [])
      if (outcome.warnings?.length)
        notices.push({ check: check.name, heading: check.heading?.(outcome.warnings.length), items: outcome.warnings })
    }
  }
  return { problems, warnings, notices }
}

/** A hint for a misspelt name: the known component closest to it, when it is close. */
function nearest(tag: string, names: Set<string>): string {
  const distance = (a: string, b: string) => {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j)
    for (let i = 1; i <= a.length; i++) {
      let diagonal = row[0]!
      row[0] = i
      for (let j = 1; j <= b.length; j++) {
        const above = row[j]!
        row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1))
        diagonal = above
      }
    }
    return row[b.length]!
  }
  const best = Array.from(names, n => ({ n, d: distance(tag, n) })).sort((x, y) => x.d - y.d)[0]
  return best && best.d <= Math.max(1, Math.floor(tag.length / 4)) ? ` (did you mean <${best.n}>?)` : ''
}

/** Throws a DeckCheckError when the deck has a problem; returns what is only worth a warning (the caller prints it). */
export async function checkDeck(entry?: Deck | string, options: InspectOptions = {}): Promise<Omit<DeckReport, 'problems'>> {
  const { problems, ...rest } = await inspectDeck(entry, options)
  if (problems.length)
    throw new DeckCheckError(problems)
  return rest
}

/** Prints warnings the way every command does, through `warn` (the caller's logger): the deck's own checks' first (a list under its heading, or a line each), then the rest. */
export function printWarnings(warnings: string[], notices: DeckNotice[] = [], warn: (text: string) => void = console.warn) {
  for (const notice of notices) {
    if (notice.heading)
      warn(`Warning: ${notice.heading}:\n${notice.items.map(w => `  - ${w}`).join('\n')}`)
    else
      notice.items.forEach(item => warn(`Warning: ${item}`))
  }
  if (warnings.length)
    warn(`Warning${warnings.length > 1 ? 's' : ''}:\n${warnings.map(w => `  - ${w}`).join('\n')}`)
}
