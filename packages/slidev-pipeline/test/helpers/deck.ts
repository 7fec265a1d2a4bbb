/** A deck built in memory for unit tests of the timing, captions and narration: no files read. */
import type { Deck, Slide } from '../../src/support/deck'
import { resolve } from 'node:path'

export function deckOf(slides: Partial<Slide>[]): Deck {
  const entry = resolve('/talk/slides.md')
  return {
    entry,
    userRoot: resolve('/talk'),
    headmatter: {},
    slides: slides.map((s, i) => ({ no: i + 1, title: `Slide ${i + 1}`, notes: '', frontmatter: {}, content: '', file: 'slides.md', filepath: entry, start: 0, contentStart: 0, end: 0, lines: [], images: [], frontmatterErrors: [], ...s })),
  }
}

/** `n` distinct words, for notes of a known length. */
export const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ')
