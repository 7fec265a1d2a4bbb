import type { Canvas } from '../capture/capture.ts'
import type { Artifact } from '../pipeline.ts'
/**
 * Times every artifact cold (no cached build: `slidev build` runs) and warm
 * (the build is reused), and the floor: Chromium alone printing the built
 * deck's print page. Everything runs in this process, into a temporary
 * folder and a build cache of its own, so the user's exports/ and builds stay.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { cpus, loadavg, tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { performance } from 'node:perf_hooks'
import { cachedBuild, serveDeck } from '../build/build.ts'
import { findChromium, launchChromium } from '../capture/browser.ts'
import { canvasOf } from '../capture/capture.ts'
import { runPipeline } from '../pipeline.ts'
import { printQuery } from '../slidev/internals.ts'
import { runSlidev } from '../slidev/run.ts'
import { loadDeck } from '../support/deck.ts'
import { artifactsIn, entryPath } from '../support/paths.ts'

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
export async function timeFloor(buildDir: string, canvas: Canvas): Promise<number> {
  const served = await serveDeck(buildDir, '/')
  try {
    const started = performance.now()
    const browser = await launchChromium()
    try {
      const page = await browser.newPage({ viewport: { width: canvas.width, height: Math.round(canvas.height) } })
      await page.goto(new URL(printQuery('true'), served.url).href, { waitUntil: 'networkidle' })
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
const outputsIn = (work: string) => artifactsIn(work, 'deck')

export interface BenchOptions {
  entry?: string
  runs?: number
  /** Progress and timings. */
  log?: (line: string) => void
  /** Where the runs' warnings go (the command's logger); default: console.warn. */
  warn?: (text: string) => void
}

const warnOf = (options: BenchOptions) => options.warn ?? ((text: string) => console.warn(text))

