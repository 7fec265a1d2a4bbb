/**
 * Static checks that run before every build and export. Slidev itself renders
 * some mistakes as a quietly wrong slide (a YAML error, an unknown layout, a
 * missing snippet in dev/export mode); here each one stops the command with
 * the file and line.
 *
 *   tsx scripts/check-deck.ts [slides.md]
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { load } from '@slidev/parser/fs'
import { figures } from '../data/figures'
import { sources } from '../data/sources'
import { DeckDataError, validateDeckData } from '../data/validate'
import { citationsIn } from '../data/citations'
import { staleSources } from '../data/freshness'
import type { Source } from '../data/schema'
import { root } from './paths'

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

/** 1-based line of `needle` in `file`, searching from the slide's first line. */
function lineIn(file: string, fromLine: number, needle: string): number {
  const lines = readFileSync(file, 'utf8').split('\n')
  const found = lines.findIndex((l, i) => i >= fromLine && l.includes(needle.split('\n')[0]!))
  return (found < 0 ? fromLine : found) + 1
}

const SNIPPET = /^<<<\s*(\S+)/gm
const MD_IMAGE = /!\[[^\]]*\]\(([^)\s]+)[^)]*\)/g
const HTML_SRC = /<(?:img|source|video|audio|iframe)\b[^>]*\ssrc="([^"]+)"/g
/** YAML reads an unquoted 2026-12-10 as a Date; the deck means a day. */
function isoDay(value: unknown): string | undefined {
  if (value instanceof Date)
    return value.toISOString().slice(0, 10)
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? value.trim() : undefined
}

/** The speaker name slides.md ships with: a placeholder, recognisable on the title slide. */
export const PLACEHOLDER_AUTHOR = 'Your Name'

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

/**
 * Checks the deck; throws a DeckCheckError listing every problem. Returns the
 * warnings that do not stop a build, for the caller to print: old sources, and
 * placeholders still to set (the speaker still "Your Name").
 */
export async function checkDeck(entry = resolve(root, 'slides.md'), options: { data?: boolean } = {}): Promise<{ warnings: string[], placeholders: string[] }> {
  const placeholders: string[] = []
  const problems: string[] = []
  const userRoot = dirname(resolve(entry))
  const rel = (p: string) => relative(process.cwd(), p) || p
  let data
  try {
    data = await load({ roots: [userRoot], userRoot }, resolve(entry))
  }
  catch (error) {
    throw new DeckCheckError([`${rel(entry)}: cannot be parsed: ${(error as Error).message}`])
  }
  const layouts = knownLayouts(userRoot)
  const author = data.headmatter?.author
  if (!author || String(author).trim() === PLACEHOLDER_AUTHOR)
    placeholders.push(`${rel(entry)}: the speaker is still "${author ?? ''}": set \`author:\` in the headmatter at the top of ${rel(entry)} to your name (it shows on the title and closing slides and in the PDF's metadata)`)

  for (const [i, slide] of data.slides.entries()) {
    const src = slide.source
    const file = rel(src.filepath)
    const where = `${file} (slide ${i + 1}${slide.title ? `, "${slide.title}"` : ''})`
    // `start` is the 0-based line of the slide's opening `---` in its file.
    const fmLine = src.start + 2
    for (const e of src.frontmatterDoc?.errors ?? []) {
      const line = fmLine + (e.linePos?.[0]?.line ?? 1) - 1
      problems.push(`${file}:${line}: malformed frontmatter: ${e.message.split('\n')[0]}`)
    }
    const layout = slide.frontmatter?.layout
    if (layout !== undefined && (typeof layout !== 'string' || !layouts.has(layout)))
      problems.push(`${where}: unknown layout ${JSON.stringify(layout)} (known: ${[...layouts].sort().join(', ')})`)

    const content = src.content
    const at = (match: string) => `${file}:${lineIn(src.filepath, src.start, match)}`
    for (const m of content.matchAll(SNIPPET)) {
      const target = m[1]!.replace(/#.*$/, '').replace(/\{.*$/, '')
      const path = target.startsWith('@/') ? join(userRoot, target.slice(2)) : resolve(dirname(src.filepath), target)
      if (!existsSync(path))
        problems.push(`${at(m[0])}: snippet not found: ${target}`)
    }
    for (const pattern of [MD_IMAGE, HTML_SRC]) {
      for (const m of content.matchAll(pattern)) {
        const target = m[1]!
        const line = at(m[0])
        if (/^(?:https?:)?\/\//.test(target))
          problems.push(`${line}: remote asset ${target}: the deck must work offline, put the file in public/`)
        else if (!target.startsWith('data:') && !target.includes('{')) {
          const path = target.startsWith('/') ? join(userRoot, 'public', target) : resolve(dirname(src.filepath), target)
          if (!existsSync(path))
            problems.push(`${line}: image not found: ${target}`)
        }
      }
    }
    for (const { tag, ids } of citationsIn(content)) {
      for (const id of ids) {
        if (!(id in sources))
          problems.push(`${at(tag)}: unknown source "${id}" (not in data/sources.ts)`)
      }
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
  if (problems.length)
    throw new DeckCheckError(problems)
  return { warnings: staleSourceWarnings(sources, data.headmatter?.talkDate, rel(resolve(entry))), placeholders }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const { warnings, placeholders } = await checkDeck(process.argv[2] ? resolve(process.argv[2]) : undefined)
    for (const p of placeholders)
      console.warn(`Warning: ${p}`)
    if (warnings.length)
      console.warn(`Warning: ${warnings.length} source${warnings.length > 1 ? 's' : ''} to re-read before the talk:\n${warnings.map(w => `  - ${w}`).join('\n')}`)
  }
  catch (error) {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  }
}
