import type { AxeResults } from 'axe-core'
import type { Browser, BrowserContext, Page } from 'playwright-chromium'
import type { ServedDeck } from '../../packages/slidev-pipeline/src/build/build'
import type { SlideSource } from '../../packages/slidev-pipeline/src/capture/gate/report'
import type { Problem } from '../../packages/slidev-pipeline/src/capture/gate/runner'
import type { Deck } from '../../packages/slidev-pipeline/src/support/deck'
/**
 * The quality gate's checks, run in real Chromium against a built deck served
 * on loopback. Used on the real deck (test/quality.test.ts) and on a broken
 * deck (test/quality-fixtures.test.ts), which proves each check can fail.
 */
import axe from 'axe-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { serveDeck } from '../../packages/slidev-pipeline/src/build/build'
import { launchChromium } from '../../packages/slidev-pipeline/src/capture/browser'
import { balanceOf } from '../../packages/slidev-pipeline/src/capture/checks/balance'
import { computedContrastOf, renderedContrastOf, strokeOverFillOf } from '../../packages/slidev-pipeline/src/capture/checks/contrast'
import { emptyFramesOf } from '../../packages/slidev-pipeline/src/capture/checks/emptyFrames'
import { unloadedFontsOf } from '../../packages/slidev-pipeline/src/capture/checks/fonts'
import { brokenImagesOf } from '../../packages/slidev-pipeline/src/capture/checks/images'
import { OFFLINE_CONTEXT, watchOffline } from '../../packages/slidev-pipeline/src/capture/checks/offline'
import { overflowOf } from '../../packages/slidev-pipeline/src/capture/checks/overflow'
import { watchPageErrors } from '../../packages/slidev-pipeline/src/capture/checks/pageErrors'
import { qrCodesOf } from '../../packages/slidev-pipeline/src/capture/checks/qr'
import { typeScaleOf } from '../../packages/slidev-pipeline/src/capture/checks/typeScale'
import { unknownElementsOf } from '../../packages/slidev-pipeline/src/capture/checks/unknownElements'
import { problemLines, slideSources } from '../../packages/slidev-pipeline/src/capture/gate/report'
import { clickStepsOf, INSTANT_TRANSITIONS, settle, showSlide } from '../../packages/slidev-pipeline/src/capture/page'
import { clickMarkCount, loadDeck } from '../../packages/slidev-pipeline/src/support/deck'

export interface Problems {
  /** Requests to anything but the loopback server: blocked, and named here. */
  offline: string[]
  /** Console errors, page errors and failed requests, with the slide and step. */
  errors: string[]
  overflow: string[]
  /** Unknown elements, images that did not load, fonts not loaded. */
  rendering: string[]
  accessibility: string[]
  /** Contrast at every click step: computed colours, and pixels where those cannot decide; every text from pixels at the last step. */
  renderedContrast: string[]
  /** Text whose stroke is painted over its fill (reads hollow). */
  strokeOverFill: string[]
  typeScale: string[]
  balance: string[]
  qr: string[]
  /** Empty frames at any click step (rules with no row, a chart with no label or mark), as the export gate names them: `file:line: slide N "title", click S: …`. */
  emptyFrames: string[]
  /** Click steps found on each slide (index = slide number), for the notes check. */
  clickTotals: number[]
}

/** A browser context that lets only loopback requests through and records everything that goes wrong (the export's own checks). */
export async function guardedContext(browser: Browser, problems: Problems, options: { dark?: boolean } = {}) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 720 },
    colorScheme: options.dark ? 'dark' : 'light',
    ...OFFLINE_CONTEXT,
  })
  let where = 'loading'
  // Transitions and animations end at once: the walk checks each step once drawn (packages/slidev-pipeline/src/capture/page.ts).
  await context.addInitScript({ content: INSTANT_TRANSITIONS })
  // Slidev renders slides ahead (the neighbours, then all of them after 3 s), so an error in a
  // slide's render is not always thrown while that slide shows: Vue's error handler names it.
  await context.addInitScript(() => {
    const hook = () => {
      const app = (document.getElementById('app') as any)?.__vue_app__
      if (!app)
        return setTimeout(hook, 20)
      app.config.errorHandler = (error: unknown, instance: any) => {
        let component = instance?.$
        while (component && component.props?.route?.no === undefined)
          component = component.parent
        console.error(`[slide ${component?.props?.route?.no ?? '?'}] ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`)
      }
    }
    hook()
  })
  context.on('page', (page) => {
    watchOffline(page, problem => problems.offline.push(`${where}: ${problem}`))
    watchPageErrors(page, problem => problems.errors.push(`${where}: ${problem}`))
  })
  return { context, at: (label: string) => { where = label } }
}

