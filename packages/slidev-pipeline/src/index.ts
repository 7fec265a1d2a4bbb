export type { Overlay } from './capture/checks/overflow.ts'
export type { TextRun, TypeTier } from './capture/checks/textRuns.ts'
/**
 * The package's public API (`import { defineConfig } from 'slidev-pipeline'`):
 * what a deck's `deck.config.ts` and its components use. Nothing here loads the
 * pipeline or imports Node: a deck's components bundle it for the browser. The
 * CLI is the bin; a deck's own tests have `slidev-pipeline/testing`.
 */
export { defineConfig } from './config.ts'
export type { CheckOutcome, DeckConfig, HandoutExtras, PageCheck, PageSlide, StaticCheck, StaticDeck } from './config.ts'
export type { HandoutLink, HandoutSource } from './outputs/handout/html.ts'
export type { Deck, DeckHeadmatter, Slide, SlidePlace } from './support/deck.ts'
// For a deck's components: its QR codes drawn as the handout draws them, its speaker as every artifact names them.
export { qrAlt, qrSvg } from './support/qrSvg.ts'
export { PLACEHOLDER_AUTHOR, speakerOf } from './support/speaker.ts'
