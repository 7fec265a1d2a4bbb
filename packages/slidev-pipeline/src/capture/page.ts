import type { ServedDeck } from '../build/build.ts'
/** Helpers for a page showing the built deck: wait until drawn, show a slide, count its clicks. */
import type { Page } from './browser.ts'
import { CLICK_RANGE, MONACO_CONTAINER, slidePage } from '../slidev/internals.ts'
import { inPage } from './inPage.ts'

/**
 * An init script (`context.addInitScript({ content })`) that makes every CSS
 * transition and animation end at once, for the tests' quality walk: it checks
 * each click step as drawn once settled, and Slidev's half-second fades,
 * rendered at 60 frames a second on every step, were a third of its CPU.
 */
export const INSTANT_TRANSITIONS = `document.addEventListener('readystatechange', () => document.head.append(Object.assign(document.createElement('style'), { textContent: '*, *::before, *::after { transition-duration: 0s !important; transition-delay: 0s !important; animation-duration: 0s !important; animation-delay: 0s !important; }' })), { once: true })`

/**
 * Makes the page fully drawn: fonts loaded, images decoded, every CSS
 * transition and finite animation at its end. Animations are finished, not
 * waited for: the end state is what is captured either way, and waiting
 * timed out on a busy machine (Slidev's starter, `page.waitForFunction:
 * Timeout 10000ms exceeded`, with four test files at once on two cores).
 * Rounds, because an animation's end may start the next one. An animation
 * that repeats forever (a spinner, a pulsing badge) never finishes: it is
 * drawn as it stands.
 */
export async function settle(page: Page) {
  await inPage(page, async () => {
    await document.fonts.ready
    await Promise.all(Array.from(document.images, img => img.decode().catch(() => {})))
    const frame = () => new Promise(done => requestAnimationFrame(done))
    for (let round = 0; round < 10; round++) {
      const running = document.getAnimations().filter(a => a.playState === 'running' && a.effect?.getComputedTiming().iterations !== Infinity)
      if (!running.length)
        break
      for (const animation of running) {
        try {
          animation.finish()
        }
        catch {} // a playback rate of 0: it stands still, drawn as it is
      }
      await frame()
    }
    await frame()
    await frame()
  })
}

/**
 * Waits until no Monaco editor on the page has changed for `quiet` ms (at most
 * `limit` ms in all; a page without one returns at once). Monaco draws its
 * code, then redraws it as its TypeScript worker answers: on Slidev's
 * starter the last redraw came 1 to 3.5 s after the network was idle, with
 * gaps of up to 1.5 s between, so a capture taken at idle printed an unused
 * name faded in one run and not in the next, and the gate's contrast list
 * changed by 22 lines from run to run. There is no event for "the worker is
 * done"; a still editor is the nearest thing that can be seen from the page.
 * An editor that never stops (a focused, blinking cursor) is captured at the limit.
 */
export async function editorsSettled(page: Page, quiet = 2000, limit = 15_000) {
  await inPage(page, ({ selector, quiet, limit }) => new Promise<void>((done) => {
    if (!document.querySelector(selector))
      return done()
    const end = performance.now() + limit
    let timer: ReturnType<typeof setTimeout>
    const observer = new MutationObserver((records) => {
      if (records.some(r => (r.target instanceof Element ? r.target : r.target.parentElement)?.closest(selector)))
        wait()
    })
    function wait() {
      clearTimeout(timer)
      timer = setTimeout(() => {
        observer.disconnect()
        done()
      }, Math.max(0, Math.min(quiet, end - performance.now())))
    }
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true })
    wait()
  }), { selector: MONACO_CONTAINER, quiet, limit })
}

/** Shows slide `no` at click step `clicks` and waits until it is fully drawn. */
export async function showSlide(page: Page, deck: ServedDeck, no: number, clicks = 0, query = '') {
  const params = new URLSearchParams(query)
  if (clicks > 0)
    params.set('clicks', String(clicks))
  const qs = params.toString()
  // 'load' and then the slide itself, not 'networkidle': on two busy cores the page can
  // take longer than a fixed quiet period, and what matters is the slide being drawn (settle).
  await page.goto(new URL(`${no}${qs ? `?${qs}` : ''}`, deck.url).href, { waitUntil: 'load', timeout: 120_000 })
  await page.locator(slidePage(no)).first().waitFor({ state: 'visible', timeout: 120_000 })
  await settle(page)
}

/** Number of click steps on the slide that is showing (from the v-click elements Slidev marks). */
export async function clickStepsOf(page: Page, no: number): Promise<number> {
  return inPage(page, ({ slide, range }) => {
    const els = [...document.querySelectorAll(`${slide} [${range.start}]`)]
    return Math.max(0, ...els.map(e => Number(e.getAttribute(range.end) ?? e.getAttribute(range.start))).filter(Number.isFinite))
  }, { slide: slidePage(no), range: CLICK_RANGE })
}
