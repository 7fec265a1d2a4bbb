import type { Page } from 'playwright-core'
import type { PageCheck } from '../../check/deck-config.ts'
import type { CaptureHooks, SlideView } from '../capture.ts'
import type { FontSuspect } from '../checks/fonts.ts'
import type { Overlay } from '../checks/overflow.ts'
import type { TextRun, TypeTier } from '../checks/textRuns.ts'
/**
 * The export gate's runner: the page checks (src/capture/checks/) run on the
 * pages an export already opens, and each finding is kept as a plain Problem
 * record (which check, which slide and click step, what is wrong). It knows
 * nothing of files, lines or what stops an export: that is the reporter's
 * (./report.ts), which turns the records into `file:line: slide N …` lines.
 */
import { performance } from 'node:perf_hooks'
import { printContainerId, slidevDefaultRemote } from '../../slidev/internals.ts'
import { outsideSlidesInPage } from '../capture.ts'
import { computedContrastProblems, needsPixels, renderedContrastOf, strokeOverFillProblems } from '../checks/contrast.ts'
import { emptyFramesInPage } from '../checks/emptyFrames.ts'
import { drawnInFallback, FONT_SUSPECTS, fontSuspectsInPage } from '../checks/fonts.ts'
import { brokenImagesInPage } from '../checks/images.ts'
import { watchOffline } from '../checks/offline.ts'
import { BLEED_HINT, overflowInPage } from '../checks/overflow.ts'
import { watchPageErrors } from '../checks/pageErrors.ts'
import { stylesheetAsking } from '../checks/stylesheets.ts'
import { textRunsInPage } from '../checks/textRuns.ts'
import { typeScaleProblems } from '../checks/typeScale.ts'
import { unknownElementsInPage } from '../checks/unknownElements.ts'
import { inPage, onElement } from '../inPage.ts'

/** One thing a page check found, as seen: no file, no line, no verdict. */
export interface Problem {
  /** The check's id: `overflow`, `contrast`, `offline`, a deck's own page check's name, … */
  check: string
  /** The slide the page showed (1-based); none when no single slide was showing (a print page holds them all). */
  slide?: number
  /** The click step it showed (0 = before any click). */
  step?: number
  /** The colour scheme the page was drawn in. */
  theme?: 'light' | 'dark'
  /** What is wrong, without a `slide N:` prefix. */
  message: string
  /** The element the check names (`<li>`, `<table.security-matrix>`), when it names one. */
  element?: string
}

/** A slide instance on a page: its number and the print container holding it (a page may hold one per click step). */
export type SlideInstance = [no: number, scope: string | undefined]

const IN_PAGE = { textRuns: textRunsInPage, overflow: overflowInPage, unknownElements: unknownElementsInPage, brokenImages: brokenImagesInPage, fontSuspects: fontSuspectsInPage, emptyFrames: emptyFramesInPage }

/**
 * Runs in the page (sent with the checks it calls, by src/capture/inPage.ts):
 * every DOM check of every slide instance given, in one round trip. The text
 * walk runs once per instance; the fonts check reads its runs (and names the
 * runs Chromium is to be asked about, ../checks/fonts.ts), and the text
 * checks that need no page (type scale, contrast, stroke) run on them back in Node.
 */
async function domChecksInPage({ slides, tiers, overlays, installedFonts, store }: { slides: SlideInstance[], tiers?: TypeTier[], overlays?: Overlay[], installedFonts: string[], store: string }, c: typeof IN_PAGE): Promise<string> {
  const out: { runs: TextRun[], problems: [string, string][], suspects: FontSuspect[] }[] = []
  ;(window as any)[store] = []
  for (const [n, scope] of slides) {
    const runs = c.textRuns([n, scope, { tiers, keep: store }])
    if (!runs) {
      out.push({ runs: [], problems: [['render', `slide ${n}: not rendered`]], suspects: [] })
      continue
    }
    const problems: [string, string][] = []
    const add = (check: string, messages: string[]) => messages.forEach(m => problems.push([check, m]))
    add('overflow', c.overflow([n, scope, overlays]))
    add('unknown element', c.unknownElements([n, scope]))
    add('image', await c.brokenImages([n, scope]))
    add('empty frame', c.emptyFrames([n, scope]))
    const suspects = await c.fontSuspects([n, runs, installedFonts, store])
    // What Node reads of each run; the rest stays here.
    out.push({ runs: runs.map(({ chars, families, probeKey, ...kept }) => kept as TextRun), problems, suspects })
  }
  // As one string: Playwright's structured serialization of hundreds of small objects costs far more than JSON.
  return JSON.stringify(out)
}

