/**
 * The quality gate's checks, run in real Chromium against a built deck served
 * on loopback. Used on the real deck (test/quality.test.ts) and on a broken
 * copy (test/quality-fixtures.test.ts), which proves each check can fail.
 */
import AxeBuilder from '@axe-core/playwright'
import type { Page as AxePage } from 'playwright-core'
import type { Browser, BrowserContext, Page } from 'playwright-chromium'
import { clickStepsOf, settle, showSlide } from '../../scripts/lib/page'
import type { ServedDeck } from '../../scripts/lib/build'

export interface Problems {
  /** Requests to anything but the loopback server: blocked, and named here. */
  offline: string[]
  /** Console errors, page errors and failed requests, with the slide and step. */
  errors: string[]
  overflow: string[]
  accessibility: string[]
  /** Click steps found on each slide (index = slide number), for the notes check. */
  clickTotals: number[]
}

const LOOPBACK = /^(?:https?|wss?):\/\/(?:127\.\d+\.\d+\.\d+|localhost|\[::1\])(?::\d+)?\//

/** A browser context that lets only loopback requests through and records everything that goes wrong. */
export async function guardedContext(browser: Browser, problems: Problems, options: { dark?: boolean } = {}) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 720 },
    colorScheme: options.dark ? 'dark' : 'light',
  })
  let where = 'loading'
  await context.route('**/*', (route) => {
    const url = route.request().url()
    if (LOOPBACK.test(url) || url.startsWith('data:') || url.startsWith('blob:'))
      return route.continue()
    problems.offline.push(`${where}: request to ${url}`)
    return route.abort('blockedbyclient')
  })
  const watch = (page: Page) => {
    page.on('console', (m) => {
      if (m.type() === 'error')
        problems.errors.push(`${where}: console error: ${m.text()}`)
    })
    page.on('pageerror', e => problems.errors.push(`${where}: page error: ${e.message}`))
    page.on('requestfailed', (r) => {
      // ERR_ABORTED: a navigation cancelled the page's own prefetches; nothing was missing.
      if (LOOPBACK.test(r.url()) && r.failure()?.errorText !== 'net::ERR_ABORTED')
        problems.errors.push(`${where}: failed request ${r.url()}: ${r.failure()?.errorText}`)
    })
    page.on('response', (r) => {
      if (r.status() >= 400)
        problems.errors.push(`${where}: HTTP ${r.status()} for ${r.url()}`)
    })
  }
  context.on('page', watch)
  return { context, at: (label: string) => { where = label } }
}

/**
 * Elements of slide `no` that stick out of the slide canvas, and boxes whose
 * content is cut (scrollable or clipped code blocks, text wider than its box).
 * Ignored, because nobody sees them: zero-size and display:none elements,
 * visually hidden text for screen readers (.sr-only) and SVG metadata.
 */
export function overflowOf(page: Page, no: number): Promise<string[]> {
  return page.evaluate((n) => {
    const slide = document.querySelector(`.slidev-page-${n}`) as HTMLElement | null
    if (!slide)
      return [`slide ${n}: not rendered`]
    const frame = slide.getBoundingClientRect()
    const tolerance = 1
    const out: string[] = []
    const describe = (el: Element) => {
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 50)
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : ''
      return `<${el.tagName.toLowerCase()}${cls}>${text ? ` "${text}"` : ''}`
    }
    for (const el of slide.querySelectorAll('*')) {
      if (el.closest('.sr-only, title, desc, style, script'))
        continue
      const style = getComputedStyle(el)
      if (style.display === 'none' || style.visibility === 'hidden')
        continue
      const r = el.getBoundingClientRect()
      if (r.width === 0 || r.height === 0)
        continue
      const outside = [
        r.left < frame.left - tolerance && 'left',
        r.right > frame.right + tolerance && 'right',
        r.top < frame.top - tolerance && 'top',
        r.bottom > frame.bottom + tolerance && 'bottom',
      ].filter(Boolean)
      if (outside.length)
        out.push(`slide ${n}: ${describe(el)} extends past the slide's ${outside.join(' and ')} edge`)
      if (el instanceof HTMLElement && (style.overflowX !== 'visible' || style.overflowY !== 'visible')) {
        if (el.scrollWidth > el.clientWidth + tolerance || el.scrollHeight > el.clientHeight + tolerance)
          out.push(`slide ${n}: ${describe(el)} cuts its content (${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight})`)
      }
    }
    // The footnote sits at the bottom, absolutely positioned: it must not cover content.
    const note = slide.querySelector('.source-note')
    if (note) {
      const noteBox = note.getBoundingClientRect()
      for (const el of slide.querySelectorAll('pre, p, li, table, svg, img, h1, h2, figure, .claim-check')) {
        if (note.contains(el) || el.contains(note) || el.closest('.sr-only'))
          continue
        const r = el.getBoundingClientRect()
        if (r.width && r.height && r.bottom > noteBox.top + tolerance && r.top < noteBox.bottom - tolerance && r.right > noteBox.left && r.left < noteBox.right)
          out.push(`slide ${n}: ${describe(el)} is covered by the source footnote`)
      }
    }
    return out
  }, no)
}

/**
 * Contrast of the text axe leaves undecided in a deck: chart text drawn in SVG
 * ("contains an image node") and highlighted code ("partially obscured").
 * The text's colour (fill for SVG), faded by its own and its ancestors'
 * opacity, against the nearest opaque background behind it.
 * WCAG AA: 4.5:1, or 3:1 from 24 px (18.66 px bold).
 */
