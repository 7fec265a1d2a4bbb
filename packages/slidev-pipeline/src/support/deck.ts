/**
 * The deck as data, read with Slidev's own parser: titles, notes, frontmatter
 * of every slide (after `src:` imports are resolved). The handout, the video and
 * the tests all read the deck through here.
 */
import type { Frontmatter, Headmatter } from '@slidev/types'
import { relative, resolve } from 'node:path'
import { load } from '@slidev/parser/fs'
import { parseTimeString } from '@slidev/parser/utils'
import MarkdownIt from 'markdown-it'
import { entryPath } from './paths.ts'

/**
 * Slidev's headmatter, and any field a deck adds (its own config reads them).
 * Values come from YAML, so a field may hold anything: read them through checks.
 */
export interface DeckHeadmatter extends Headmatter {
  /** The PDF's keywords (pdf-lib metadata). */
  keywords?: string | string[]
  [field: string]: unknown
}

/**
 * Slidev's frontmatter, plus the fields the video reads: seconds for the whole
 * slide or per click step. `unknown` because YAML may hold anything there; the
 * video's timing checks them and names the slide when they are wrong.
 */
export interface DeckFrontmatter extends Frontmatter {
  duration?: unknown
  durations?: unknown
  /** Slidev's parser names a slide by `title:`, else `name:` (not in @slidev/types). */
  name?: unknown
}

/** Where a slide is written, for messages with file and line: absolute path, and 0-based lines of its start (its opening `---`), its content and its end (Slidev's parser). */
export interface SlidePlace { filepath: string, start: number, contentStart: number, end: number }

/**
 * One slide, as Slidev's parser reads it (after `src:` imports are resolved),
 * with where it is written and every line of that file: what the deck check,
 * the gate's reporter, the outputs and a deck's own checks all read. The deck
 * is parsed once (loadDeck); nothing reads its files again.
 */
export interface Slide extends SlidePlace {
  /** 1-based, as in Slidev's URLs and the PDF's pages. */
  no: number
  /**
   * The slide's title as a reader sees it: its first heading as drawn once the
   * deck is captured (withPageTitles), before that Slidev's parsed title as
   * plain text (plainTitle); '' when the slide has none (slideLabel names it).
   */
  title: string
  /** Speaker notes as written (Markdown, with `[click]` markers). */
  notes: string
  frontmatter: DeckFrontmatter
  /** The slide's Markdown, frontmatter and notes excluded. */
  content: string
  /** File the slide lives in, relative to the deck root. */
  file: string
  /** Every line of the file the slide is written in, as the parser read it (shared by the slides of one file). */
  lines: readonly string[]
  /** Images Slidev's parser found besides the Markdown: frontmatter (`image:`), component props, CSS. */
  images: readonly string[]
  /** YAML errors in the slide's frontmatter: the message and its 1-based line within the frontmatter. */
  frontmatterErrors: readonly { message: string, line: number }[]
}

export interface Deck {
  /** The entry file, absolute. */
  entry: string
  /** Slidev's user root: the entry's folder. */
  userRoot: string
  headmatter: DeckHeadmatter
  slides: Slide[]
}

/** The deck, parsed once by Slidev's parser, with every file's lines; throws when it cannot be parsed (the deck check names it). */
export async function loadDeck(entryFile?: string): Promise<Deck> {
  const entry = entryPath(entryFile)
  const userRoot = resolve(entry, '..')
  const data = await load({ roots: [userRoot], userRoot }, entry)
  // Each file's lines from the parser's own read of it (every file it loaded, `src:` imports included).
  const lines = new Map(Object.values(data.markdownFiles).map(md => [md.filepath, md.raw.split(/\r?\n/)]))
  const linesOf = (file: string) => lines.get(file) ?? []
  return {
    entry,
    userRoot,
    // The deck's title is the first slide's raw title when the headmatter sets none (Slidev's parser); plain text, as Slidev's <title>.
    headmatter: { ...data.headmatter, ...(typeof data.headmatter.title === 'string' ? { title: plainTitle(data.headmatter.title) } : {}) } as DeckHeadmatter,
    slides: data.slides.map((s, i) => {
      const filepath = s.source?.filepath ?? entry
      return {
        no: i + 1,
        title: plainTitle(s.title ?? ''),
        notes: s.note ?? '',
        frontmatter: (s.frontmatter ?? {}) as DeckFrontmatter,
        content: s.source?.content ?? s.content,
        file: relative(userRoot, filepath),
        filepath,
        start: s.source?.start ?? 0,
        contentStart: s.source?.contentStart ?? 0,
        end: s.source?.end ?? 0,
        lines: linesOf(filepath),
        images: s.source?.images ?? [],
        frontmatterErrors: (s.source?.frontmatterDoc?.errors ?? []).map(e => ({ message: e.message, line: e.linePos?.[0]?.line ?? 1 })),
      }
    }),
  }
}

// As Slidev parses a title for the page's <title> (html on: a component's tag is a tag, not text).
const titleMd = new MarkdownIt({ html: true })

/**
 * A title as Slidev's parser gives it (`# Talk on **May 1st 2020**`'s raw
 * text) as plain text: Markdown rendered and stripped, a component's or HTML
 * tag dropped (its slot text kept), a Vue `{{ }}` dropped (only the page knows
 * its value). Slidev strips its page title the same way (text and code tokens).
 */
export function plainTitle(markdown: string): string {
  const tokens = titleMd.parseInline(markdown.replace(/\{\{[\s\S]*?\}\}/g, ' '), {})
  const text = (list: typeof tokens): string => list.map((t) => {
    if (t.type === 'text' || t.type === 'code_inline')
      return t.content
    if (t.type === 'softbreak' || t.type === 'hardbreak')
      return ' '
    return t.children && t.type !== 'image' ? text(t.children) : ''
  }).join('')
  return text(tokens).replace(/\s+/g, ' ').trim()
}

/** How a list names a slide (PDF outline, handout, storyboard): its title, or "Slide N" when it has none, so every slide has an entry. */
export const slideLabel = (slide: Pick<Slide, 'no' | 'title'>) => slide.title || `Slide ${slide.no}`

/**
 * The deck with each slide's title taken from its page as drawn (`headings`:
 * the text of its first heading, by slide number): what the audience reads,
 * a component in the heading drawn. A slide's own `title:`/`name:` in its
 * frontmatter stays: Slidev's navigation names the slide by it too.
 */
export function withPageTitles(deck: Deck, headings: Map<number, string>): Deck {
  return {
    ...deck,
    slides: deck.slides.map((s) => {
      const heading = headings.get(s.no)?.replace(/\s+/g, ' ').trim()
      return heading && !s.frontmatter.title && !s.frontmatter.name ? { ...s, title: heading } : s
    }),
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
export function talkLength(headmatter: Pick<DeckHeadmatter, 'duration'>): number | undefined {
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
