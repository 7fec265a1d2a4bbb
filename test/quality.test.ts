import type { Browser, Page } from 'playwright-chromium'
import type { Deck } from 'slidev-pipeline'
import type { ServedDeck } from 'slidev-pipeline/testing'
import { CLICK_MARK, launchChromium, loadDeck, serveDeck, settle, showSlide } from 'slidev-pipeline/testing'
/**
 * The real deck in real Chromium against the built web version served on
 * loopback under a sub-path: presenter view, overview and keyboard navigation
 * work, with no error and no request leaving the machine. The walk over every
 * slide and click step in each theme is in quality-light and quality-dark.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { figures } from '../data'
import { emptyProblems, guardedContext } from './helpers/quality'

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
    // Polled for longer than the default second: on two busy cores the first slide can take that long to draw.
    await expect.poll(() => page.locator('.slidev-page-1').first().isVisible(), { timeout: 30_000 }).toBe(true)
    const last = deck.slides.length
    for (let i = 1; i < last; i++)
      await page.keyboard.press('ArrowDown')
    await expect.poll(() => new URL(page.url()).pathname).toBe(`${served.base}${last}`)
    await expect.poll(() => page.locator(`.slidev-page-${last}`).first().innerText()).toContain(deck.slides[last - 1]!.title)
  }))
})

it('the slide shown at a click step is complete (no chart caught mid-animation)', () => onGuardedPage(async (page) => {
  const no = deck.slides.find(s => s.content.includes('<PackagesChart'))!.no
  // The last bar's click: every bar has grown in.
  const bars = figures.imagePackages.length
  await showSlide(page, served, no, bars)
  const widths = await page.locator(`.slidev-page-${no} rect.bar`).evaluateAll(rects => (rects as SVGRectElement[]).map((r) => {
    const box = r.getBoundingClientRect()
    return { drawn: box.width, attr: Number(r.getAttribute('width')), scale: (r.ownerSVGElement!.getBoundingClientRect().width / r.ownerSVGElement!.viewBox.baseVal.width) }
  }))
  expect(widths).toHaveLength(bars)
  for (const w of widths)
    expect(w.drawn).toBeCloseTo(w.attr * w.scale, 0)
}))

it('a viewer who asks for reduced motion gets the bars and rows without movement', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce' })
  try {
    const page = await context.newPage()
    const no = deck.slides.find(s => s.content.includes('<PackagesChart'))!.no
    await showSlide(page, served, no, 1)
    const durations = await page.locator(`.slidev-page-${no} rect.bar`).evaluateAll(rects => rects.map(r => getComputedStyle(r).transitionDuration))
    expect(durations.length).toBeGreaterThan(0)
    expect(new Set(durations)).toEqual(new Set(['0s']))
    // Without the preference the bars grow, so the check above can fail.
    await page.emulateMedia({ reducedMotion: 'no-preference' })
    const moving = await page.locator(`.slidev-page-${no} rect.bar`).first().evaluate(r => getComputedStyle(r).transitionDuration)
    expect(moving).not.toBe('0s')
  }
  finally {
    await context.close()
  }
})

/**
 * Fewer words on stage: an audience reads or listens, not both. Body text is
 * what the slide shows at its last click, less the source footnote, code,
 * text only a screen reader gets and decorative marks. Content slides are all
 * but the cover, section dividers, the closing and resources slides and the
 * references. The evidence lives in the notes and the handout.
 */
it('content slides carry a median of 60 words of body text or fewer, and none more than 120', () => onGuardedPage(async (page) => {
  await page.goto(`${served.url}print?print=true`, { waitUntil: 'networkidle' })
  await page.locator('.slidev-slide-loading').waitFor({ state: 'detached' }).catch(() => {})
  await settle(page)
  const counts = await page.locator('.print-slide-container').evaluateAll(els => els.map((el) => {
    const body = el.cloneNode(true) as HTMLElement
    body.querySelectorAll('.source-note, pre, code, .sr-only, [aria-hidden="true"], svg title, svg desc').forEach(n => n.remove())
    return (body.textContent!.match(/[\p{L}\p{N}][\p{L}\p{N}'’.,:%-]*/gu) ?? []).length
  }))
  expect(counts).toHaveLength(deck.slides.length)
  const staging = new Set(['cover', 'section', 'closing', 'resources', 'end'])
  const content = deck.slides
    .filter(s => !staging.has(String(s.frontmatter.layout ?? 'default')) && !s.content.includes('<ReferenceList'))
    .map(s => ({ no: s.no, title: s.title, words: counts[s.no - 1]! }))
  const sorted = content.map(c => c.words).sort((a, b) => a - b)
  const median = (sorted[(sorted.length - 1) >> 1]! + sorted[sorted.length >> 1]!) / 2
  expect(content.length).toBeGreaterThanOrEqual(15)
  expect(median, content.map(c => `${c.no} ${c.words}`).join(', ')).toBeLessThanOrEqual(60)
  expect(content.filter(c => c.words > 120).map(c => `slide ${c.no} "${c.title}": ${c.words} words`)).toEqual([])
}))
