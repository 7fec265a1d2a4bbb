/**
 * Still frames from the built deck in Chromium: one 1920×1080 screenshot per
 * slide and click step, through Slidev's print route (`?print=clicks`, as its
 * own exporter uses) so charts are drawn complete, with animations disabled.
 * Two pages work side by side (this machine has two cores).
 */
import { join } from 'node:path'
import type { Browser, Page, ServedDeck } from '../deck-server'
import { clickStepsOf, showSlide } from '../deck-server'

export const frameSize = { width: 1920, height: 1080 }
const PARALLEL = 2

/** Runs `work` over `items` on `PARALLEL` pages of one browser context. */
async function onPages<T, R>(browser: Browser, items: T[], work: (page: Page, item: T) => Promise<R>): Promise<R[]> {
  const context = await browser.newContext({ viewport: frameSize, deviceScaleFactor: 1, reducedMotion: 'reduce' })
  try {
    const results: R[] = Array.from({ length: items.length })
    let next = 0
    await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, async () => {
      const page = await context.newPage()
      while (next < items.length) {
        const i = next++
        results[i] = await work(page, items[i]!)
      }
    }))
    return results
  }
  finally {
    await context.close()
  }
}

/** Number of clicks on each slide 1..count, as Slidev counts them in the built deck. */
export async function countClicks(browser: Browser, deck: ServedDeck, count: number): Promise<number[]> {
  const nos = Array.from({ length: count }, (_, i) => i + 1)
  return onPages(browser, nos, async (page, no) => {
    await page.goto(`${deck.url}${no}?print=clicks`, { waitUntil: 'networkidle' })
    await page.locator(`.slidev-page-${no}`).first().waitFor({ state: 'visible' })
    return clickStepsOf(page, no)
  })
}

export interface FrameRequest { slide: number, clicks: number }

/**
 * Screenshots every requested step into `dir` (frame-0001.png, ...), in order;
 * `onFrame` is called after each one. Returns the paths.
 */
export async function renderFrames(browser: Browser, deck: ServedDeck, steps: FrameRequest[], dir: string, onFrame: (done: number, step: FrameRequest) => void = () => {}): Promise<string[]> {
  let done = 0
  return onPages(browser, steps.map((step, i) => ({ step, i })), async (page, { step, i }) => {
    await showSlide(page, deck, step.slide, step.clicks, 'print=clicks')
    // Slidev letterboxes the canvas in black when its aspect ratio is not exactly
    // 16:9 after rounding (980 × 552); paint the margin in the slide's own colour.
    await page.evaluate(() => {
      const content = document.querySelector('#slide-content')
      const container = document.querySelector<HTMLElement>('#slide-container')
      if (content && container)
        container.style.background = getComputedStyle(content).backgroundColor
    })
    const path = join(dir, `frame-${String(i + 1).padStart(4, '0')}.png`)
    await page.screenshot({ path, animations: 'disabled', caret: 'hide' })
    onFrame(++done, step)
    return path
  })
}
