import type { BrowserContext, Page } from 'playwright-chromium'
import type { CaptureHooks, SlideView } from './capture'
import type { SlideArg } from './checks/evaluate'
import type { Deck } from './deck'
/**
 * The export gate: the page-side checks (scripts/lib/checks/) run on the pages
 * an export already opens, and every problem is named by slide number, its
 * source file and line, and the click step. The export stops before writing
 * when anything is wrong; `--force` prints the same lines as warnings.
 */
import { readFileSync } from 'node:fs'
import { relative } from 'node:path'
import { performance } from 'node:perf_hooks'
import { evaluateEach } from './checks/evaluate'
import { unloadedFontsInPage } from './checks/fonts'
import { brokenImagesInPage } from './checks/images'
import { guardOffline } from './checks/offline'
import { overflowInPage } from './checks/overflow'
import { watchPageErrors } from './checks/pageErrors'
import { textContrastInPage } from './checks/textContrast'
import { textSizeInPage } from './checks/textSize'
import { unknownElementsInPage } from './checks/unknownElements'
import { clickMarkCount, loadDeck } from './deck'

/** Where a slide comes from, as Slidev's parser reads it. */
export interface SlideSource {
  no: number
  title: string
  /** Absolute path of the Markdown file the slide is written in. */
  filepath: string
  /** 0-based lines in that file: the slide's first line, where its content starts, and its end. */
  start: number
  contentStart: number
  end: number
  /** Speaker notes as written, `[click]` marks included. */
  notes: string
}

/**
 * A check run on one slide of a page that shows it: `slide N: what` lines,
 * empty when all is well. `scope` selects the print container holding the
 * instance to check, where a page holds several (one per click step).
 */
export type PageCheck = (page: Page, slideNo: number, scope?: string) => Promise<string[]>

/** The checks that read the DOM for a few milliseconds per slide, run in one round trip. */
export const DOM_CHECKS: Record<string, (arg: SlideArg) => string[] | Promise<string[]>> = {
  'overflow': overflowInPage,
  'unknown element': unknownElementsInPage,
  'image': brokenImagesInPage,
  'font': unloadedFontsInPage,
  'contrast': textContrastInPage,
  'text size': textSizeInPage,
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

export class Gate {
  readonly problems: GateProblem[] = []
  private readonly clicks = new Map<number, number>()
  /** Time spent in the page checks, for the cost the export reports. */
  seconds = 0
  /** The slide and click step each page shows now: listeners report against it (pages work side by side). */
  private readonly where = new WeakMap<Page, { slide?: number, step?: number }>()
  private readonly texts = new Map<string, string[]>()
  private readonly guarded = new WeakSet<BrowserContext>()

  /** `extra`: checks that need more than one DOM pass (screenshots, say), run after the DOM checks. */
  constructor(readonly slides: SlideSource[], readonly extra: Record<string, PageCheck> = {}) {}

  static async forDeck(entry: string, extra?: Record<string, PageCheck>) {
    return new Gate(slideSources(await loadDeck(entry)), extra)
  }

  /**
   * Watches a page before it loads the deck: its context only reaches loopback
   * (guarded once per context), and its errors are recorded at the slide it shows.
   */
  async watchPage(page: Page) {
    const context = page.context()
    if (!this.guarded.has(context)) {
      this.guarded.add(context)
      await guardOffline(context, (message, from) => this.add('offline', message, from && this.where.get(from)))
    }
    watchPageErrors(page, message => this.add('error', message, this.where.get(page)))
  }

  /** The slide and click step `page` shows now, for problems its listeners report. */
  at(page: Page, slide: number | undefined, step?: number) {
    this.where.set(page, { slide, step })
  }

  /** Runs the page checks on slide `slideNo` of `page`, which shows it at click step `step` (inside `scope`, if given). */
  async checkSlide(page: Page, slideNo: number, step?: number, scope?: string) {
    const started = performance.now()
    try {
      await this.runChecks(page, slideNo, step, scope)
    }
    finally {
      this.seconds += (performance.now() - started) / 1000
    }
  }

  private async runChecks(page: Page, slideNo: number, step?: number, scope?: string) {
    this.at(page, slideNo, step)
    const names = Object.keys(DOM_CHECKS)
    const results = await evaluateEach(page, Object.values(DOM_CHECKS), [slideNo, scope] as SlideArg)
    results.forEach((messages, i) => messages.forEach(message => this.add(names[i]!, message, { slide: slideNo, step })))
    for (const [check, run] of Object.entries(this.extra)) {
      for (const message of await run(page, slideNo, scope))
        this.add(check, message, { slide: slideNo, step })
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
    const named = this.slideMentioning(text)
    if (named && named.no !== slide)
      [slide, step] = [named.no, undefined]
    // The same problem at a later click step of the same slide says nothing new.
    if (!this.problems.some(p => p.slide === slide && p.check === check && p.message === text))
      this.problems.push({ slide, step, check, message: text })
  }

  get failed() {
    return this.problems.length > 0
  }

  /** One line per problem: `file:line: slide N "title", click S: what is wrong`. */
  report(cwd = process.cwd()): string[] {
    return this.problems.map((p) => {
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
    if (warnings.length)
      console.warn(`Warning${warnings.length > 1 ? 's' : ''}:\n${warnings.map(w => `  - ${w}`).join('\n')}`)
    if (!this.failed)
      return
    const lines = this.report()
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
    for (const m of message.matchAll(/(?:https?:\/\/|\/)[^\s:"'()]+/g)) {
      needles.push(m[0])
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
  private slideMentioning(message: string): SlideSource | undefined {
    const urls = Array.from(message.matchAll(/(?:https?:\/\/|\/)[^\s:"'()]+/g), m => m[0]).filter(u => u.length > 4)
    if (!urls.length)
      return undefined
    return this.slides.find(s => this.linesOf(s).slice(s.start, s.end).some(l => urls.some(u => l.includes(u))))
  }
}

/** Print containers are `NNN-CC`: slide number, then click step + 1 (Slidev's PrintSlideClick; on the PDF's page, the last step). */
const containerOf = (no: number, clicks: number) => `[id="${String(no).padStart(3, '0')}-${String(clicks + 1).padStart(2, '0')}"]`

/**
 * The gate as pipeline hooks, around the caller's own: every capture page is
 * watched before it loads, every slide (and click step) is checked where the
 * capture draws it, and before anything is written the gate stops the export
 * (or, with `force`, prints the problems as warnings).
 */
export function gateHooks(gate: Gate, inner: CaptureHooks & { beforeWrite?: (deck: Deck) => Promise<void> | void } = {}, options: { force?: boolean, log?: (line: string) => void } = {}) {
  return {
    async onPage(page: Page, route: SlideView['route']) {
      await gate.watchPage(page)
      await inner.onPage?.(page, route)
    },
    async onSlide(view: SlideView) {
      // On the PDF's page (print) each slide shows after its last click, so the step is its click count.
      gate.countClicks(view.no, view.clicks)
      await gate.checkSlide(view.page, view.no, view.clicks, containerOf(view.no, view.clicks))
      await inner.onSlide?.(view)
    },
    async beforeWrite(deck: Deck) {
      options.log?.(`  checks: ${gate.problems.length} problem${gate.problems.length === 1 ? '' : 's'}, ${gate.seconds.toFixed(2)} s in the page checks`)
      gate.enforce({ force: options.force })
      await inner.beforeWrite?.(deck)
    },
  }
}
