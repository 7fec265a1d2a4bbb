import type { AxeResults } from 'axe-core'
import type { Browser, BrowserContext, Page } from 'playwright-chromium'
import type { Deck } from 'slidev-pipeline'
import type { Problem, ServedDeck, SlideSource } from 'slidev-pipeline/testing'
import type { Pixels } from './design'
/**
 * The quality gate's checks, run in real Chromium against a built deck served
 * on loopback. Used on the real deck (test/quality.test.ts) and on a broken
 * deck (test/quality-fixtures.test.ts), which proves each check can fail.
 */
import axe from 'axe-core'
import { brokenImagesOf, clickMarkCount, clickStepsOf, computedContrastOf, emptyFramesOf, INSTANT_TRANSITIONS, launchChromium, loadDeck, OFFLINE_CONTEXT, overflowOf, problemLines, renderedContrastOf, serveDeck, settle, showSlide, strokeOverFillOf, typeScaleOf, unknownElementsOf, unloadedFontsOf, watchOffline, watchPageErrors } from 'slidev-pipeline/testing'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import talk from '../../deck.config'
import { balanceOf, qrCodesOf, screenshotPixels } from './design'

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
  /** Keyboard: focusable elements Tab does not reach, focus without a visible indicator, a chart data table that does not open by keyboard or fails axe once open. */
  keyboard: string[]
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
  return [...await axeViolations(page, `.slidev-page-${no}`, `slide ${no} (${theme})`), ...await computedContrastOf(page, no, theme)]
}