/** The export's cheap per-slide checks besides overflow: unknown elements, images that did not load, fonts not loaded. */
async function renderingOf(page: Page, no: number): Promise<string[]> {
  return [...await unknownElementsOf(page, no), ...await brokenImagesOf(page, no), ...await unloadedFontsOf(page, no)]
}

/**
 * axe-core with the WCAG 2 A and AA rules, on one slide, put in the page once
 * (the walk moves by key presses, so once per walk). All but color-contrast:
 * contrast is the deck's own check, by computed colour at every click step and
 * from the pixels at the last (packages/slidev-pipeline/src/capture/checks/contrast.ts). That check
 * measures what axe leaves undecided (chart and code text, text on a gradient
 * or an image, under Slidev's overlays) and what computed colours miss (a
 * stroke over the fill, a filter), and axe's contrast rule was two thirds of
 * its time. The computed contrast of the last step is added here.
 */
export async function accessibilityOf(page: Page, no: number, theme: string): Promise<string[]> {
  if (!await page.evaluate(() => 'axe' in window))
    await page.evaluate(axe.source)
  const result = await page.evaluate(({ selector, tags }) => (window as unknown as { axe: typeof axe }).axe.run(
    { include: [selector] },
    { runOnly: { type: 'tag', values: tags }, rules: { 'color-contrast': { enabled: false } } },
  ), { selector: `.slidev-page-${no}`, tags: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }) as AxeResults
  return [
    ...result.violations.flatMap(v => v.nodes.map(node =>
      `slide ${no} (${theme}): ${v.id}: ${node.failureSummary?.split('\n').slice(1).join(' ').trim() || v.help} at ${node.target.join(' ')}`)),
    ...await computedContrastOf(page, no, theme),
  ]
}

/**
 * Steps through every slide and click step with the keyboard, as a presenter
 * would (one page load, then only key presses), checking layout and rendered
 * contrast at each step, and accessibility and the design checks (stroke, type
 * scale, balance, QR codes) at the final one. With `everyStep: false` it only
 * opens each slide's final step. `slides`: the deck's slides with their files
 * and lines (the gate reporter's `slideSources`), to name an empty frame where to fix it.
 */
export async function walkDeck(context: BrowserContext, at: (label: string) => void, served: ServedDeck, slides: SlideSource[], problems: Problems, theme: string, everyStep = true) {
  const page = await context.newPage()
  const slideCount = slides.length
  // Named as the export gate names them (its reporter): file:line, slide, title and click step.
  const frames: Problem[] = []
  const emptyFramesAt = async (no: number, step: number) =>
    (await emptyFramesOf(page, no)).forEach(m => frames.push({ check: 'empty frame', slide: no, step, message: `${m.replace(/^slide \d+: /, '')} (${theme})` }))
  for (let no = 1; no <= slideCount; no++) {
    at(`slide ${no} (${theme})`)
    if (everyStep && no > 1) {
      // From the last click step of the slide before, the next press opens this one at step 0.
      await page.keyboard.press('ArrowRight')
      await page.locator(`.slidev-page-${no}`).first().waitFor({ state: 'visible' })
      await settle(page)
    }
    else {
      await showSlide(page, served, no)
    }
    problems.clickTotals[no] = await clickStepsOf(page, no)
    if (!everyStep) {
      await showSlide(page, served, no, problems.clickTotals[no])
      problems.overflow.push(...await overflowOf(page, no))
      await emptyFramesAt(no, problems.clickTotals[no]!)
      problems.rendering.push(...await renderingOf(page, no))
      problems.accessibility.push(...await accessibilityOf(page, no, theme))
      problems.renderedContrast.push(...await renderedContrastOf(page, no, theme))
      await designOf(page, no, theme, problems)
      continue
    }
    // Contrast at every click step: computed colours (opacity applied), and pixels for the text
    // those cannot decide (stroke, filter, shadow, image or gradient behind), as the export gate
    // does; at the last step, when everything shows, every run of text from the pixels.
    const contrastAt = async (step: number, last: boolean) => {
      const label = step ? `${theme}, click ${step}` : theme
      problems.renderedContrast.push(...await renderedContrastOf(page, no, label, { undecidedOnly: !last }))
      if (!last)
        problems.renderedContrast.push(...await computedContrastOf(page, no, label))
    }
    problems.overflow.push(...await overflowOf(page, no))
    await emptyFramesAt(no, 0)
    await contrastAt(0, problems.clickTotals[no] === 0)
    // Advance click by click until the next press would leave the slide.
    for (let step = 1; ; step++) {
      if (step > await clickStepsOf(page, no))
        break
      at(`slide ${no}, click ${step} (${theme})`)
      await page.keyboard.press('ArrowRight')
      await settle(page)
      problems.overflow.push(...await overflowOf(page, no))
      await emptyFramesAt(no, step)
      await contrastAt(step, step === problems.clickTotals[no])
    }
    problems.rendering.push(...await renderingOf(page, no))
    problems.accessibility.push(...await accessibilityOf(page, no, theme))
    await designOf(page, no, theme, problems)
  }
  await page.close()
  problems.emptyFrames.push(...problemLines(frames, slides, process.cwd()))
}

