/**
 * `slidev-pipeline/testing`: what a deck's own tests use, in Node. The commands
 * as functions (`runPipeline` is every export command, `inspectDeck` is `check`),
 * the deck as the toolkit reads it, and what a test needs to drive the built
 * deck in Chromium and hold each slide it shows to the gate's page checks.
 * Kept apart from the root entry, which a deck's components bundle for the browser.
 */
export { buildAndServe, serveDeck } from './build/build.ts'
export type { ServedDeck } from './build/build.ts'
export { launchChromium } from './capture/browser.ts'
export { computedContrastOf, renderedContrastOf, strokeOverFillOf } from './capture/checks/contrast.ts'
export { emptyFramesOf } from './capture/checks/emptyFrames.ts'
export { unloadedFontsOf } from './capture/checks/fonts.ts'
export { brokenImagesOf } from './capture/checks/images.ts'
export { OFFLINE_CONTEXT, watchOffline } from './capture/checks/offline.ts'
export { overflowOf } from './capture/checks/overflow.ts'
export { watchPageErrors } from './capture/checks/pageErrors.ts'
export { halve } from './capture/checks/pixels.ts'
export { typeScaleOf } from './capture/checks/typeScale.ts'
export { unknownElementsOf } from './capture/checks/unknownElements.ts'
export { problemLines } from './capture/gate/report.ts'
export type { SlideSource } from './capture/gate/report.ts'
export type { Problem } from './capture/gate/runner.ts'
export { clickStepsOf, INSTANT_TRANSITIONS, settle, showSlide } from './capture/page.ts'
export { checkDeck, inspectDeck } from './check/deck-check.ts'
export type { HandoutLayout } from './outputs/handout/handout.ts'
export { applyLexicon, readLexicon } from './outputs/narration/lexicon.ts'
export { findVoice } from './outputs/narration/voice.ts'
export { runPipeline } from './pipeline.ts'
export type { PipelineOptions, PipelineResult } from './pipeline.ts'
export { CLICK_MARK, clickMarkCount, loadDeck, speakable, talkLength, wordCount } from './support/deck.ts'
