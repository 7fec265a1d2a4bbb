export type { TextRun } from './capture/checks/textRuns.ts'
/**
 * The package's public API (`import { defineConfig } from 'slidev-pipeline'`): what a
 * deck's `deck.config.ts` uses. Nothing here loads the pipeline; the CLI is the bin.
 */
export { defineConfig } from './check/deck-config.ts'
export type { CheckOutcome, DeckConfig, HandoutExtras, PageCheck, PageSlide, StaticCheck, StaticDeck } from './check/deck-config.ts'
export type { HandoutLink, HandoutSource } from './outputs/handout/html.ts'
export type { Deck, DeckHeadmatter, Slide, SlidePlace } from './support/deck.ts'
