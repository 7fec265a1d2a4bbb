/**
 * Builds the deck once (`slidev build`) and serves it on loopback, so the video,
 * the handout and the browser tests share one build and one Chromium.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import sirv from 'sirv'
import type { Browser, Page } from 'playwright-chromium'
import { runSlidev } from './slidev'
import { checkDeck } from './check-deck'
import { root } from './paths'

export interface ServedDeck {
  /** e.g. http://127.0.0.1:4567/talk/ */
  url: string
  base: string
  dir: string
  close: () => Promise<void>
}

/** `slidev build` into `outDir`; throws with Slidev's output when the build fails. */
export async function buildDeck(options: { entry?: string, outDir: string, base?: string, cwd?: string }) {
  await checkDeck(resolve(options.cwd ?? root, options.entry ?? 'slides.md'))
  await runSlidev([
    'build',
    options.entry ?? 'slides.md',
    '--out', resolve(options.outDir),
    '--base', options.base ?? '/',
  ], { cwd: options.cwd ?? root, quiet: true })
}

/** Serves a built deck (SPA fallback to index.html) on 127.0.0.1 under `base`. */
export async function serveDeck(dir: string, base = '/'): Promise<ServedDeck> {
  const assets = sirv(dir, { single: true, dev: true })
  const server = createServer((req, res) => {
    if (!req.url?.startsWith(base)) {
      res.statusCode = 404
      res.end('outside base')
      return
    }
    req.url = `/${req.url.slice(base.length)}`
    assets(req, res, () => {
      res.statusCode = 404
      res.end()
    })
  })
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}${base}`,
    base,
    dir,
    close: () => new Promise<void>(done => server.close(() => done())),
  }
}

/** Builds into a temporary folder and serves it; `close()` removes the folder. */
export async function buildAndServe(options: { entry?: string, base?: string, cwd?: string } = {}): Promise<ServedDeck> {
  const dir = await mkdtemp(join(tmpdir(), 'deck-build-'))
  try {
    await buildDeck({ ...options, outDir: dir })
  }
  catch (error) {
    await rm(dir, { recursive: true, force: true })
    throw error
  }
  const served = await serveDeck(dir, options.base)
  return { ...served, close: async () => { await served.close(); await rm(dir, { recursive: true, force: true }) } }
}

/** Waits until the page is fully drawn: fonts loaded, images decoded, every CSS transition and animation finished. */
export async function settle(page: Page) {
  await page.evaluate(async () => {
    await document.fonts.ready
    await Promise.all([...document.images].map(img => img.decode().catch(() => {})))
  })
  await page.waitForFunction(() => document.getAnimations().every(a => a.playState !== 'running'), undefined, { timeout: 10_000 })
  await page.evaluate(() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done))))
}

/** Shows slide `no` at click step `clicks` and waits until it is fully drawn. */
export async function showSlide(page: Page, deck: ServedDeck, no: number, clicks = 0, query = '') {
  const params = new URLSearchParams(query)
  if (clicks > 0)
    params.set('clicks', String(clicks))
  const qs = params.toString()
  await page.goto(`${deck.url}${no}${qs ? `?${qs}` : ''}`, { waitUntil: 'networkidle' })
  await page.locator(`.slidev-page-${no}`).first().waitFor({ state: 'visible' })
  await settle(page)
}

/** Number of click steps on the slide that is showing (from the v-click elements Slidev marks). */
export async function clickStepsOf(page: Page, no: number): Promise<number> {
  return page.evaluate((n) => {
    const els = [...document.querySelectorAll(`.slidev-page-${n} [data-slidev-clicks-start]`)] as HTMLElement[]
    return Math.max(0, ...els.map(e => Number(e.dataset.slidevClicksEnd ?? e.dataset.slidevClicksStart)).filter(Number.isFinite))
  }, no)
}

export type { Browser, Page }
