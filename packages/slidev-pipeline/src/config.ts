import type { Page } from 'playwright-core'
import type { Overlay } from './capture/checks/overflow.ts'
import type { TextRun, TypeTier } from './capture/checks/textRuns.ts'
import type { HandoutLink, HandoutSource } from './outputs/handout/html.ts'
import type { Deck, Slide } from './support/deck.ts'
/**
 * The extension point: what a deck adds to the pipeline, from an optional
 * `deck.config.ts` (or .mts, .js, .mjs) beside its entry file. A deck without
 * one gets the generic checks only (src/check/deck-check.ts, src/capture/gate/).
 *
 *   // deck.config.ts
 *   import { defineConfig } from 'slidev-pipeline'
 *   export default defineConfig({
 *     name: 'my-talk',
 *     staticChecks: [{ name: 'speaker', run: deck => ({ warnings: deck.headmatter.author ? [] : ['set author:'] }) }],
 *     pageChecks: [{ name: 'text size', check: ({ no, runs }) => runs.filter(r => r.size < 20).map(r => `slide ${no}: …`) }],
 *   })
 *
 * A deck registers its own conventions (a talk's sources, its speaker placeholder) this way.
 * No Node import here: the package's root entry (src/index.ts) is loaded by a deck's
 * components in the browser too. The loader is src/check/deck-config.ts.
 */

/** What a static check is given: the deck as loaded (parsed once, each slide with its file's lines) and helpers for messages with file and line. */
export interface StaticDeck extends Deck {
  /** A path as the messages show it (relative to the working directory). */
  rel: (path: string) => string
  /** `file:line: slide N`, at the first line of the slide holding `needle` (else the slide's first line). */
  at: (slide: Slide, needle: string) => string
}

export interface CheckOutcome {
  /** Each stops the export (unless --force): `file:line: what is wrong`. */
  problems?: string[]
  /** Printed; nothing stops. */
  warnings?: string[]
}

export interface StaticCheck {
  name: string
  /** Prints the check's warnings as one list under this heading (given their count); default: one `Warning:` line each. */
  heading?: (count: number) => string
  run: (deck: StaticDeck) => CheckOutcome | Promise<CheckOutcome>
}

/** One slide at one click step as drawn on a capture page, with the text the gate measured on it. */
export interface PageSlide {
  no: number
  /** Click step shown (0 = before the first click). */
  step: number
  /** Every run of visible text: size, type scale tier, font, colours (src/capture/checks/textRuns.ts). */
  runs: TextRun[]
  /** The capture page, and a CSS selector for the slide's print container on it (a round trip per use: mind the cost). */
  page: Page
  scope: string
}

export interface PageCheck {
  /** The check's name, as the problem lines show it (`text size`, say). */
  name: string
  /** Problems on this slide at this step (`slide N: …`), named at the slide's file and line by the gate. */
  check: (slide: PageSlide) => string[] | Promise<string[]>
}

/** What the handout shows besides the slides and their notes. */
export interface HandoutExtras {
  /** QR codes on the cover, in order. */
  links?: HandoutLink[]
  /** The references pages, numbered in order (none: no references pages). */
  sources?: HandoutSource[]
  /** A line above the references (say, when the facts were last checked). */
  referencesNote?: string
  /** The line under the speaker's name on the cover and in the footer (default: none). */
  meta?: string
}

export interface DeckConfig {
  /** Base name of the exports: exports/<name>.pdf beside the entry (default: the entry's name, or its folder's for slides.md). */
  name?: string
  /** Checks run before the build, after the generic ones (npm run check runs them too). */
  staticChecks?: StaticCheck[]
  /** Checks run on every rendered slide and click step, after the generic ones. */
  pageChecks?: PageCheck[]
  /**
   * Page checks, generic or the deck's, whose findings stop the export. The
   * design checks (`contrast`, `font`, `stroke`) only warn unless named here:
   * a theme's own colours and web fonts are not the deck's to fix. `bleed` (a
   * shape with no text running off the slide, not marked `data-bleed`) says
   * nothing unless named here.
   */
  strict?: string[]
  /** The deck may load files from the network (as `--allow-remote`): no remote-asset problems, pages not kept offline. */
  allowRemote?: boolean
  /**
   * The deck's type scale, in canvas px: every run of text takes the first tier
   * whose `selector` holds it (a tier without one holds any text), and a run drawn
   * smaller than its tier's `min` is a `text size` problem. None: no type scale
   * is checked (`runs[].tier` is '' and `min` 0 in page checks).
   */
  typeScale?: TypeTier[]
  /** The voice's lexicon (JSON, `{ "words": { … } }`), relative to the entry's folder (default: `lexicon.json` in the narration folder, else `narration/lexicon.json` beside the entry). */
  lexicon?: string
  /** Elements drawn over the slide (a footnote pinned to its bottom) that must not cover its content: an `overflow` problem. */
  overlays?: Overlay[]
  handout?: (deck: Deck) => HandoutExtras
}

/** Types a deck's `deck.config.ts`: `export default defineConfig({ … })`. */
export function defineConfig(config: DeckConfig): DeckConfig {
  return config
}
