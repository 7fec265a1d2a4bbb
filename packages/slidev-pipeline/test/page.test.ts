/**
 * The capture's wait for live code editors (src/capture/page.ts: editorsSettled),
 * in real Chromium on pages that stand in for a `{monaco}` block: a wrapper
 * with Slidev's class whose contents change on a timer, as Monaco's redraws do.
 */
import { describe, expect, it } from 'vitest'
import { editorsSettled } from '../src/capture/page'
import { MONACO_CONTAINER } from '../src/slidev/internals'
import { chromiumForFile } from './helpers/browser'

const browser = chromiumForFile()

/** A page made of `html`. */
async function pageWithEditor(html: string) {
  const page = await browser().newPage()
  await page.setContent(html)
  return page
}
const editor = (script: string) => `<div class="relative ${MONACO_CONTAINER.slice(1)}"><div id="lines">const a = 1</div></div><script>${script}</script>`

/** Milliseconds editorsSettled took on `page`, with a quiet period of `quiet` ms (300 unless told). */
async function settledAfter(page: Awaited<ReturnType<typeof pageWithEditor>>, limit = 2000, quiet = 300) {
  const started = performance.now()
  await editorsSettled(page, quiet, limit)
  return performance.now() - started
}

describe('editorsSettled', () => {
  it('returns at once on a page with no editor', async () => {
    const page = await pageWithEditor('<p>no editor here</p>')
    // A quiet period of 3 s and a limit of 6 s: waiting at all would take 3 s or more, while
    // returning at once stays far below, even when a busy machine slows the round trip
    // (it measured 336 ms against a 300 ms quiet period once, under three test files at a time).
    expect(await settledAfter(page, 6000, 3000)).toBeLessThan(1500)
    await page.close()
  })

  it('waits until the editor has been still for the quiet period, across gaps shorter than it', async () => {
    // Redraws 200, 400 and 650 ms after the page loads, each time noted by the page's clock.
    const page = await pageWithEditor(editor(`window.redrawn = 0; for (const t of [200, 400, 650]) setTimeout(() => { document.getElementById('lines').textContent = 'redrawn at ' + t; window.redrawn = performance.now() }, t)`))
    await settledAfter(page)
    // By the page's own clock, so a slow round trip on a busy machine does not count.
    const { now, redrawn } = await page.evaluate(() => ({ now: performance.now(), redrawn: (window as unknown as { redrawn: number }).redrawn }))
    expect(await page.textContent('#lines')).toBe('redrawn at 650')
    expect(now - redrawn).toBeGreaterThanOrEqual(300)
    await page.close()
  })

  it('stops waiting at the limit when the editor never stops changing', async () => {
    const page = await pageWithEditor(editor(`setInterval(() => { document.getElementById('lines').classList.toggle('blink') }, 100)`))
    const took = await settledAfter(page)
    expect(took).toBeGreaterThanOrEqual(1950)
    expect(took).toBeLessThan(6000)
    await page.close()
  })

  it('is not held up by changes outside the editor', async () => {
    const page = await pageWithEditor(`${editor('')}<p id="clock"></p><script>setInterval(() => { document.getElementById('clock').textContent = String(Date.now()) }, 50)</script>`)
    const took = await settledAfter(page, 10_000)
    expect(took).toBeGreaterThanOrEqual(290)
    expect(took).toBeLessThan(5000)
    await page.close()
  })
})
