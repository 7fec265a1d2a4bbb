import type { Artifact } from './pipeline'
/**
 * Times every artifact cold (no cached build: `slidev build` runs) and warm
 * (the build is reused), and the floor: Chromium alone printing the built
 * deck's print page. Everything runs in this process, into a temporary
 * folder and a build cache of its own, so the user's exports/ and builds stay.
 */
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { cachedBuild, serveDeck } from './build/build'
import { launchChromium } from './capture/browser'
import { canvasOf } from './capture/capture'
import { runPipeline } from './pipeline'
import { loadDeck } from './support/deck'

export interface BenchRow { what: string, cold?: number, warm?: number, coldCpu?: number, warmCpu?: number }

/**
 * CPU seconds used so far by this process and every child it has waited for
 * (Slidev's build, Chromium and its renderers, ffmpeg): a measure that does
 * not grow when other programs share the cores. Linux only (/proc).
 */
export function cpuSeconds(): number {
  const own = process.cpuUsage()
  let children = 0
  try {
    // Fields 16 and 17 of /proc/self/stat: cutime and cstime in clock ticks (100 per second on Linux).
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ')
    children = (Number(fields[13]) + Number(fields[14])) / 100
  }
  catch {}
  return (own.user + own.system) / 1e6 + children
}

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

/** Outputs in `work`, so a benchmark never touches exports/. */
function outputsIn(work: string, basename = 'deck') {
  return {
    pdf: join(work, `${basename}.pdf`),
    png: join(work, `${basename}-png`),
    handout: join(work, `${basename}-handout.pdf`),
    video: join(work, `${basename}.mp4`),
    captions: join(work, `${basename}.vtt`),
    chapters: join(work, `${basename}-chapters.txt`),
    thumbnail: join(work, `${basename}-thumbnail.png`),
  }
}

export interface BenchOptions { entry?: string, runs?: number, log?: (line: string) => void }

export async function bench(options: BenchOptions = {}) {
  const log = options.log ?? (() => {})
  const runs = options.runs ?? 3
  const work = await mkdtemp(join(tmpdir(), 'deck-bench-'))
  const outputs = outputsIn(work)
  const cacheDir = join(work, 'builds')
  const time = async (artifacts: Artifact[], gate = true) => {
    const cpu = cpuSeconds()
    const { seconds } = await runPipeline({ entry: options.entry, artifacts, outputs, cacheDir, gate })
    return { seconds, cpu: cpuSeconds() - cpu }
  }
  const rows: BenchRow[] = []
  try {
    log(`machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, load average ${loadavg().map(l => l.toFixed(1)).join(' ')}`)
    const cases: [string, Artifact[]][] = [['slides PDF', ['pdf']], ['PNGs', ['png']], ['handout', ['handout']], ['video', ['video']], ['all four', ['pdf', 'png', 'handout', 'video']]]
    for (const [what, artifacts] of cases) {
      await rm(cacheDir, { recursive: true, force: true })
      const cold = await time(artifacts)
      const warmRuns = await sequence(runs, () => time(artifacts))
      const warm = median(warmRuns.map(r => r.seconds))
      const warmCpu = median(warmRuns.map(r => r.cpu))
      rows.push({ what, cold: cold.seconds, warm, coldCpu: cold.cpu, warmCpu })
      log(`${what.padEnd(12)} cold ${cold.seconds.toFixed(1).padStart(6)} s (CPU ${cold.cpu.toFixed(1)} s)   warm ${warm.toFixed(1).padStart(6)} s (CPU ${warmCpu.toFixed(1)} s)`)
    }
    // What the export gate's page checks cost: the same warm runs with the checks off.
    for (const [what, artifacts] of [['slides PDF', ['pdf']], ['all four', ['pdf', 'png', 'handout', 'video']]] as [string, Artifact[]][]) {
      const withChecks = rows.find(r => r.what === what)!
      const withoutRuns = await sequence(runs, () => time(artifacts, false))
      const without = median(withoutRuns.map(r => r.seconds))
      const withoutCpu = median(withoutRuns.map(r => r.cpu))
      rows.push({ what: `${what} without page checks`, warm: without, warmCpu: withoutCpu })
      const added = (a: number, b: number) => `${(100 * (a - b) / b).toFixed(1)} %`
      log(`${what.padEnd(12)} warm without page checks ${without.toFixed(1)} s (CPU ${withoutCpu.toFixed(1)} s): the checks add ${added(withChecks.warm!, without)} wall, ${added(withChecks.warmCpu!, withoutCpu)} CPU (target ≤ 10 %)`)
    }
    const { dir } = await cachedBuild({ entry: options.entry, cacheDir })
    const floorRuns = await sequence(runs, async () => {
      const cpu = cpuSeconds()
      const seconds = await timeFloor(dir, options.entry)
      return { seconds, cpu: cpuSeconds() - cpu }
    })
    const floor = median(floorRuns.map(r => r.seconds))
    const floorCpu = median(floorRuns.map(r => r.cpu))
    rows.push({ what: 'floor', warm: floor, warmCpu: floorCpu })
    const pdf = rows[0]!
    log(`floor        (Chromium printing the built print page) ${floor.toFixed(1)} s (CPU ${floorCpu.toFixed(1)} s)`)
    log(`CPU ratio: slides PDF warm / floor = ${(pdf.warmCpu! / floorCpu).toFixed(2)}`)
    log(`ratios: slides PDF warm / floor = ${(pdf.warm! / floor).toFixed(2)} (target ≤ 1.5), slides PDF cold = ${pdf.cold!.toFixed(1)} s (target ≤ 8), all four cold = ${rows[4]!.cold!.toFixed(1)} s (target ≤ 60)`)
    log(`load average after: ${loadavg().map(l => l.toFixed(1)).join(' ')}`)
    return rows
  }
  finally {
    await rm(work, { recursive: true, force: true })
  }
}

