/**
 * Static checks that run before every build and export. Slidev itself renders
 * some mistakes as a quietly wrong slide (a YAML error, an unknown layout, a
 * missing snippet in dev/export mode); here each one stops the command with
 * the file and line.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { load } from '@slidev/parser/fs'
import { figures } from '../../data/figures'
import { sources } from '../../data/sources'
import { DeckDataError, validateDeckData } from '../../data/validate'
import { talkLength } from './deck'
import { entryPath } from './paths'

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
const SOURCE_NOTE = /<SourceNote\b[^>]*\sids="([^"]+)"/g
const QR_SOURCE = /<QrCode\b[^>]*\ssource="([^"]+)"/g

export async function checkDeck(entryFile?: string, options: { data?: boolean } = {}): Promise<void> {
  const entry = entryPath(entryFile)
  const problems: string[] = []
  const userRoot = dirname(entry)
  const rel = (p: string) => relative(process.cwd(), p) || p
  let data
  try {
    data = await load({ roots: [userRoot], userRoot }, resolve(entry))
  }
  catch (error) {
    throw new DeckCheckError([`${rel(entry)}: cannot be parsed: ${(error as Error).message}`])
  }
  const layouts = knownLayouts(userRoot)
  try {
    talkLength(data.headmatter)
  }
  catch (error) {
    problems.push(`${rel(entry)}: ${(error as Error).message}`)
  }

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
    for (const pattern of [SOURCE_NOTE, QR_SOURCE]) {
      for (const m of content.matchAll(pattern)) {
        for (const id of m[1]!.split(/[\s,]+/).filter(Boolean)) {
          if (!(id in sources))
            problems.push(`${at(m[0])}: unknown source "${id}" (not in data/sources.ts)`)
        }
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
}
