import type { Page } from 'playwright-chromium'
import type { PageCheck } from '../check/deck-config'
import type { Deck, SlidePlace } from '../support/deck'
import type { CaptureHooks, SlideView } from './capture'
import type { TextRun } from './checks/textRuns'
/**
 * The export gate: the page-side checks (src/capture/checks/) run on the pages
 * an export already opens, and every problem is named by slide number, its
 * source file and line, and the click step. The export stops before writing
 * when anything is wrong; `--force` prints the same lines as warnings.
 */
import { readFileSync } from 'node:fs'
import { relative } from 'node:path'
import { performance } from 'node:perf_hooks'
import { printContainerId, slidevDefaultRemote } from '../build/slidev-internals'
import { clickMarkCount, loadDeck } from '../support/deck'
import { computedContrastProblems, needsPixels, renderedContrastOf, strokeOverFillProblems } from './checks/contrast'
import { emptyFramesInPage } from './checks/emptyFrames'
import { unloadedFontsInPage } from './checks/fonts'
import { brokenImagesInPage } from './checks/images'
import { watchOffline } from './checks/offline'
import { overflowInPage } from './checks/overflow'
import { watchPageErrors } from './checks/pageErrors'
import { textRunsInPage } from './checks/textRuns'
import { unknownElementsInPage } from './checks/unknownElements'

/** A slide and where it is written, as Slidev's parser reads it. */
export interface SlideSource extends SlidePlace {
  no: number
  title: string
  /** Speaker notes as written, `[click]` marks included. */
  notes: string
}

/** A slide instance on a page: its number and the print container holding it (a page may hold one per click step). */
export type SlideInstance = [no: number, scope: string | undefined]

/**
 * Runs in the page (sent as source text with the checks it calls): every DOM
 * check of every slide instance given, in one round trip. The text walk runs
 * once per instance; the fonts check reads its runs, and the text checks that
 * need no page (type scale, contrast, stroke) run on them back in Node.
 */
async function domChecksInPage(slides: SlideInstance[], c: Record<'textRuns' | 'overflow' | 'unknownElements' | 'brokenImages' | 'unloadedFonts' | 'emptyFrames', (arg: any) => any>): Promise<string> {
  const out: { runs: TextRun[], problems: [string, string][] }[] = []
  for (const [n, scope] of slides) {
    const runs: TextRun[] | null = c.textRuns([n, scope])
    if (!runs) {
      out.push({ runs: [], problems: [['render', `slide ${n}: not rendered`]] })
      continue
    }
    const problems: [string, string][] = []
    const add = (check: string, messages: string[]) => messages.forEach(m => problems.push([check, m]))
    add('overflow', c.overflow([n, scope]))
    add('unknown element', c.unknownElements([n, scope]))
    add('image', await c.brokenImages([n, scope]))
    add('empty frame', c.emptyFrames([n, scope]))
    add('font', await c.unloadedFonts([n, runs]))
    // What Node reads of each run; the rest stays here.
    out.push({ runs: runs.map(({ chars, ...kept }) => kept), problems })
  }
  // As one string: Playwright's structured serialization of hundreds of small objects costs far more than JSON.
  return JSON.stringify(out)
}

const IN_PAGE = { textRuns: textRunsInPage, overflow: overflowInPage, unknownElements: unknownElementsInPage, brokenImages: brokenImagesInPage, unloadedFonts: unloadedFontsInPage, emptyFrames: emptyFramesInPage }

/** The in-page checks as one expression (tsx wraps named functions in `__name`, which the page lacks: a stand-in). */
function domChecksSource(slides: SlideInstance[]) {
  return `(async () => { const __name = (f) => f; return (${domChecksInPage.toString()})(${JSON.stringify(slides)}, { ${
    Object.entries(IN_PAGE).map(([name, fn]) => `${name}: (${fn.toString()})`).join(',\n')} }) })()`
}

/** The print container of a slide at a click step (on the PDF's page, its last step). */
function containerOf(no: number, clicks: number) {
  return `[id="${printContainerId(no, clicks)}"]`
}

export interface GateProblem {
  slide?: number
  /** Click step the slide showed (0 = before any click). */
  step?: number
  check: string
  message: string
}

