/** A deck built in memory for unit tests of the timing, captions and narration: no files read. */
import type { Deck, DeckSlide } from '../../src/support/deck'
import { resolve } from 'node:path'

export function deckOf(slides: Partial<DeckSlide>[]): Deck {
  return {
    entry: resolve('/talk/slides.md'),
    headmatter: {},
    slides: slides.map((s, i) => ({ no: i + 1, title: `Slide ${i + 1}`, notes: '', frontmatter: {}, content: '', file: 'slides.md', ...s })),
  }
}

/** `n` distinct words, for notes of a known length. */
export const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ')
