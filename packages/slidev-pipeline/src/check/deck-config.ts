import type { Page } from 'playwright-core'
import type { TextRun } from '../capture/checks/textRuns.ts'
import type { HandoutLink, HandoutSource } from '../outputs/handout/html.ts'
import type { Deck, Slide } from '../support/deck.ts'
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
 */
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'

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
  /** The line under the speaker's name on the cover and in the footer (default: the headmatter's `event`). */
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
  handout?: (deck: Deck) => HandoutExtras
}

/** Types a deck's `deck.config.ts`: `export default defineConfig({ … })`. */
export function defineConfig(config: DeckConfig): DeckConfig {
  return config
}

export const CONFIG_FILES = ['deck.config.ts', 'deck.config.mts', 'deck.config.js', 'deck.config.mjs']

/** The config file beside `entry`, if any. */
export function deckConfigFile(entry: string): string | undefined {
  return CONFIG_FILES.map(name => join(dirname(entry), name)).find(existsSync)
}

/** The deck's config (empty when it has none); a config that fails to load stops with its file named. */
export async function loadDeckConfig(entry: string): Promise<DeckConfig> {
  const file = deckConfigFile(entry)
  if (!file)
    return {}
  try {
    // jiti, as Slidev itself loads a deck's TypeScript setups (setup/*.ts) and the pipeline's
    // build loads setup/preparser.ts: the toolkit runs as plain JavaScript (dist/), and a
    // deck's config is TypeScript that imports the deck's own files. No module cache, so a
    // config edited between two calls in one process is read again.
    const { createJiti } = await import('jiti')
    const jiti = createJiti(import.meta.url, { moduleCache: false })
    const loaded = await jiti.import<DeckConfig | undefined>(file, { default: true })
    return loaded ?? {}
  }
  catch (error) {
    throw new Error(`${file}: cannot be loaded: ${(error as Error).message}`)
  }
}