export class ExportCheckError extends Error {
  constructor(readonly problems: string[]) {
    super(`The export stopped before writing anything: ${problems.length} problem${problems.length > 1 ? 's' : ''} on the rendered slides:\n${
      problems.map(p => `  - ${p}`).join('\n')}\nFix them, or run again with --force to write the file anyway.`)
    this.name = 'ExportCheckError'
  }
}

/** The deck's slides with their files and lines. */
export function slideSources(deck: Deck): SlideSource[] {
  return deck.slides.map(s => ({ no: s.no, title: s.title, notes: s.notes, ...(s.source ?? { filepath: deck.entry, start: 0, contentStart: 0, end: 0 }) }))
}

const SLIDE_PREFIX = /^slide \d+(?: \([^)]*\))?: /

/**
 * Page checks that warn instead of stopping, unless the deck names them in
 * `strict` (deck.config.ts): contrast and fonts judge the theme's colours and
 * web fonts as much as the deck, and Slidev's own remote defaults (web fonts,
 * favicon) are in no line of the deck.
 */
export const ADVISORY_CHECKS = ['contrast', 'font', 'stroke', 'slidev default']

export interface GateOptions {
  /** The deck's own page checks (deck.config.ts). */
  pageChecks?: PageCheck[]
  /** Checks whose findings stop the export even when advisory by default. */
  strict?: string[]
  /** Requests may leave the machine (--allow-remote): not watched. */
  allowRemote?: boolean
}

export class Gate {
  readonly problems: GateProblem[] = []
  private readonly clicks = new Map<number, number>()
  /** Time spent in the page checks, for the cost the export reports. */
  seconds = 0
  /** The slide and click step each page shows now: listeners report against it (pages work side by side). */
  private readonly where = new WeakMap<Page, { slide?: number, step?: number }>()
  private readonly texts = new Map<string, string[]>()
  /** Slides with text computed colours cannot judge (measured from pixels once, at the last click step), and those measured. */
  private readonly undecided = new Set<number>()
  private readonly measured = new Set<number>()

  private readonly advisory: Set<string>

  constructor(readonly slides: SlideSource[], readonly options: GateOptions = {}) {
    this.advisory = new Set(ADVISORY_CHECKS.filter(c => !options.strict?.includes(c)))
  }

