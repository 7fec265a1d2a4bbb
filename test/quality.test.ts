import type { Browser, Page } from 'playwright-chromium'
import type { ServedDeck } from '../scripts/lib/build'
import type { Deck } from '../scripts/lib/deck'
/**
 * The quality gate on the real deck, in real Chromium against the built web
 * version served on loopback under a sub-path: no errors, no request leaves
 * the machine, nothing overflows, WCAG 2 A/AA in light and dark, presenter view,
 * overview and keyboard navigation work.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchChromium } from '../scripts/lib/browser'
import { serveDeck } from '../scripts/lib/build'
import { CLICK_MARK, clickMarkCount, loadDeck } from '../scripts/lib/deck'
import { settle, showSlide } from '../scripts/lib/page'
import { emptyProblems, guardedContext, walkDeck } from './helpers/quality'

let browser: Browser
let served: ServedDeck
let deck: Deck

beforeAll(async () => {
  [browser, served, deck] = await Promise.all([launchChromium(), serveDeck(inject('buildDir'), inject('buildBase')), loadDeck()])
})
afterAll(async () => {
  await browser?.close()
  await served?.close()
})

describe.each(['light', 'dark'] as const)('every slide and click step, %s theme', (theme) => {
  const problems = emptyProblems()

  beforeAll(async () => {
    const { context, at } = await guardedContext(browser, problems, { dark: theme === 'dark' })
    // Every click step in both themes: contrast is measured from the pixels of each.
    await walkDeck(context, at, served, deck.slides.length, problems, theme)
    await context.close()
  }, 1_200_000)

  it('requests nothing from outside the machine', () => expect(problems.offline).toEqual([]))
  it('logs no console error, page error or failed request', () => expect(problems.errors).toEqual([]))
  it('has nothing overflowing the slide or its own box', () => expect(problems.overflow).toEqual([]))
  it('has no unknown element, image that did not load or font that is not loaded', () => expect(problems.rendering).toEqual([]))
  // Rules scoped to one slide: page-level rules (landmarks, a single <h1>) do not
  // apply to a slide in a deck and are not in the WCAG tag set anyway.
  it('has no WCAG 2 A/AA violation (axe-core)', () => expect(problems.accessibility).toEqual([]))
  // Pixels, not computed styles: each run of text against what is drawn behind it.
  it('draws every text at WCAG AA contrast, measured from screenshots', () => expect(problems.renderedContrast).toEqual([]))
  it('paints no text stroke over its fill', () => expect(problems.strokeOverFill).toEqual([]))
  it('keeps the type scale: body >= 20 px, chart/table/code >= 14 px, footnotes >= 11 px', () => expect(problems.typeScale).toEqual([]))
  it('fills the slide: content reaches past 55 % of its height (cover, section, closing aside)', () => expect(problems.balance).toEqual([]))
  it('has QR codes at least 30 % of the slide high that decode from 640x360', () => expect(problems.qr).toEqual([]))
  // The presenter view highlights, and the video captions follow, the [click] marks in the notes.
  it('has one [click] mark in the notes per click step of the slide', () => {
    const mismatched = deck.slides
      .map(s => ({ slide: `${s.no} "${s.title}"`, clicks: problems.clickTotals[s.no], marks: clickMarkCount(s.notes) }))
      .filter(s => s.marks !== s.clicks)
    expect(mismatched).toEqual([])
  })
})

/** Runs `check` on a fresh page that may only reach loopback, then asserts nothing was blocked or failed. */
async function onGuardedPage(check: (page: Page) => Promise<void>) {
  const problems = emptyProblems()
  const { context } = await guardedContext(browser, problems)
  try {
    await check(await context.newPage())
  }
  finally {
    await context.close()
  }
  expect(problems.offline).toEqual([])
  expect(problems.errors).toEqual([])
}

describe('presenting', () => {
  it('the presenter view shows the current slide and its notes', () => onGuardedPage(async (page) => {
    for (const no of [1, 7]) {
      await page.goto(`${served.url}presenter/${no}`, { waitUntil: 'networkidle' })
      await settle(page)
      const notes = deck.slides[no - 1]!.notes.replace(CLICK_MARK, '').trim().split(/\s+/).slice(0, 6).join(' ')
      await expect.poll(() => page.locator('.slidev-note').first().innerText()).toContain(notes)
      await expect.poll(() => page.locator(`.slidev-page-${no}`).first().isVisible()).toBe(true)
    }
  }))

  it('the overview lists every slide', () => onGuardedPage(async (page) => {
    await page.goto(`${served.url}overview`, { waitUntil: 'networkidle' })
    await settle(page)
    const text = await page.locator('body').innerText()
    for (const s of deck.slides)
      expect(text, s.title).toContain(s.title)
  }))

  it('the web version, served under a sub-path, opens on slide 1 and reaches the last slide by keyboard', () => onGuardedPage(async (page) => {
    expect(served.base).not.toBe('/')
    await page.goto(served.url, { waitUntil: 'networkidle' })
    await expect.poll(() => page.locator('.slidev-page-1').first().isVisible()).toBe(true)
    const last = deck.slides.length
    for (let i = 1; i < last; i++)
      await page.keyboard.press('ArrowDown')
    await expect.poll(() => new URL(page.url()).pathname).toBe(`${served.base}${last}`)
    await expect.poll(() => page.locator(`.slidev-page-${last}`).first().innerText()).toContain(deck.slides[last - 1]!.title)
  }))
})

it('the slide shown at a click step is complete (no chart caught mid-animation)', () => onGuardedPage(async (page) => {
  const no = deck.slides.find(s => s.content.includes('<PackagesChart'))!.no
  await showSlide(page, served, no, 4)
  const widths = await page.locator(`.slidev-page-${no} rect.bar`).evaluateAll(rects => (rects as SVGRectElement[]).map((r) => {
    const box = r.getBoundingClientRect()
    return { drawn: box.width, attr: Number(r.getAttribute('width')), scale: (r.ownerSVGElement!.getBoundingClientRect().width / r.ownerSVGElement!.viewBox.baseVal.width) }
  }))
  expect(widths).toHaveLength(4)
  for (const w of widths)
    expect(w.drawn).toBeCloseTo(w.attr * w.scale, 0)
}))