/** axe-core's WCAG 2 A/AA violations inside `selector`, put in the page once; without color-contrast unless asked (see accessibilityOf). */
async function axeViolations(page: Page, selector: string, where: string, contrast = false): Promise<string[]> {
  if (!await page.evaluate(() => 'axe' in window))
    await page.evaluate(axe.source)
  const result = await page.evaluate(({ selector, tags, contrast }) => (window as unknown as { axe: typeof axe }).axe.run(
    { include: [selector] },
    { runOnly: { type: 'tag', values: tags }, rules: { 'color-contrast': { enabled: contrast } } },
  ), { selector, tags: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'], contrast }) as AxeResults
  return result.violations.flatMap(v => v.nodes.map(node =>
    `${where}: ${v.id}: ${node.failureSummary?.split('\n').slice(1).join(' ').trim() || v.help} at ${node.target.join(' ')}`))
}

interface Box { x: number, y: number, width: number, height: number }

/**
 * Keyboard use of one slide at its last click step (WCAG 2.1.1, 2.4.7). Tab
 * from the slide's start reaches every focusable element drawn on it, in
 * order, and nothing else. A focus indicator is drawn, measured in pixels: a
 * screenshot around the element with focus differs from one without (a
 * computed outline can be hidden, clipped, transparent or the background's
 * colour). Screenshots are the cost, so that is measured once per kind of
 * element in the walk (`kinds`: same tag, classes, inline style, parents'
 * classes, colour and background: the same focus style on the same ground), e.g. one footnote
 * link, not every one. A chart's "Data table" button opens its table with
 * Enter (a table with caption and header cells; axe-core, contrast included,
 * on it while open) and closes it with Escape. Focus is released at the end,
 * so the walk's arrow keys move the slide again (Slidev ignores keys while a
 * link or button has focus).
 */
export async function keyboardOf(page: Page, no: number, theme: string, kinds: Set<string>): Promise<string[]> {
  const where = `slide ${no} (${theme})`
  const targets = await page.evaluate((n) => {
    const root = document.querySelector(`.slidev-page-${n}`) as HTMLElement
    const focusable = 'a[href], button:not([disabled]), input:not([disabled]), select, textarea, summary, [tabindex]:not([tabindex="-1"])'
    const els = [...root.querySelectorAll<HTMLElement>(focusable)].filter(e => e.checkVisibility({ visibilityProperty: true }))
    const ground = (e: Element | null): string => {
      for (; e; e = e.parentElement) {
        const bg = getComputedStyle(e).backgroundColor
        if (bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent')
          return bg
      }
      return ''
    }
    // Every focus that lands on the slide, in order: the element's index, or what it is when it is not drawn.
    const w = window as unknown as { kbdFocus: string[] }
    w.kbdFocus = []
    root.addEventListener('focusin', (e) => {
      const el = e.target as HTMLElement
      if (el !== root)
        w.kbdFocus.push(el.dataset.kbd ?? `<${el.localName}>, which is not drawn`)
    })
    return els.map((e, i) => {
      e.dataset.kbd = String(i)
      const p = e.parentElement
      return {
        label: `<${e.localName}> "${(e.textContent ?? '').trim().slice(0, 40)}"`,
        kind: [e.localName, e.className, e.getAttribute('style'), p?.className, p?.parentElement?.className, getComputedStyle(e).color, ground(e)].join('|'),
        toggle: e.matches('.chart-data-toggle'),
      }
    })
  }, no)
  if (!targets.length)
    return []
  const out: string[] = []
  const boxOf = (i: number) => page.evaluate(({ n, k }) => {
    const r = document.querySelector(`.slidev-page-${n} [data-kbd="${k}"]`)!.getBoundingClientRect()
    return { x: r.x, y: r.y, width: r.width, height: r.height }
  }, { n: no, k: i })
  // The pixels around each element to measure, before anything has focus.
  const unfocused = new Map<number, { box: Box, clip: Box, pixels: Pixels }>()
  for (const [i, t] of targets.entries()) {
    if (kinds.has(t.kind) && !t.toggle)
      continue
    kinds.add(t.kind)
    const box = await boxOf(i)
    const clip = clipAround(box)
    unfocused.set(i, { box, clip, pixels: await screenshotPixels(page, clip) })
  }
  // Start just before the slide's first element: focus the slide itself (not a tab stop), then Tab.
  await page.evaluate((n) => {
    const root = document.querySelector(`.slidev-page-${n}`) as HTMLElement
    root.tabIndex = -1
    root.focus({ preventScroll: true })
  }, no)
  for (let i = 0; i <= targets.length; i++) {
    await page.keyboard.press('Tab')
    const before = unfocused.get(i)
    if (!before)
      continue
    if (await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.kbd) !== String(i))
      continue // the order check below names it
    out.push(...focusIndicatorOf(before.pixels, await screenshotPixels(page, before.clip), before.box, `${where}: ${targets[i]!.label}`))
    if (targets[i]!.toggle)
      out.push(...await dataTableByKeyboard(page, no, `${where}: ${targets[i]!.label}`))
  }
  const focus = await page.evaluate((n) => {
    (document.activeElement as HTMLElement | null)?.blur()
    document.querySelector(`.slidev-page-${n}`)?.removeAttribute('tabindex')
    return (window as unknown as { kbdFocus: string[] }).kbdFocus
  }, no)
  const reached = focus.filter(f => /^\d+$/.test(f)).map(Number)
  out.push(...focus.filter(f => !/^\d+$/.test(f)).map(f => `${where}: Tab lands on ${f}`))
  const missed = targets.filter((_, i) => !reached.includes(i)).map(t => t.label)
  if (missed.length)
    out.push(`${where}: Tab never reaches ${missed.join(', ')}`)
  else if (reached.some((k, i) => k !== i))
    out.push(`${where}: Tab goes ${reached.join(', ')}, not in the slide's order`)
  return out
}

/** The screenshot rectangle around an element: 6 px of margin for an outline or ring, inside the viewport. */
function clipAround(box: Box): Box {
  const x = Math.max(0, Math.floor(box.x - 6))
  const y = Math.max(0, Math.floor(box.y - 6))
  return { x, y, width: Math.max(1, Math.ceil(box.x + box.width + 6) - x), height: Math.max(1, Math.ceil(box.y + box.height + 6) - y) }
}

/** A focus indicator is drawn: around the focused element, at least a 1 px ring's worth of pixels changed from the screenshot without focus. */
function focusIndicatorOf(before: Pixels, after: Pixels, box: Box, what: string): string[] {
  let changed = 0
  for (let i = 0; i < Math.min(before.data.length, after.data.length); i += 4) {
    if (Math.abs(after.data[i]! - before.data[i]!) + Math.abs(after.data[i + 1]! - before.data[i + 1]!) + Math.abs(after.data[i + 2]! - before.data[i + 2]!) > 48)
      changed++
  }
  const ring = 2 * (Math.round(box.width) + Math.round(box.height))
  if (!ring)
    return [`${what} takes no room on the slide`]
  return changed >= ring ? [] : [`${what} shows no visible focus indicator (${changed} pixels change around it, a 1 px ring is ${ring})`]
}

/** The chart's data table opens by keyboard, is a table with caption and header cells, passes axe open, and closes with Escape. */
async function dataTableByKeyboard(page: Page, no: number, what: string): Promise<string[]> {
  const state = () => page.evaluate(() => {
    const button = document.activeElement as HTMLElement
    const panel = document.getElementById(button.getAttribute('aria-controls') ?? '')
    return {
      expanded: button.getAttribute('aria-expanded'),
      shown: !!panel?.checkVisibility(),
      table: !!panel?.querySelector('table > caption') && !!panel?.querySelector('thead th[scope="col"]') && !!panel?.querySelector('tbody th[scope="row"]'),
    }
  })
  await page.keyboard.press('Enter')
  const open = await state()
  if (open.expanded !== 'true' || !open.shown || !open.table)
    return [`${what}: Enter does not open a data table with caption and header cells (${JSON.stringify(open)})`]
  // The rest of the slide was checked closed; open, the table and its button, with axe's contrast rule (plain text on a plain panel).
  const out = await axeViolations(page, `.slidev-page-${no} .chart-data`, `${what}, table open`, true)
  await page.keyboard.press('Escape')
  const closed = await state()
  if (closed.expanded !== 'false' || closed.shown)
    out.push(`${what}: Escape does not close the data table`)
  return out
}

/**
 * Steps through every slide and click step with the keyboard, as a presenter
 * would (one page load, then only key presses), checking layout and rendered
 * contrast at each step, and accessibility and the design checks (stroke, type
 * scale, balance, QR codes) at the final one. With `everyStep: false` it only
 * opens each slide's final step. `slides`: the deck's slides as loaded, each
 * with its file's lines (as the gate's reporter reads them), to name an empty frame where to fix it.
 */
export async function walkDeck(context: BrowserContext, at: (label: string) => void, served: ServedDeck, slides: SlideSource[], problems: Problems, theme: string, everyStep = true) {
  const page = await context.newPage()
  const slideCount = slides.length
  // Named as the export gate names them (its reporter): file:line, slide, title and click step.
  const frames: Problem[] = []
  // Kinds of focusable element whose focus indicator was measured (keyboardOf).
  const kinds = new Set<string>()
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
      problems.overflow.push(...await overflowOf(page, no, undefined, talk.overlays))
      await emptyFramesAt(no, problems.clickTotals[no]!)
      problems.rendering.push(...await renderingOf(page, no))
      problems.accessibility.push(...await accessibilityOf(page, no, theme))
      problems.renderedContrast.push(...await renderedContrastOf(page, no, theme))
      await designOf(page, no, theme, problems)
      problems.keyboard.push(...await keyboardOf(page, no, theme, kinds))
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
    problems.overflow.push(...await overflowOf(page, no, undefined, talk.overlays))
    await emptyFramesAt(no, 0)
    await contrastAt(0, problems.clickTotals[no] === 0)
    // Advance click by click until the next press would leave the slide.
    for (let step = 1; ; step++) {
      if (step > await clickStepsOf(page, no))
        break
      at(`slide ${no}, click ${step} (${theme})`)
      await page.keyboard.press('ArrowRight')
      await settle(page)
      problems.overflow.push(...await overflowOf(page, no, undefined, talk.overlays))
      await emptyFramesAt(no, step)
      await contrastAt(step, step === problems.clickTotals[no])
    }
    problems.rendering.push(...await renderingOf(page, no))
    problems.accessibility.push(...await accessibilityOf(page, no, theme))
    await designOf(page, no, theme, problems)
    problems.keyboard.push(...await keyboardOf(page, no, theme, kinds))
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
    keyboard: [],
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
  problems.typeScale.push(...await typeScaleOf(page, no, talk.typeScale ?? []))
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
      await walkDeck(context, at, served, deck.slides, problems, theme)
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
    it('reaches every link and button by Tab, each with a visible focus indicator (pixels), and opens each chart\'s data table by keyboard, which passes axe', () => expect(problems.keyboard).toEqual([]))
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
