/**
 * The quality gate on the real deck, in real Chromium against the built web
 * version served on loopback under a sub-path: no errors, no request leaves
 * the machine, nothing overflows, WCAG 2 A/AA in light and dark, presenter view,
 * overview and keyboard navigation work.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-chromium'
import { launchChromium } from '../scripts/lib/browser'
import { serveDeck } from '../scripts/lib/build'
import { settle, showSlide } from '../scripts/lib/page'
import type { ServedDeck } from '../scripts/lib/build'
import { CLICK_MARK, clickMarkCount, loadDeck } from '../scripts/lib/deck'
import type { Deck } from '../scripts/lib/deck'
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
    // Layout does not depend on the theme: every click step in light, final steps in dark.
    await walkDeck(context, at, served, deck.slides.length, problems, theme, theme === 'light')
    await context.close()
  }, 300_000)

  it('requests nothing from outside the machine', () => expect(problems.offline).toEqual([]))
  it('logs no console error, page error or failed request', () => expect(problems.errors).toEqual([]))
  it('has nothing overflowing the slide or its own box', () => expect(problems.overflow).toEqual([]))
  // Rules scoped to one slide: page-level rules (landmarks, a single <h1>) do not
  // apply to a slide in a deck and are not in the WCAG tag set anyway.
  it('has no WCAG 2 A/AA violation (axe-core)', () => expect(problems.accessibility).toEqual([]))
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