/** The print container of a slide at a click step (on the PDF's page, its last step). */
function containerOf(no: number, clicks: number) {
  return `[id="${printContainerId(no, clicks)}"]`
}

/** The `slide N:` (or `slide N (theme):`) the checks start their messages with: the record has the slide already. */
const SLIDE_PREFIX = /^slide \d+(?: \([^)]*\))?: /
/** A message that starts by naming an element: `<li> "…" extends past …`. */
const LEADING_ELEMENT = /^<[\w-]+(?:\.[\w-]+)*>/

export interface GateRunnerOptions {
  /** The deck's own page checks (deck.config.ts). */
  pageChecks?: PageCheck[]
  /** The deck's type scale (deck.config.ts `typeScale`): each run below its tier's size is a `text size` problem. */
  typeScale?: TypeTier[]
  /** Elements that must not cover the slide's content (deck.config.ts `overlays`), judged with overflow. */
  overlays?: Overlay[]
  /** Requests may leave the machine (--allow-remote): not watched. */
  allowRemote?: boolean
  /** The colour scheme the capture pages use, recorded on every problem. */
  theme?: 'light' | 'dark'
  /** File names in messages are relative to it (the stylesheet that asked for a missing file). */
  cwd?: string
  /** Families the deck names as installed fonts (../checks/fonts.ts installedFontsOf): judged even with no @font-face. */
  installedFonts?: string[]
}

export class GateRunner {
  /** Every finding, in the order seen (the same problem may be seen at several steps and pages: the reporter names it once). */
  readonly problems: Problem[] = []
  /** Time spent in the page checks, for the cost the export reports. */
  seconds = 0
  /** The stylesheets the build bundled (../checks/stylesheets.ts), once it is known; a 404 one of them asks for names it. */
  stylesheets: string[] = []
  /** The slide and click step each page shows now: listeners report against it (pages work side by side). */
  private readonly where = new WeakMap<Page, { slide?: number, step?: number }>()
  /** Slides with text computed colours cannot judge (measured from pixels once, at the last click step), and those measured. */
  private readonly undecided = new Set<number>()
  private readonly measured = new Set<number>()

  constructor(readonly options: GateRunnerOptions = {}) {}

  /** Records what a check found at `where` (a slide and click step), or with no slide when none was showing. */
  add(check: string, message: string, where: { slide?: number, step?: number } = {}) {
    const text = message.replace(SLIDE_PREFIX, '')
    const element = text.match(LEADING_ELEMENT)?.[0]
    this.problems.push({ check, ...where, ...(this.options.theme && { theme: this.options.theme }), message: text, ...(element && { element }) })
  }

  /**
   * Watches a page before it loads the deck (its context is made offline, with
   * OFFLINE_CONTEXT): requests that tried to leave the machine and errors are
   * recorded at the slide it shows.
   */
  watchPage(page: Page) {
    if (!this.options.allowRemote) {
      watchOffline(page, (message, url) => {
        const slidev = slidevDefaultRemote(url)
        // One line per cause: Slidev asks Google Fonts once per font set (its query); the remedy is the same.
        if (slidev)
          this.add('slidev default', `request to ${url.replace(/\?.*$/, '')} blocked: ${slidev}`)
        else
          this.add('offline', message, this.where.get(page))
      })
    }
    watchPageErrors(page, message => this.add('error', message, this.where.get(page)), path => this.stylesheets.length ? stylesheetAsking(path, this.stylesheets, this.options.cwd ?? process.cwd()) : undefined)
  }

  /** The slide and click step `page` shows now, for problems its listeners report. */
  at(page: Page, slide: number | undefined, step?: number) {
    this.where.set(page, { slide, step })
  }

  /**
   * With --allow-remote a file on another server is fetched, not blocked; when it
   * still did not load (no network here), the line says what the user can do.
   * Offline, the blocked request's own line says it already.
   */
  private withRemedy(check: string, message: string): string {
    return this.options.allowRemote && check === 'image' && /image (?:https?:)?\/\/\S+ did not load$/.test(message)
      ? `${message}: it is on another server, which this export could not reach; put a copy in public/ and point the slide at it, or write anyway with --force (the slide without it)`
      : message
  }

