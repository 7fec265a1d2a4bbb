/**
 * Times every artifact cold (no cached build: `slidev build` runs) and warm
 * (the build is reused), and the floor: Chromium alone printing the built
 * deck's print page. Everything runs in this process, into a temporary
 * folder and a build cache of its own, so the user's exports/ and builds stay.
 */
import { cpus, loadavg } from 'node:os'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { launchChromium } from './browser'
import { cachedBuild, serveDeck } from './build'
import { canvasOf } from './capture'
import { loadDeck } from './deck'
import type { Artifact } from './pipeline'
import { runPipeline } from './pipeline'
import { basename } from './paths'

export interface BenchRow { what: string, cold?: number, warm?: number }

/** Chromium launched, the built print page loaded and printed: what any export of a built deck costs at least. */
export async function timeFloor(buildDir: string, entry?: string): Promise<number> {
  const deck = await loadDeck(entry)
  const canvas = canvasOf(deck)
  const served = await serveDeck(buildDir, '/')
  try {
    const started = performance.now()
    const browser = await launchChromium()
    try {
      const page = await browser.newPage({ viewport: { width: canvas.width, height: Math.round(canvas.height) } })
      await page.goto(new URL('print?print=true', served.url).href, { waitUntil: 'networkidle' })
      await page.pdf({ width: `${canvas.width}px`, height: `${canvas.height}px`, printBackground: true, preferCSSPageSize: true })
    }
    finally {
      await browser.close()
    }
    return (performance.now() - started) / 1000
  }
  finally {
    await served.close()
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

export async function bench(options: { entry?: string, runs?: number, log?: (line: string) => void } = {}) {
  const log = options.log ?? (() => {})
  const runs = options.runs ?? 3
  const work = await mkdtemp(join(tmpdir(), 'deck-bench-'))
  const outputs = {
    pdf: join(work, `${basename}.pdf`),
    png: join(work, `${basename}-png`),
    handout: join(work, `${basename}-handout.pdf`),
    video: join(work, `${basename}.mp4`),
    captions: join(work, `${basename}.vtt`),
    chapters: join(work, `${basename}-chapters.txt`),
    thumbnail: join(work, `${basename}-thumbnail.png`),
  }
  const cacheDir = join(work, 'builds')
  const time = async (artifacts: Artifact[]) => (await runPipeline({ entry: options.entry, artifacts, outputs, cacheDir })).seconds
  const rows: BenchRow[] = []
  try {
    log(`machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, load average ${loadavg().map(l => l.toFixed(1)).join(' ')}`)
    const cases: [string, Artifact[]][] = [['slides PDF', ['pdf']], ['PNGs', ['png']], ['handout', ['handout']], ['video', ['video']], ['all four', ['pdf', 'png', 'handout', 'video']]]
    for (const [what, artifacts] of cases) {
      await rm(cacheDir, { recursive: true, force: true })
      const cold = await time(artifacts)
      const warm = median(await sequence(runs, () => time(artifacts)))
      rows.push({ what, cold, warm })
      log(`${what.padEnd(12)} cold ${cold.toFixed(1).padStart(6)} s   warm ${warm.toFixed(1).padStart(6)} s`)
    }
    const { dir } = await cachedBuild({ entry: options.entry, cacheDir })
    const floor = median(await sequence(runs, () => timeFloor(dir, options.entry)))
    rows.push({ what: 'floor', warm: floor })
    const pdf = rows[0]!
    log(`floor        (Chromium printing the built print page) ${floor.toFixed(1)} s`)
    log(`ratios: slides PDF warm / floor = ${(pdf.warm! / floor).toFixed(2)} (target ≤ 1.5), slides PDF cold = ${pdf.cold!.toFixed(1)} s (target ≤ 8), all four cold = ${rows[4]!.cold!.toFixed(1)} s (target ≤ 60)`)
    log(`load average after: ${loadavg().map(l => l.toFixed(1)).join(' ')}`)
    return rows
  }
  finally {
    await rm(work, { recursive: true, force: true })
  }
}

async function sequence<T>(n: number, run: () => Promise<T>): Promise<T[]> {
  const out: T[] = []
  for (let i = 0; i < n; i++)
    out.push(await run())
  return out
}
