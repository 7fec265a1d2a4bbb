import type { Source } from '../../data/schema'
/**
 * Static checks that run before every build and export. Slidev itself renders
 * some mistakes as a quietly wrong slide (a YAML error, an unknown layout, a
 * missing snippet in dev/export mode); here each one stops the command with
 * the file and line.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { load } from '@slidev/parser/fs'
import { citationsIn } from '../../data/citations'
import { figures } from '../../data/figures'
import { staleSources } from '../../data/freshness'
import { sources } from '../../data/sources'
import { DeckDataError, validateDeckData } from '../../data/validate'
import { localComponents, missingAltIn } from './altText'
import { componentRegistry, componentTagsInMarkdown, slidevRoots, unknownTagsInMarkdown, unknownTagsInVue } from './componentTags'
import { talkLength } from './deck'
import { entryPath } from './paths'
import { speakerOf } from './speaker'

const require = createRequire(import.meta.url)

export class DeckCheckError extends Error {
  constructor(readonly problems: string[]) {
    super(`The deck has ${problems.length} problem${problems.length > 1 ? 's' : ''}:\n${problems.map(p => `  - ${p}`).join('\n')}`)
    this.name = 'DeckCheckError'
  }
}

function knownLayouts(userRoot: string): Set<string> {
  const dirs = [
    join(dirname(require.resolve('@slidev/client/package.json')), 'layouts'),
    join(dirname(require.resolve('@slidev/theme-default/package.json')), 'layouts'),
    join(userRoot, 'layouts'),
  ]
  return new Set(dirs.filter(existsSync).flatMap(d => readdirSync(d)).filter(f => f.endsWith('.vue')).map(f => f.slice(0, -4)))
}

/** 1-based line of the first non-blank line from 0-based `from`: where a slide visibly starts. */
function firstContentLine(text: string, from: number): number {
  const lines = text.split('\n')
  const found = lines.findIndex((l, i) => i >= from && l.trim() !== '')
  return (found < 0 ? from : found) + 1
}

/** 1-based line of `needle` in `file`, searching from the slide's first line. */
function lineIn(file: string, fromLine: number, needle: string): number {
  const lines = readFileSync(file, 'utf8').split('\n')
  const found = lines.findIndex((l, i) => i >= fromLine && l.includes(needle.split('\n')[0]!))
  return (found < 0 ? fromLine : found) + 1
}

const SNIPPET = /^<<<\s*(\S+)/gm
const MD_IMAGE = /!\[[^\]]*\]\(([^)\s]+)(?:\s[^)]*)?\)/g
const HTML_SRC = /<(?:img|source|video|audio|iframe)\b[^>]*\ssrc="([^"]+)"/g

/** YAML reads an unquoted 2026-12-10 as a Date; the deck means a day. */
function isoDay(value: unknown): string | undefined {
  if (value instanceof Date)
    return value.toISOString().slice(0, 10)
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? value.trim() : undefined
}

/**
 * The sources a speaker should re-read before the talk: their `checked` day
 * is more than STALE_AFTER_DAYS before the headmatter's `talkDate`.
 */
export function staleSourceWarnings(registry: Record<string, Pick<Source, 'checked'>>, talkDate: unknown, file = 'slides.md'): string[] {
  const day = isoDay(talkDate)
  if (!day)
    return [`${file}: headmatter talkDate ${JSON.stringify(talkDate ?? null)} is not a date (YYYY-MM-DD): cannot tell which sources are old`]
  return staleSources(registry, day).map(s =>
    `data/sources.ts: ${s.key}: checked ${s.checked}, ${s.daysBefore} days before the talk (${day}); re-read it`)
}

export interface DeckReport {
  /** Each stops build and export: `file:line: what is wrong`. */
  problems: string[]
  /** Printed, but nothing stops: a slide without notes, say. */
  warnings: string[]
  /** Sources checked long before the talk date: the list to re-read. */
  stale: string[]
  /** Values the deck still ships with and the speaker must set (the author). */
  placeholders: string[]
}