  /**
   * Runs the DOM checks on slide instances drawn on `page`, all in one round
   * trip: `steps[i]` is the click step instance `i` shows.
   */
  async checkSlides(page: Page, slides: SlideInstance[], steps: number[]) {
    await this.timed(async () => {
      const { typeScale: tiers, overlays } = this.options
      const results = JSON.parse(await inPage(page, domChecksInPage, { slides, tiers, overlays, installedFonts: this.options.installedFonts ?? [], store: FONT_SUSPECTS }, IN_PAGE)) as { runs: TextRun[], problems: [string, string][], suspects: FontSuspect[] }[]
      // Runs the page could not vouch for: Chromium says which font drew them (one question each, only for these).
      const stepOf = new Map(results.flatMap(({ suspects }, i) => suspects.map(s => [s, steps[i]] as const)))
      for (const { suspect, message } of await drawnInFallback(page, results.flatMap(r => r.suspects)))
        this.add('font', message, { slide: suspect.slide, step: stepOf.get(suspect) })
      results.forEach(({ runs, problems }, i) => {
        const slide = slides[i]![0]
        const where = { slide, step: steps[i] }
        // A shape with nothing to read in it past an edge is a bleed: quiet unless the deck makes `bleed` strict (./report.ts).
        problems.forEach(([check, message]) => this.add(check === 'overflow' && BLEED_HINT.test(message) ? 'bleed' : check, this.withRemedy(check, message), where))
        computedContrastProblems(slide, runs).forEach(m => this.add('contrast', m, where))
        strokeOverFillProblems(slide, runs).forEach(m => this.add('stroke', m, where))
        if (tiers?.length)
          typeScaleProblems(slide, runs).forEach(m => this.add('text size', m, where))
        if (runs.some(needsPixels))
          this.undecided.add(slide)
      })
      // The deck's own page checks (deck.config.ts), on the runs just measured.
      for (const check of this.options.pageChecks ?? []) {
        for (const [i, { runs }] of results.entries()) {
          const [no, scope] = slides[i]!
          for (const message of await check.check({ no, step: steps[i] ?? 0, runs, page, scope: scope ?? '' }))
            this.add(check.name, message, { slide: no, step: steps[i] })
        }
      }
    })
  }

  /**
   * Rendered contrast, where it costs little: only on slides with text whose
   * contrast computed colours cannot tell (a stroke, a filter, an image
   * behind it), once per slide, at its last click step, and only for that
   * text's area.
   */
  async checkPixels(view: SlideView) {
    if (!view.final || !this.undecided.has(view.no) || this.measured.has(view.no))
      return
    this.measured.add(view.no)
    await this.timed(async () => {
      // The print page stacks every slide: bring this one into the viewport.
      if (view.route === 'print')
        await onElement(view.element, el => el.scrollIntoView({ block: 'start' }))
      for (const message of await renderedContrastOf(view.page, view.no, '', { scope: containerOf(view.no, view.clicks), undecidedOnly: true }))
        this.add('contrast', message, { slide: view.no, step: view.clicks })
    })
  }

  /**
   * The runner as capture hooks, around the caller's own: every capture page
   * is watched before it loads, and every slide (and click step) is checked
   * where the capture draws it.
   */
  hooks(inner: CaptureHooks = {}): CaptureHooks {
    return {
      onPage: async (page, route) => {
        this.watchPage(page)
        await inner.onPage?.(page, route)
      },
      onSlides: async (views) => {
        if (!views.length)
          return
        if (views[0]!.route === 'print') {
          for (const what of await inPage(views[0]!.page, outsideSlidesInPage, false))
            this.add('outside slides', `the page's <body> holds ${what} outside the slides (from the deck's index.html?): it is left out of the PDF`)
        }
        await this.checkSlides(views[0]!.page, views.map(v => [v.no, containerOf(v.no, v.clicks)]), views.map(v => v.clicks))
        await inner.onSlides?.(views)
      },
      onSlide: async (view) => {
        this.at(view.page, view.no, view.clicks)
        await this.checkPixels(view)
        await inner.onSlide?.(view)
      },
    }
  }

  private async timed(work: () => Promise<void>) {
    const started = performance.now()
    try {
      await work()
    }
    finally {
      this.seconds += (performance.now() - started) / 1000
    }
  }
}