export async function bench(options: BenchOptions = {}) {
  const log = options.log ?? (() => {})
  const runs = options.runs ?? 3
  const work = await mkdtemp(join(tmpdir(), 'deck-bench-'))
  const outputs = outputsIn(work)
  const cacheDir = join(work, 'builds')
  const warn = eachOnce(warnOf(options))
  const time = async (artifacts: Artifact[], gate = true) => {
    const cpu = cpuSeconds()
    const { seconds } = await runPipeline({ entry: options.entry, artifacts, outputs, cacheDir, gate, warn })
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
    // The runs above checked the deck and built it: the floor reuses that build, and reads the deck once for its canvas.
    const { dir } = await cachedBuild({ entry: options.entry, cacheDir, check: false })
    const canvas = canvasOf(await loadDeck(options.entry))
    const floorRuns = await sequence(runs, async () => {
      const cpu = cpuSeconds()
      const seconds = await timeFloor(dir, canvas)
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
  const warn = eachOnce(warnOf(options))
  const time = async (voice: boolean) => {
    const cpu = cpuSeconds()
    const { seconds, narration } = await runPipeline({ entry: options.entry, artifacts: ['video'], outputs, cacheDir, voice, narrationCache, warn })
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

/**
 * Peak memory, in MB, of this process and every process under it (Slidev's
 * build, Chromium and its renderers) while `work` runs: the sum of their
 * proportional set sizes (PSS: a page shared by Chromium's processes counts
 * once in all, where RSS would count it in each), sampled from /proc every
 * 250 ms. Linux only (0 elsewhere).
 */
export async function withPeakMemory<T>(work: () => Promise<T>): Promise<{ result: T, peakMb: number }> {
  const kbOf = (pid: number) => {
    try {
      return Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0)
    }
    catch { // the process ended while we read, or the kernel has no smaps_rollup
      return 0
    }
  }
  const tree = (): number => {
    try {
      const parents = new Map<number, number>()
      for (const name of readdirSync('/proc')) {
        if (!/^\d+$/.test(name))
          continue
        try {
          parents.set(Number(name), Number(readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]))
        }
        catch {} // the process ended while we read
      }
      const ours = new Set([process.pid])
      for (let grew = true; grew;) {
        grew = false
        for (const [pid, ppid] of parents) {
          if (!ours.has(pid) && ours.has(ppid))
            grew = Boolean(ours.add(pid))
        }
      }
      let kb = 0
      for (const pid of ours)
        kb += kbOf(pid)
      return kb / 1024
    }
    catch {
      return 0
    }
  }
  let peakMb = tree()
  const timer = setInterval(() => {
    peakMb = Math.max(peakMb, tree())
  }, 250)
  try {
    const result = await work()
    return { result, peakMb: Math.max(peakMb, tree()) }
  }
  finally {
    clearInterval(timer)
  }
}

/**
 * `warn`, passing each distinct warning on once over all the runs: every run of
 * the same deck warns the same, and the talk's one advisory line, printed by
 * each of 28 runs, buried the timings.
 */
function eachOnce(warn: (text: string) => void): (text: string) => void {
  const seen = new Set<string>()
  return (text) => {
    if (!seen.has(text)) {
      seen.add(text)
      warn(text)
    }
  }
}

/**
 * Runs `work` with the runs' warnings held back (it is given the `warn` to pass
 * on): a deck with hundreds of advisory lines (the starter's contrast) would
 * bury the timings. Says how many it held.
 */
async function withoutWarnings<T>(work: (warn: (text: string) => void) => Promise<T>, log: (line: string) => void): Promise<T> {
  let held = 0
  try {
    return await work((text) => {
      held += text.split('\n').length
    })
  }
  finally {
    if (held)
      log(`  (${held} lines of the gate's warnings not shown; export the deck to read them)`)
  }
}

/** `slidev export` on the deck (Slidev's own exporter, in a child process), timed; the PDF goes into `out`. */
async function timeSlidevExport(entry: string, out: string): Promise<number> {
  const started = performance.now()
  await runSlidev(['export', entry, '--output', out, '--timeout', '120000', '--executable-path', findChromium()], { cwd: dirname(entry), quiet: true })
  return (performance.now() - started) / 1000
}

export interface CompareRow { what: string, cold: number, warm: number, slidevCold: number, slidevWarm: number }

/**
 * The slides PDF of `entry` by the toolkit, cold (no cached build) and warm
 * (median of `runs`), against `slidev export` on the same deck in the same
 * run (its first run, with Vite's dependency cache beside the deck removed,
 * then the median of `runs` more). The gate is on, as a
 * user runs it, and `force`d: a deck with problems (the starter's remote
 * images) is still timed.
 */
export async function benchAgainstSlidev(options: BenchOptions & { what?: string } = {}): Promise<CompareRow> {
  const log = options.log ?? (() => {})
  const runs = options.runs ?? 3
  const entry = entryPath(options.entry)
  const what = options.what ?? relative(process.cwd(), entry)
  const work = await mkdtemp(join(tmpdir(), 'deck-bench-'))
  const cacheDir = join(work, 'builds')
  const toolkit = async () => (await withoutWarnings(warn => runPipeline({ entry, artifacts: ['pdf'], outputs: outputsIn(work), cacheDir, force: true, warn }), log)).seconds
  try {
    const cold = await toolkit()
    const warm = median(await sequence(runs, toolkit))
    // Slidev's first run, cold: without Vite's dependency cache beside the deck (a cache: Vite remakes it).
    await rm(join(dirname(entry), 'node_modules', '.vite'), { recursive: true, force: true })
    const slidevCold = await timeSlidevExport(entry, join(work, 'slidev-export.pdf'))
    const slidevWarm = median(await sequence(runs, () => timeSlidevExport(entry, join(work, 'slidev-export.pdf'))))
    log(`${what}: toolkit cold ${cold.toFixed(1)} s, warm ${warm.toFixed(1)} s; slidev export first ${slidevCold.toFixed(1)} s, then ${slidevWarm.toFixed(1)} s; warm ${(warm / slidevWarm).toFixed(2)}× (target ≤ 0.5), cold ${(cold / slidevCold).toFixed(2)}× (target ≤ 1.0)`)
    return { what, cold, warm, slidevCold, slidevWarm }
  }
  finally {
    await rm(work, { recursive: true, force: true })
  }
}

/** A deck of `count` slides made up for the benchmark: titles, bullets, code, a table and clicks, in turn. */
export function generatedDeck(count: number): string {
  const slide = (i: number) => {
    const kind = i % 4
    const body = kind === 0
      ? `- Point one of slide ${i}\n- Point two of slide ${i}\n- Point three of slide ${i}`
      : kind === 1
        ? `\`\`\`ts {1|2}\nconst slide = ${i}\nconsole.log(slide * 2)\n\`\`\``
        : kind === 2
          ? `| Slide | Value |\n|---|---|\n| ${i} | ${i * 3} |\n| ${i + 1} | ${i * 5} |`
          : `<v-clicks>\n\n- First of ${i}\n- Second of ${i}\n\n</v-clicks>`
    return `# Slide ${i}\n\n${body}\n\n<!--\nNotes of slide ${i}.\n-->\n`
  }
  const slides = Array.from({ length: count }, (_, i) => slide(i + 1))
  return `---\ntitle: A generated deck of ${count} slides\nfonts:\n  provider: none\n---\n\n${slides.join('\n---\n\n')}`
}

/** The warm slides PDF of a generated `count`-slide deck (median of `runs`) and the peak memory of the run. */
export async function benchGenerated(options: { count?: number, runs?: number, log?: (line: string) => void } = {}) {
  const log = options.log ?? (() => {})
  const count = options.count ?? 150
  const runs = options.runs ?? 3
  const work = await mkdtemp(join(tmpdir(), 'deck-bench-generated-'))
  try {
    const entry = join(work, 'slides.md')
    await writeFile(entry, generatedDeck(count))
    const cacheDir = join(work, 'builds')
    const pdf = () => withoutWarnings(warn => runPipeline({ entry, artifacts: ['pdf'], outputs: outputsIn(work), cacheDir, force: true, warn }), log)
    const cold = await pdf()
    const warm = await sequence(runs, () => withPeakMemory(pdf))
    const seconds = median(warm.map(r => r.result.seconds))
    const peakMb = Math.max(...warm.map(r => r.peakMb))
    log(`generated deck of ${count} slides: cold ${cold.seconds.toFixed(1)} s, warm ${seconds.toFixed(1)} s (target ≤ 12 s), peak memory ${peakMb.toFixed(0)} MB (PSS of this process, Chromium and every child)`)
    return { count, cold: cold.seconds, warm: seconds, peakMb }
  }
  finally {
    await rm(work, { recursive: true, force: true })
  }
}
