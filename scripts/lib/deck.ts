/**
 * The deck as data, read with Slidev's own parser: titles, notes, frontmatter
 * of every slide (after `src:` imports are resolved). The handout, the video and
 * the tests all read the deck through here.
 */
import { relative, resolve } from 'node:path'
import { load } from '@slidev/parser/fs'
import { parseTimeString } from '@slidev/parser/utils'
import { entryPath } from './paths'

export interface DeckSlide {
  /** 1-based, as in Slidev's URLs and the PDF's pages. */
  no: number
  title: string
  /** Speaker notes as written (Markdown, with `[click]` markers). */
  notes: string
  frontmatter: Record<string, any>
  content: string
  /** File the slide lives in, relative to the deck root. */
  file: string
}

export interface Deck {
  entry: string
  headmatter: Record<string, any>
  slides: DeckSlide[]
}

export async function loadDeck(entryFile?: string): Promise<Deck> {
  const entry = entryPath(entryFile)
  const userRoot = resolve(entry, '..')
  const data = await load({ roots: [userRoot], userRoot }, entry)
  return {
    entry,
    headmatter: data.headmatter,
    slides: data.slides.map((s, i) => ({
      no: i + 1,
      title: s.title ?? '',
      notes: s.note ?? '',
      frontmatter: s.frontmatter ?? {},
      content: s.source?.content ?? s.content,
      file: relative(userRoot, s.source?.filepath ?? entry),
    })),
  }
}

/** Slidev's click marker in notes: `[click]` (next step) or `[click:N]` (step N). */
export const CLICK_MARK = /\[click(?::(\d+))?\]/g

/** How many click markers the notes hold. */
export const clickMarkCount = (notes: string) => [...notes.matchAll(CLICK_MARK)].length

/** Notes as plain spoken text: Markdown and click markers removed. */
export function speakable(markdown: string): string {
  return markdown
    .replace(CLICK_MARK, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`#>]+/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}

export const wordCount = (text: string) => (speakable(text).match(/\S+/g) ?? []).length

/**
 * The talk's length in seconds, from Slidev's own `duration` headmatter (the
 * presenter timer counts down from it with `timer: countdown`), read the
 * way Slidev's timer reads it: "25min", "1h", "25:00"; a bare number is seconds.
 */
export function talkLength(headmatter: Record<string, any>): number | undefined {
  const value = headmatter.duration
  if (value === undefined || value === null || value === '')
    return undefined
  let seconds: number
  try {
    seconds = parseTimeString(typeof value === 'number' ? value : String(value)).seconds
  }
  catch {
    seconds = Number.NaN
  }
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new Error(`headmatter \`duration\` must be a length such as 25min, got ${JSON.stringify(value)}`)
  return seconds
}