  static async forDeck(entry: string, options: GateOptions = {}) {
    return new Gate(slideSources(await loadDeck(entry)), options)
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
        if (slidev)
          this.add('slidev default', `request to ${url} blocked: ${slidev}`)
        else
          this.add('offline', message, this.where.get(page))
      })
    }
    watchPageErrors(page, message => this.add('error', message, this.where.get(page)))
  }

  /** The slide and click step `page` shows now, for problems its listeners report. */
  at(page: Page, slide: number | undefined, step?: number) {
    this.where.set(page, { slide, step })
  }

  /**
   * Runs the DOM checks on slide instances drawn on `page`, all in one round
   * trip: `steps[i]` is the click step instance `i` shows (for the messages).
   */
  async checkSlides(page: Page, slides: SlideInstance[], steps: number[]) {
    await this.timed(async () => {
      const results = JSON.parse(await page.evaluate(domChecksSource(slides)) as string) as { runs: TextRun[], problems: [string, string][] }[]
      results.forEach(({ runs, problems }, i) => {
        const slide = slides[i]![0]
        const where = { slide, step: steps[i] }
        problems.forEach(([check, message]) => this.add(check, message, where))
        computedContrastProblems(slide, runs).forEach(m => this.add('contrast', m, where))
        strokeOverFillProblems(slide, runs).forEach(m => this.add('stroke', m, where))
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
        await view.element.evaluate(el => el.scrollIntoView({ block: 'start' }))
      for (const message of await renderedContrastOf(view.page, view.no, '', { scope: containerOf(view.no, view.clicks), undecidedOnly: true }))
        this.add('contrast', message, { slide: view.no, step: view.clicks })
    })
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

  /** Records that slide `slideNo` has `steps` click steps (the most seen); compared with its notes by `clickWarnings`. */
  countClicks(slideNo: number, steps: number) {
    this.clicks.set(slideNo, Math.max(steps, this.clicks.get(slideNo) ?? 0))
  }

  /**
   * One warning per slide whose notes hold more or fewer `[click]` marks than it
   * has click steps: the presenter view highlights, and the video captions
   * follow, the marks. Slides without notes are npm run check's to warn about.
   */
  clickWarnings(cwd = process.cwd()): string[] {
    return this.slides.flatMap((slide) => {
      const steps = this.clicks.get(slide.no)
      const marks = clickMarkCount(slide.notes)
      if (steps === undefined || !slide.notes.trim() || marks === steps)
        return []
      const lines = this.linesOf(slide)
      const notesAt = lines.slice(0, Math.min(slide.end, lines.length)).findLastIndex((l, i) => i >= slide.start && l.includes('<!--'))
      return [`${relative(cwd, slide.filepath) || slide.filepath}:${(notesAt < 0 ? slide.start : notesAt) + 1}: slide ${slide.no}${slide.title ? ` "${slide.title}"` : ''}: its notes have ${marks} [click] mark${marks === 1 ? '' : 's'} but the slide has ${steps} click step${steps === 1 ? '' : 's'}`]
    })
  }

  /** Records a problem at `where` (a slide and click step), or with no slide when none was showing. */
  add(check: string, message: string, where: { slide?: number, step?: number } = {}) {
    let { slide, step } = where
    const text = message.replace(SLIDE_PREFIX, '')
    // A file fetched while one slide shows may belong to another (CSS a slide brings, a preloaded next slide):
    // the slide whose source names the URL is the one to fix.
    const named = this.slideMentioning(text, slide)
    if (named && named.no !== slide)
      [slide, step] = [named.no, undefined]
    // The same problem at another click step of the same slide says nothing new: it is named at the
    // first step it shows (capture pages work side by side, so a later step may be seen first).
    const known = this.problems.find(p => p.slide === slide && p.check === check && p.message === text)
    if (!known)
      this.problems.push({ slide, step, check, message: text })
    else if (step !== undefined && known.step !== undefined && step < known.step)
      known.step = step
  }

  /** Problems that stop the export (the rest are advisory: see ADVISORY_CHECKS). */
  get stopping() {
    return this.problems.filter(p => !this.advisory.has(p.check))
  }

  get failed() {
    return this.stopping.length > 0
  }

  /** One line per problem: `file:line: slide N "title", click S: what is wrong`. */
  report(cwd = process.cwd(), problems = this.problems): string[] {
    return problems.map((p) => {
      const slide = this.slides.find(s => s.no === p.slide) ?? this.slideMentioning(p.message)
      if (!slide)
        return `${p.check}: ${p.message}`
      const file = relative(cwd, slide.filepath) || slide.filepath
      const step = p.step === undefined ? '' : `, click ${p.step}`
      return `${file}:${this.lineOf(slide, p.message)}: slide ${slide.no}${slide.title ? ` "${slide.title}"` : ''}${step}: ${p.message}`
    })
  }

  /** Throws an ExportCheckError listing every problem; with `force`, prints them as warnings instead. */
  enforce(options: { force?: boolean } = {}) {
    const warnings = this.clickWarnings()
    const advisory = this.report(process.cwd(), this.problems.filter(p => this.advisory.has(p.check)))
    if (warnings.length || advisory.length)
      console.warn(`Warning${warnings.length + advisory.length > 1 ? 's' : ''}:\n${[...warnings, ...advisory].map(w => `  - ${w}`).join('\n')}`)
    if (!this.failed)
      return
    const lines = this.report(process.cwd(), this.stopping)
    if (!options.force)
      throw new ExportCheckError(lines)
    console.warn(`Warning: writing anyway (--force) despite ${lines.length} problem${lines.length > 1 ? 's' : ''} on the rendered slides:\n${lines.map(l => `  - ${l}`).join('\n')}`)
  }

  private linesOf(slide: SlideSource): string[] {
    if (!this.texts.has(slide.filepath))
      this.texts.set(slide.filepath, readFileSync(slide.filepath, 'utf8').split('\n'))
    return this.texts.get(slide.filepath)!
  }

  /** What a problem names that the source may contain: a tag, a URL or path, quoted text (whole, then its first words). */
  private static needles(message: string): string[] {
    const needles: string[] = []
    for (const m of message.matchAll(/<([\w-]+)(?:[\s/][^>]*)?>/g))
      needles.push(`<${m[1]}`)
    // `<table.security-matrix>`: the component a class is named after (<SecurityMatrix />).
    for (const m of message.matchAll(/<[\w-]+((?:\.[\w-]+)+)>/g)) {
      for (const cls of m[1]!.split('.').filter(Boolean))
        needles.push(`<${cls.replace(/(?:^|-)(\w)/g, (_, c: string) => c.toUpperCase())}`)
    }
    for (const m of message.matchAll(/(?:https?:\/\/|\/)[^\s:"'()]+/g)) {
      // The browser adds a slash to a bare host (https://cover.sli.dev/); the deck may not have written it.
      needles.push(m[0], m[0].replace(/(?<=\/\/[^/]+)\/$/, ''))
      needles.push(m[0].split('/').pop()!)
    }
    for (const m of message.matchAll(/"([^"]{3,})"/g)) {
      const words = m[1]!.split(/\s+/)
      for (let n = words.length; n >= Math.min(3, words.length); n--)
        needles.push(words.slice(0, n).join(' '))
    }
    return needles.filter(n => n.length >= 3)
  }

  /** 1-based line in the slide's file (frontmatter included) of the first thing the problem names; else where its content starts. */
  private lineOf(slide: SlideSource, message: string): number {
    const lines = this.linesOf(slide)
    const last = Math.min(slide.end, lines.length)
    for (const needle of Gate.needles(message)) {
      for (let i = slide.start; i < last; i++) {
        if (lines[i]!.toLowerCase().includes(needle.toLowerCase()))
          return i + 1
      }
    }
    for (let i = slide.contentStart; i < last; i++) {
      if (lines[i]!.trim())
        return i + 1
    }
    return slide.start + 1
  }

  /** For a problem seen while no single slide was showing (a print page holds them all): the slide whose source names its URL. */
  private slideMentioning(message: string, showing?: number): SlideSource | undefined {
    const urls = Array.from(message.matchAll(/(?:https?:\/\/|\/)[^\s:"'()]+/g), m => m[0].replace(/(?<=\/\/[^/]+)\/$/, '')).filter(u => u.length > 4)
    if (!urls.length)
      return undefined
    const mentions = (s: SlideSource) => this.linesOf(s).slice(s.start, s.end).some(l => urls.some(u => l.includes(u)))
    // The slide showing when it names the URL too (two slides with the same background): else the first that does.
    const current = this.slides.find(s => s.no === showing)
    return current && mentions(current) ? current : this.slides.find(mentions)
  }
}

/**
 * The gate as pipeline hooks, around the caller's own: every capture page is
 * watched before it loads, every slide (and click step) is checked where the
 * capture draws it, and before anything is written the gate stops the export
 * (or, with `force`, prints the problems as warnings).
 */
export function gateHooks(gate: Gate, inner: CaptureHooks & { beforeWrite?: (deck: Deck) => Promise<void> | void } = {}, options: { force?: boolean, log?: (line: string) => void } = {}) {
  return {
    async onPage(page: Page, route: SlideView['route']) {
      gate.watchPage(page)
      await inner.onPage?.(page, route)
    },
    async onSlides(views: SlideView[]) {
      if (!views.length)
        return
      // On the PDF's page (print) each slide shows after its last click, so the step is its click count.
      views.forEach(v => gate.countClicks(v.no, v.clicks))
      await gate.checkSlides(views[0]!.page, views.map(v => [v.no, containerOf(v.no, v.clicks)]), views.map(v => v.clicks))
      await inner.onSlides?.(views)
    },
    async onSlide(view: SlideView) {
      gate.at(view.page, view.no, view.clicks)
      await gate.checkPixels(view)
      await inner.onSlide?.(view)
    },
    async beforeWrite(deck: Deck) {
      options.log?.(`  checks: ${gate.problems.length} problem${gate.problems.length === 1 ? '' : 's'}, ${gate.seconds.toFixed(2)} s in the page checks`)
      gate.enforce({ force: options.force })
      await inner.beforeWrite?.(deck)
    },
  }
}