export function emptyProblems(): Problems {
  return {
    offline: [],
    errors: [],
    overflow: [],
    rendering: [],
    accessibility: [],
    renderedContrast: [],
    strokeOverFill: [],
    typeScale: [],
    balance: [],
    qr: [],
    emptyFrames: [],
    clickTotals: [],
  }
}

/** The design checks that hold for a slide as a whole: run at its last click step, when everything shows. */
async function designOf(page: Page, no: number, theme: string, problems: Problems) {
  problems.strokeOverFill.push(...await strokeOverFillOf(page, no, theme))
  problems.typeScale.push(...await typeScaleOf(page, no))
  problems.balance.push(...await balanceOf(page, no))
  problems.qr.push(...await qrCodesOf(page, no))
}

/**
 * The quality gate on the real deck in one theme: every slide and click step,
 * in real Chromium against the built web version served on loopback under a
 * sub-path. One file per theme (test/quality-light.test.ts,
 * test/quality-dark.test.ts), so the two walks run side by side on two cores.
 */
export function describeEveryStep(theme: 'light' | 'dark') {
  describe(`every slide and click step, ${theme} theme`, () => {
    const problems = emptyProblems()
    let deck: Deck
    let browser: Browser | undefined
    let served: ServedDeck | undefined

    beforeAll(async () => {
      [browser, served, deck] = await Promise.all([launchChromium(), serveDeck(inject('buildDir'), inject('buildBase')), loadDeck()])
      const { context, at } = await guardedContext(browser, problems, { dark: theme === 'dark' })
      // Every click step: contrast is measured from the pixels of each.
      await walkDeck(context, at, served, slideSources(deck), problems, theme)
      await context.close()
    }, 1_200_000)
    afterAll(async () => {
      await browser?.close()
      await served?.close()
    })

    it('requests nothing from outside the machine', () => expect(problems.offline).toEqual([]))
    it('logs no console error, page error or failed request', () => expect(problems.errors).toEqual([]))
    it('has nothing overflowing the slide or its own box', () => expect(problems.overflow).toEqual([]))
    it('has no unknown element, image that did not load or font that is not loaded', () => expect(problems.rendering).toEqual([]))
    // Rules scoped to one slide: page-level rules (landmarks, a single <h1>) do not
    // apply to a slide in a deck and are not in the WCAG tag set anyway.
    it('has no WCAG 2 A/AA violation (axe-core)', () => expect(problems.accessibility).toEqual([]))
    // Pixels, not computed styles: each run of text against what is drawn behind it.
    it('draws every text at WCAG AA contrast: from screenshots when all shows, by colour (pixels where undecided) at each click step', () => expect(problems.renderedContrast).toEqual([]))
    it('paints no text stroke over its fill', () => expect(problems.strokeOverFill).toEqual([]))
    it('keeps the type scale: body >= 20 px, chart/table/code >= 14 px, footnotes >= 11 px', () => expect(problems.typeScale).toEqual([]))
    it('fills the slide: content reaches past 55 % of its height (cover, section, closing aside)', () => expect(problems.balance).toEqual([]))
    it('has QR codes at least 30 % of the slide high that decode from 640x360', () => expect(problems.qr).toEqual([]))
    // The talk and the video show every click step: none may show rules without their row, or a chart with nothing in it.
    it('shows no empty frame at any click step (a ruled row without its text, a chart without a label or mark)', () => expect(problems.emptyFrames).toEqual([]))
    // The presenter view highlights, and the video captions follow, the [click] marks in the notes.
    it('has one [click] mark in the notes per click step of the slide', () => {
      const mismatched = deck.slides
        .map(s => ({ slide: `${s.no} "${s.title}"`, clicks: problems.clickTotals[s.no], marks: clickMarkCount(s.notes) }))
        .filter(s => s.marks !== s.clicks)
      expect(mismatched).toEqual([])
    })
  })
}