const OWN_CONTRAST = 'svg text, pre .line span'
function ownContrastOf(page: Page, no: number, theme: string): Promise<string[]> {
  return page.evaluate(([n, label, SELECTOR]) => {
    const slide = document.querySelector(`.slidev-page-${n}`)
    const content = document.querySelector('#slide-content')
    if (!slide || !content)
      return []
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number)
    const luminance = ([r, g, b]: number[]) => {
      const lin = (v: number) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4 }
      return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!)
    }
    const out: string[] = []
    for (const text of slide.querySelectorAll(SELECTOR)) {
      if (text.closest('.sr-only') || !(text.textContent ?? '').trim())
        continue
      let bg = rgb(getComputedStyle(content).backgroundColor)
      for (let el = text.parentElement; el && el !== content; el = el.parentElement) {
        const c = rgb(getComputedStyle(el).backgroundColor)
        if (c.length === 3 || (c.length === 4 && c[3] === 1)) {
          bg = c
          break
        }
      }
      const style = getComputedStyle(text)
      const isSvg = text instanceof SVGElement
      const [r, g, b, a = 1] = rgb(isSvg ? style.fill : style.color)
      let alpha = a * (isSvg ? Number(style.fillOpacity || 1) : 1)
      for (let el: Element | null = text; el && el !== slide; el = el.parentElement)
        alpha *= Number(getComputedStyle(el).opacity)
      const fg = [r!, g!, b!].map((v, i) => v * alpha + bg[i]! * (1 - alpha))
      const [hi, lo] = [luminance(fg), luminance(bg)].sort((x, y) => y - x)
      const ratio = (hi! + 0.05) / (lo! + 0.05)
      const size = Number.parseFloat(style.fontSize) * (isSvg ? (text.getBoundingClientRect().height / (text as SVGTextElement).getBBox().height || 1) : 1)
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700)
      if (ratio < (large ? 3 : 4.5))
        out.push(`slide ${n} (${label}): text "${(text.textContent ?? '').trim().slice(0, 40)}" has contrast ${ratio.toFixed(2)}:1`)
    }
    return out
  }, [no, theme, OWN_CONTRAST] as const)
}

/**
 * axe-core with the WCAG 2 A and AA rules, on one slide. In play mode Slidev
 * lays its controls (shown on hover) and an empty click-through drawing layer
 * over the slide; axe then cannot see any text's background and answers
 * "incomplete". Those overlays are hidden while axe runs, and any contrast axe
 * still cannot decide counts as a failure, except chart and code text, which
 * axe never decides there and ownContrastOf measures instead. So the check cannot pass
 * by not looking.
 */
export async function accessibilityOf(page: Page, no: number, theme: string): Promise<string[]> {
  const overlays = await page.addStyleTag({ content: '#slide-container > :not(#slide-content), #slide-content > :not(#slideshow) { display: none !important; }' })
  // @axe-core/playwright is typed against playwright-core; the page is the same object.
  const result = await new AxeBuilder({ page: page as unknown as AxePage })
    .include(`.slidev-page-${no}`)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze()
  await overlays.evaluate(el => (el as Element).remove())
  const undecided = result.incomplete
    .filter(v => v.id === 'color-contrast')
    // Chart and code text is measured by ownContrastOf instead (see above).
    .map(v => ({ ...v, nodes: v.nodes.filter(node => !(node.html.startsWith('<text') || /(^|[\s>])(pre|\.line)\b/.test(node.target.join(' ')))) }))
    .filter(v => v.nodes.length)
  return [
    ...[...result.violations, ...undecided].flatMap(v => v.nodes.map(node =>
      `slide ${no} (${theme}): ${v.id}${undecided.includes(v) ? ' (undecided)' : ''}: ${node.failureSummary?.split('\n').slice(1).join(' ').trim() || node.any.map(a => a.message).join(' ') || v.help} at ${node.target.join(' ')}`)),
    ...await ownContrastOf(page, no, theme),
  ]
}


/**
 * Steps through every slide and click step with the keyboard, as a presenter
 * would, checking layout at each step and accessibility at the final one.
 * With `everyStep: false` (a second theme) it only opens each slide's final step.
 */
export async function walkDeck(context: BrowserContext, at: (label: string) => void, served: ServedDeck, slideCount: number, problems: Problems, theme: string, everyStep = true) {
  const page = await context.newPage()
  for (let no = 1; no <= slideCount; no++) {
    at(`slide ${no} (${theme})`)
    await showSlide(page, served, no)
    problems.clickTotals[no] = await clickStepsOf(page, no)
    if (!everyStep) {
      await showSlide(page, served, no, problems.clickTotals[no])
      problems.overflow.push(...await overflowOf(page, no))
      problems.accessibility.push(...await accessibilityOf(page, no, theme))
      continue
    }
    problems.overflow.push(...await overflowOf(page, no))
    // Advance click by click until the next press would leave the slide.
    for (let step = 1; ; step++) {
      if (step > await clickStepsOf(page, no))
        break
      at(`slide ${no}, click ${step} (${theme})`)
      await page.keyboard.press('ArrowRight')
      await settle(page)
      problems.overflow.push(...await overflowOf(page, no))
    }
    problems.accessibility.push(...await accessibilityOf(page, no, theme))
  }
  await page.close()
}

export const emptyProblems = (): Problems => ({ offline: [], errors: [], overflow: [], accessibility: [], clickTotals: [] })