/**
 * What the narration adds to `npm run video`: the same video (build reused)
 * silent, then with the voice into an empty narration cache, then with the
 * voice again from that cache. The voice speaks ahead during the capture, so
 * only the render as a whole says what narrating costs.
 */
export async function benchNarration(options: BenchOptions = {}) {
  const log = options.log ?? (() => {})
  const runs = options.runs ?? 3
  const work = await mkdtemp(join(tmpdir(), 'deck-bench-'))
  const outputs = outputsIn(work)
  const cacheDir = join(work, 'builds')
  const narrationCache = join(work, 'narration')
  const time = async (voice: boolean) => {
    const cpu = cpuSeconds()
    const { seconds, narration } = await runPipeline({ entry: options.entry, artifacts: ['video'], outputs, cacheDir, voice, narrationCache })
    return { seconds, cpu: cpuSeconds() - cpu, narration }
  }
  try {
    log(`machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, load average ${loadavg().map(l => l.toFixed(1)).join(' ')}`)
    await time(false) // builds the deck once; every run below reuses it
    const rows = { silent: [] as { seconds: number, cpu: number }[], uncached: [] as { seconds: number, cpu: number }[], cached: [] as { seconds: number, cpu: number }[] }
    for (let i = 0; i < runs; i++) {
      rows.silent.push(await time(false))
      await rm(narrationCache, { recursive: true, force: true })
      const uncached = await time(true)
      rows.uncached.push(uncached)
      rows.cached.push(await time(true))
      log(`run ${i + 1}: silent ${rows.silent.at(-1)!.seconds.toFixed(1)} s, voice uncached ${uncached.seconds.toFixed(1)} s (${uncached.narration!.spoken} sentences spoken), voice cached ${rows.cached.at(-1)!.seconds.toFixed(1)} s`)
    }
    const wall = (r: { seconds: number }[]) => median(r.map(x => x.seconds))
    const cpu = (r: { cpu: number }[]) => median(r.map(x => x.cpu))
    log(`video silent ${wall(rows.silent).toFixed(1)} s (CPU ${cpu(rows.silent).toFixed(1)} s)`)
    log(`the voice adds, uncached: ${(wall(rows.uncached) - wall(rows.silent)).toFixed(1)} s wall, ${(cpu(rows.uncached) - cpu(rows.silent)).toFixed(1)} s CPU (target ≤ 60 s)`)
    log(`the voice adds, cached:   ${(wall(rows.cached) - wall(rows.silent)).toFixed(1)} s wall, ${(cpu(rows.cached) - cpu(rows.silent)).toFixed(1)} s CPU (target ≤ 5 s)`)
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