/** Every static problem and warning of the deck, without throwing. */
export async function inspectDeck(entryFile?: string, options: { data?: boolean } = {}): Promise<DeckReport> {
  const entry = entryPath(entryFile)
  const problems: string[] = []
  const warnings: string[] = []
  const userRoot = dirname(entry)
  const rel = (p: string) => relative(process.cwd(), p) || p
  let data
  try {
    data = await load({ roots: [userRoot], userRoot }, resolve(entry))
  }
  catch (error) {
    return { problems: [`${rel(entry)}: cannot be parsed: ${(error as Error).message}`], warnings, stale: [], placeholders: [] }
  }
  const placeholders: string[] = []
  if (!speakerOf(data.headmatter ?? {}))
    placeholders.push(`${rel(entry)}: no speaker is set (author: ${JSON.stringify(data.headmatter?.author ?? '')}): set \`author:\` in the headmatter at the top of ${rel(entry)} to your name; until then the title and closing slides and the PDF, handout and video metadata name no speaker`)
  try {
    talkLength(data.headmatter)
  }
  catch (error) {
    problems.push(`${rel(entry)}: ${(error as Error).message}`)
  }
  const layouts = knownLayouts(userRoot)
  const components = componentRegistry(slidevRoots(data.headmatter, userRoot), dirname(require.resolve('@slidev/client/package.json')))
  const ownComponents = localComponents(userRoot)
  const unknownTag = (file: string, tag: string, line: number, slideNo?: number) =>
    `${file}:${line}:${slideNo ? ` slide ${slideNo}:` : ''} unknown component <${tag}>: not in components/, Slidev's built-ins or the theme${nearest(tag, components.names)}`

  for (const [i, slide] of data.slides.entries()) {
    const src = slide.source
    const file = rel(src.filepath)
    const where = `${file} (slide ${i + 1}${slide.title ? `, "${slide.title}"` : ''})`
    // `start` is the 0-based line of the slide's opening `---` in its file.
    const fmLine = src.start + 2
    const yamlErrors = src.frontmatterDoc?.errors ?? []
    for (const e of yamlErrors) {
      const line = fmLine + (e.linePos?.[0]?.line ?? 1) - 1
      problems.push(`${file}:${line}: malformed frontmatter: ${e.message.split('\n')[0]}`)
    }
    // A layout read from broken YAML is whatever the parser made of it: the YAML error says it all.
    const layout = slide.frontmatter?.layout
    if (!yamlErrors.length && layout !== undefined && (typeof layout !== 'string' || !layouts.has(layout)))
      problems.push(`${where}: unknown layout ${JSON.stringify(layout)} (known: ${[...layouts].sort().join(', ')})`)

    const content = src.content
    // `file:line: slide N`: the editor jumps to the line, the speaker finds the slide.
    const at = (match: string) => `${file}:${lineIn(src.filepath, src.start, match)}: slide ${i + 1}`
    const fileText = readFileSync(src.filepath, 'utf8')
    for (const { tag, line } of unknownTagsInMarkdown(fileText, components, src.contentStart, src.end))
      problems.push(unknownTag(file, tag, line, i + 1))
    // A chart without alt text is a silent picture to a screen reader, on the web and in the tagged PDF.
    for (const { tag, line } of componentTagsInMarkdown(fileText, src.contentStart, src.end)) {
      for (const m of missingAltIn(tag, ownComponents)) {
        const fix = m.tag === 'svg' ? 'give it role="img" and an aria-label' : 'give it an alt'
        problems.push(`${file}:${line}: slide ${i + 1}: <${tag}> draws an <${m.tag}> without alt text (${rel(m.file)}:${m.line}): ${fix} that says what it shows and its values, or aria-hidden="true" if it is decoration`)
      }
    }
    if (!slide.note?.trim())
      warnings.push(`${file}:${firstContentLine(fileText, src.contentStart)}: slide ${i + 1}${slide.title ? ` "${slide.title}"` : ''} has no speaker notes`)
    for (const m of content.matchAll(SNIPPET)) {
      const target = m[1]!.replace(/#.*$/, '').replace(/\{.*$/, '')
      const path = target.startsWith('@/') ? join(userRoot, target.slice(2)) : resolve(dirname(src.filepath), target)
      if (!existsSync(path))
        problems.push(`${at(m[0])}: snippet not found: ${target}`)
    }
    // Slidev's parser also finds images in frontmatter (`image:` of image layouts), component props and CSS.
    const images = [
      ...[MD_IMAGE, HTML_SRC].flatMap(pattern => Array.from(content.matchAll(pattern), m => ({ target: m[1]!, match: m[0] }))),
      ...(src.images ?? []).map(target => ({ target, match: target })),
    ].filter((image, i, all) => all.findIndex(other => other.target === image.target) === i)
    for (const { target, match } of images) {
      const line = at(match)
      if (/^(?:https?:)?\/\//.test(target)) {
        problems.push(`${line}: remote asset ${target}: the deck must work offline, put the file in public/`)
      }
      else if (!target.startsWith('data:') && !target.includes('{')) {
        const path = target.startsWith('/') ? join(userRoot, 'public', target) : resolve(dirname(src.filepath), target)
        if (!existsSync(path))
          problems.push(`${line}: image not found: ${target}`)
      }
    }
    for (const { tag, ids } of citationsIn(content)) {
      for (const id of ids) {
        if (!(id in sources))
          problems.push(`${at(tag)}: unknown source "${id}" (not in data/sources.ts)`)
      }
    }
  }

  // The deck's own layouts and components: a misspelt tag there breaks every slide that uses them.
  for (const dir of ['layouts', 'components']) {
    const folder = join(userRoot, dir)
    if (!existsSync(folder))
      continue
    for (const name of readdirSync(folder, { recursive: true }) as string[]) {
      if (!name.endsWith('.vue'))
        continue
      const path = join(folder, name)
      for (const { tag, line } of unknownTagsInVue(readFileSync(path, 'utf8'), components))
        problems.push(unknownTag(rel(path), tag, line))
    }
  }

  if (options.data !== false) {
    try {
      validateDeckData(figures, sources)
    }
    catch (error) {
      if (error instanceof DeckDataError)
        problems.push(...error.problems)
      else
        throw error
    }
  }
  const stale = staleSourceWarnings(sources, data.headmatter?.talkDate, rel(entry))
  return { problems, warnings, stale, placeholders }
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
export async function checkDeck(entry?: string, options: { data?: boolean } = {}): Promise<Omit<DeckReport, 'problems'>> {
  const { problems, ...rest } = await inspectDeck(entry, options)
  if (problems.length)
    throw new DeckCheckError(problems)
  return rest
}

/** Prints warnings the way every command does: the speaker placeholder, the sources to re-read, the rest. */
export function printWarnings(warnings: string[], report: Partial<Pick<DeckReport, 'stale' | 'placeholders'>> = {}) {
  for (const p of report.placeholders ?? [])
    console.warn(`Warning: ${p}`)
  const stale = report.stale ?? []
  if (stale.length)
    console.warn(`Warning: ${stale.length} source${stale.length > 1 ? 's' : ''} to re-read before the talk:\n${stale.map(w => `  - ${w}`).join('\n')}`)
  if (warnings.length)
    console.warn(`Warning${warnings.length > 1 ? 's' : ''}:\n${warnings.map(w => `  - ${w}`).join('\n')}`)
}
