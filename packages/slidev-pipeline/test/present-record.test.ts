import type { ChildProcessWithoutNullStreams } from 'node:child_process'
import type { Browser, Page } from 'playwright-core'
/**
 * `slidev-pipeline present --record` in real Chromium, with no microphone:
 * Chromium's fake capture feeds a WAV of beeps (one a second) as the
 * microphone. On a plain deck under "my talks/" (a path with spaces), the
 * presenter view is driven with the keyboard at known times, paused and
 * resumed with the indicator's button and stopped; then the server is stopped
 * by SIGTERM and by SIGKILL mid-recording. Checked: the log against the driven
 * steps (100 ms), the recorded audio against the log's clock (each beep where
 * Chromium's capture time of it puts it, within 50 ms; steps taken on hearing a
 * beep never logged before it), the indicator
 * (presenter view only), that what a crash leaves decodes up to its last 2 s
 * chunk, and that recording adds no lag between a key in the presenter view and
 * the audience's view.
 *
 * Keys are pressed as a speaker presses them: the next one once the last has
 * settled (both views show it, and the audience's echo of it has reached the
 * presenter view). Slidev's shared state sends every position the audience
 * view receives back to the presenter view; a key pressed before that echo
 * returns is undone by it (Slidev's behaviour, with or without recording: README).
 */
import { execFileSync, spawn } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findChromium } from '../src/capture/browser'
import { logToFile } from '../src/outputs/recording/levels'
import { parseLog } from '../src/outputs/recording/log'
import { findRecogniser, recognise } from '../src/outputs/recording/recognise'
import { browserSound, decode16k, recognitionCacheOf } from '../src/outputs/recording/recording'
import { findFfmpeg, findFfprobe } from '../src/support/executable'
import { cli } from './helpers/cli'
import { fixture } from './helpers/paths'

const SAMPLE_RATE = 48000
/** The fed WAV: a 60 ms beep at the start of every second. */
const BEEP_EVERY_MS = 1000
/**
 * A fresh dev server pre-bundles Slidev's client and compiles each slide on first view: in a fresh clone
 * under the whole suite's load the first test took over 120 s (95 s alone at load 10), so each test and
 * page load has room for that; a run on an idle machine takes a fraction of it.
 */
const TEST_TIMEOUT = 300_000
const PAGE_TIMEOUT = 180_000

interface Server { child: ChildProcessWithoutNullStreams, output: () => string, port: number, exited: Promise<number | null> }

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, 'localhost', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

/** `slidev-pipeline present …` from the deck's folder, resolved once it prints the presenter's URL. */
async function startPresent(deck: string, args: string[]): Promise<Server> {
  const port = await freePort()
  const child = spawn(cli, ['present', ...args, '--port', String(port)], { cwd: deck, env: { ...process.env, PWD: deck }, stdio: 'pipe' })
  let output = ''
  child.stdout.on('data', (d) => {
    output += d
  })
  child.stderr.on('data', (d) => {
    output += d
  })
  const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)))
  const until = Date.now() + 90_000
  // The banner's last line: its lines are written one by one, and under load they come apart.
  while (!/presenter view\s+> http[\s\S]*Ctrl-C stops the server/.test(output)) {
    if (child.exitCode !== null || Date.now() > until)
      throw new Error(`present did not start:\n${output}`)
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  return { child, output: () => output, port, exited }
}

function runCli(deck: string, args: string[]): { code: number, output: string } {
  try {
    return { code: 0, output: execFileSync(cli, args, { cwd: deck, encoding: 'utf8', stdio: 'pipe', timeout: 60_000 }) }
  }
  catch (error: any) {
    return { code: error.status, output: `${error.stdout}${error.stderr}` }
  }
}

interface LogEntry { type: string, t: number, slide?: number, click?: number, reason?: string, [key: string]: unknown }
/** The log's entries but the microphone's levels (checked apart: parseLog reads them). */
const readLog = (dir: string): LogEntry[] => readFileSync(join(dir, 'log.jsonl'), 'utf8').trim().split('\n').map(line => JSON.parse(line)).filter(e => e.type !== 'levels')

/**
 * The recording's audio as mono samples (-1…1), each packet at its timestamp as a player plays it
 * (`atTimestamps`), or packets end to end as ffmpeg's decoder joins them: where the browser dropped
 * frames under load, its WebM skips their time.
 */
function decode(file: string, atTimestamps = true): Float32Array {
  const raw = execFileSync(findFfmpeg(), ['-v', 'error', '-i', file, '-vn', ...(atTimestamps ? ['-af', 'aresample=async=1:min_hard_comp=0.005'] : []), '-ac', '1', '-ar', String(SAMPLE_RATE), '-f', 's16le', '-'], { maxBuffer: 1 << 28 })
  const samples = new Float32Array(raw.length / 2)
  for (let i = 0; i < samples.length; i++)
    samples[i] = raw.readInt16LE(i * 2) / 32768
  return samples
}

/** Where each beep starts, in ms: a sample above the threshold after at least 300 ms below it. */
function onsets(samples: Float32Array, threshold = 0.05): number[] {
  const found: number[] = []
  let quiet = Number.POSITIVE_INFINITY
  const gap = 0.3 * SAMPLE_RATE
  for (let i = 0; i < samples.length; i++) {
    if (Math.abs(samples[i]!) > threshold) {
      if (quiet >= gap)
        found.push((i / SAMPLE_RATE) * 1000)
      quiet = 0
    }
    else {
      quiet++
    }
  }
  return found
}

function recordingsOf(deck: string) {
  const folder = join(deck, 'exports', 'plain-deck-recordings')
  return existsSync(folder) ? readdirSync(folder).sort().map(n => join(folder, n)) : []
}

async function waitFor<T>(what: string, get: () => T | undefined, timeout = 20_000): Promise<T> {
  const until = Date.now() + timeout
  for (;;) {
    const value = get()
    if (value !== undefined)
      return value
    if (Date.now() > until)
      throw new Error(`timed out waiting for ${what}`)
    await new Promise(resolve => setTimeout(resolve, 100))
  }
}

/** The shared `nav` states a page receives over Vite's websocket (vite-plugin-vue-server-ref), as `slide/click type`. */
function navFrames(page: Page): string[] {
  const frames: string[] = []
  page.on('websocket', ws => ws.on('framereceived', (frame) => {
    const text = String(frame.payload)
    if (!text.includes('vue-server-ref'))
      return
    const data = JSON.parse(text).data
    if (data?.key === 'nav' && data.data)
      frames.push(`${data.data.page}/${data.data.clicks} ${data.data.lastUpdate?.type}`)
  }))
  return frames
}

const position = (page: Page): Promise<string> => page.evaluate(() => `${(window as any).__slidev__.nav.currentSlideNo}/${(window as any).__slidev__.nav.clicks}`)

/**
 * Waits, after a key, until the step has settled: the presenter and the audience show `step`, and the
 * audience's echo of it has come back to the presenter view (frames received since `from`).
 */
async function settle(presenter: Page, frames: string[], from: number, audience: Page, step: string) {
  const until = Date.now() + 20_000
  for (;;) {
    if (frames.slice(from).includes(`${step} viewer`) && await position(presenter) === step && await position(audience) === step)
      return
    if (Date.now() > until)
      throw new Error(`step ${step} did not settle: presenter ${await position(presenter)}, audience ${await position(audience)}, frames ${frames.slice(from).join(', ')}`)
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}

/**
 * Vite compiles each slide on its first request: on a fresh server the first view of a slide is late by
 * that, in every view and in the log alike. The audience's view visits every slide once, and comes back,
 * before the presenter view opens (a speaker's run-through; not recorded).
 */
async function warmUp(audience: Page, slides = 5) {
  for (let n = 1; n <= slides + 1; n++) {
    const no = n > slides ? 1 : n
    await audience.evaluate(no => (window as any).__slidev__.nav.go(no), no)
    await audience.waitForFunction(no => (window as any).__slidev__.nav.currentSlideNo === no, no, { timeout: 30_000 })
  }
  await audience.waitForTimeout(500)
}

/** Opens the presenter view and resolves once its recording has started (the recorder's `start` event). */
async function openPresenter(browser: Browser, server: Server, frames?: (page: Page) => void): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
  frames?.(page)
  // Every frame the page's main thread held up for 50 ms or more (Long Animation Frames), with the scripts
  // that ran in it for 5 ms or more and where they come from.
  await page.addInitScript(() => {
    const w = window as any
    w.__longFrames = []
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as any[])
        w.__longFrames.push({ duration: entry.duration, scripts: entry.scripts.map((s: any) => ({ url: s.sourceURL, invoker: s.invoker, duration: s.duration })) })
    }).observe({ type: 'long-animation-frame', buffered: true })
  })
  await page.goto(`http://localhost:${server.port}/presenter/`, { timeout: PAGE_TIMEOUT })
  await page.waitForFunction(() => (window as any).__slidevPipelineRecorder?.recorder.state === 'recording', null, { timeout: PAGE_TIMEOUT })
  return page
}

interface Heard {
  /** Each beep's capture: its media time by the recorder's clock, and whether the recorder was recording then. */
  beeps: { media: number, recording: boolean }[]
  /** For each audio frame, ms from its capture (AudioData.timestamp) to its arrival in the page. */
  late: number[]
}

/**
 * Listens to the recorder's microphone with a MediaStreamTrackProcessor: each frame's AudioData.timestamp
 * is Chromium's capture time, in µs on the page's performance clock. A beep's onset captured at C is
 * sound the file must hold at the recorder's mediaTime(C), the clock every log entry is stamped on.
 */
async function listenForBeeps(page: Page) {
  await page.evaluate(() => {
    const w = window as any
    const recorder = w.__slidevPipelineRecorder
    const track = recorder.stream.getAudioTracks()[0].clone()
    const reader = new (w.MediaStreamTrackProcessor)({ track, maxBufferSize: 500 }).readable.getReader()
    const heard = { beeps: [] as { media: number, recording: boolean }[], late: [] as number[] }
    w.__heard = heard
    let quiet = Number.POSITIVE_INFINITY
    ;(async () => {
      for (;;) {
        const { value, done } = await reader.read()
        if (done)
          return
        const captured = value.timestamp / 1000
        heard.late.push(performance.now() - captured)
        const data = new Float32Array(value.numberOfFrames)
        value.copyTo(data, { planeIndex: 0, format: 'f32-planar' })
        for (let i = 0; i < data.length; i++) {
          if (Math.abs(data[i]!) > 0.05) {
            if (quiet >= 0.3 * value.sampleRate)
              heard.beeps.push({ media: recorder.mediaTime(captured + (i / value.sampleRate) * 1000), recording: recorder.recorder.state === 'recording' })
            quiet = 0
          }
          else {
            quiet++
          }
        }
        value.close()
      }
    })()
  })
}

/**
 * Notes, in the page, each time it posts Slidev's new navigation state to the server (vite-plugin-vue-server-ref
 * posts it with the global fetch, looked up at each call, 10 ms after the state changed): `at` on the page's
 * performance clock, `media` on the recorder's (when it records). Installed once per page.
 */
async function notePosts(page: Page) {
  await page.evaluate(() => {
    const w = window as any
    if (w.__navPosts)
      return
    w.__navPosts = []
    const post = window.fetch
    window.fetch = function (input, init) {
      if (String(input).endsWith('/nav') && init?.method === 'POST') {
        const at = performance.now()
        w.__navPosts.push({ at, media: w.__slidevPipelineRecorder?.mediaTime(at) })
      }
      return post.call(this, input, init)
    }
  })
}

const navPosts = (page: Page): Promise<{ at: number, media?: number }[]> => page.evaluate(() => (window as any).__navPosts)

/**
 * For `steps.length` presses of `key`: the time from each key in the presenter view to the audience's
 * view showing the new click (its next animation frame after the change), both on the machine's clock;
 * and the presenter's own part of it, from the key to the page posting the new state to the server
 * (the part a recorder in that page could hold up; the rest is Slidev's server and the audience's page).
 */
async function clickLag(presenter: Page, audience: Page, frames: string[], key: string, steps: string[]): Promise<{ toAudience: number[], toSend: number[] }> {
  const presses = steps.length
  await audience.evaluate(() => {
    const w = window as any
    w.__seen = []
    let last = ''
    const tick = () => {
      const now = `${w.__slidev__.nav.currentSlideNo}/${w.__slidev__.nav.clicks}`
      if (now !== last) {
        last = now
        w.__seen.push([now, performance.timeOrigin + performance.now()])
      }
      requestAnimationFrame(tick)
    }
    tick()
  })
  await presenter.evaluate(() => {
    const w = window as any
    w.__keys = []
    window.addEventListener('keydown', e => w.__keys.push(e.timeStamp), { capture: true })
  })
  await notePosts(presenter)
  for (const step of steps) {
    const from = frames.length
    await presenter.keyboard.press(key)
    await settle(presenter, frames, from, audience, step)
    await presenter.waitForTimeout(200)
  }
  const { keys, origin } = await presenter.evaluate(() => ({ keys: (window as any).__keys as number[], origin: performance.timeOrigin }))
  const sent = (await navPosts(presenter)).map(p => p.at)
  const seen: [string, number][] = (await audience.evaluate(() => (window as any).__seen)).slice(1)
  expect(seen, JSON.stringify(seen)).toHaveLength(presses)
  return {
    toAudience: keys.map((k, i) => seen[i]![1] - (origin + k)),
    // The first state sent after each key.
    toSend: keys.map(k => sent.find(t => t >= k)! - k),
  }
}

/**
 * Stops Chromium's audio service (the utility process that runs the fake microphone fed `wav`) for
 * `ms`, as a machine under load starves it: the microphone's frames come late, stamped with their
 * late capture times, and the WebM's packet timestamps skip that time. Found by its command line,
 * which names the fed file (unique to this run).
 */
async function stallAudioService(wav: string, ms: number) {
  const commandLine = (pid: string) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8')
    }
    catch {
      return ''
    }
  }
  const pids = readdirSync('/proc').filter(pid => /^\d+$/.test(pid)).filter((pid) => {
    const line = commandLine(pid)
    return line.includes('audio.mojom.AudioService') && line.includes(`--use-file-for-fake-audio-capture=${wav}`)
  })
  expect(pids, 'the audio service of this browser').toHaveLength(1)
  process.kill(Number(pids[0]), 'SIGSTOP')
  try {
    await new Promise(resolve => setTimeout(resolve, ms))
  }
  finally {
    process.kill(Number(pids[0]), 'SIGCONT')
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

let work: string
let deck: string
let wav: string
let browser: Browser
const servers: Server[] = []

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'present-'))
  deck = join(work, 'my talks', 'plain deck')
  mkdirSync(dirname(deck), { recursive: true })
  cpSync(fixture('plain-deck'), deck, { recursive: true })
  // 40 s of a 60 ms 1 kHz beep at the start of every second, at a path with spaces.
  wav = join(work, 'my talks', 'fake mic.wav')
  execFileSync(findFfmpeg(), ['-v', 'error', '-f', 'lavfi', '-i', `sine=frequency=1000:sample_rate=${SAMPLE_RATE}:duration=0.06,apad=pad_dur=0.94,aloop=loop=39:size=${SAMPLE_RATE}`, '-ac', '1', '-t', '40', wav])
  browser = await chromium.launch({
    executablePath: findChromium(),
    args: ['--disable-gpu', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${wav}%noloop`, '--autoplay-policy=no-user-gesture-required'],
  })
})

afterAll(async () => {
  await browser?.close()
  for (const server of servers)
    server.child.kill('SIGKILL')
  if (work)
    rmSync(work, { recursive: true, force: true })
})

describe('present --record on a plain deck under "my talks/"', () => {
  let recorded: Promise<Server>
  let killed: Promise<Server>
  let baselineLag: { toAudience: number[], toSend: number[] } | undefined

  it('`present` without --record serves the deck (the audience follows the presenter), and a port in use or a missing deck is one clear line', async () => {
    const plain = await startPresent(deck, ['--no-open'])
    servers.push(plain)
    expect(plain.output()).toMatch(new RegExp(`slide show\\s+> http://localhost:${plain.port}/\\n`))
    const audience = await browser.newPage()
    await audience.goto(`http://localhost:${plain.port}/1`, { timeout: PAGE_TIMEOUT })
    await audience.waitForFunction(() => (window as any).__slidev__?.nav, null, { timeout: PAGE_TIMEOUT })
    await warmUp(audience)
    const presenter = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    const frames = navFrames(presenter)
    await presenter.goto(`http://localhost:${plain.port}/presenter/`, { timeout: PAGE_TIMEOUT })
    await presenter.waitForFunction(() => (window as any).__slidev__?.nav?.isPresenter, null, { timeout: PAGE_TIMEOUT })
    await presenter.waitForTimeout(2000)
    baselineLag = await clickLag(presenter, audience, frames, 'ArrowRight', ['2/0', '2/1', '2/2', '2/3', '2/4', '3/0', '4/0', '5/0'])
    expect(await presenter.locator('#slidev-pipeline-recorder').count()).toBe(0)
    await presenter.close()
    await audience.close()
    plain.child.kill('SIGTERM')
    expect(await plain.exited).not.toBeNull()

    // The two recording servers start now, the second while the first is used (the deck's Vite cache is warm).
    recorded = startPresent(deck, ['--record', '--no-open'])
    recorded.then(server => servers.push(server), () => {})
    const missing = runCli(deck, ['present', 'nope.md', '--no-open'])
    expect(missing.code).toBe(1)
    expect(missing.output.trim()).toBe(`No deck at ${join(deck, 'nope.md')}: give the deck's entry file (slides.md)`)
    const { port } = await recorded
    killed = startPresent(deck, ['--record', '--no-open'])
    killed.then(server => servers.push(server), () => {})
    const busy = runCli(deck, ['present', '--no-open', '--port', String(port)])
    expect(busy.code).toBe(1)
    expect(busy.output.trim()).toBe(`Port ${port} is in use: stop what runs there, or give another with --port`)
  }, TEST_TIMEOUT)

  it('records the fed sound and every driven step, in sync; pause and resume; the Stop control', async () => {
    const server = await (recorded ??= startPresent(deck, ['--record', '--no-open']).then((s) => {
      servers.push(s)
      return s
    }))
    expect(server.output()).toContain(`starts recording to ${join(deck, 'exports', 'plain-deck-recordings')}/<date-time>/`)
    const audience = await browser.newPage()
    await audience.goto(`http://localhost:${server.port}/1`)
    await audience.waitForFunction(() => (window as any).__slidev__?.nav, null, { timeout: PAGE_TIMEOUT })
    await warmUp(audience)
    let frames: string[] = []
    const before = recordingsOf(deck).length
    const page = await openPresenter(browser, server, (p) => {
      frames = navFrames(p)
    })
    await listenForBeeps(page)
    await page.waitForTimeout(1000)
    const dir = await waitFor('its recording folder', () => recordingsOf(deck)[before])
    await waitFor('the folder printed', () => server.output().includes(`● Recording to ${dir}`) || undefined)

    // Keys as a speaker presses them, the next once the last has settled, after a pause of `wait` ms. Each
    // key's media time is taken in the page when it arrives (its keydown's timeStamp on the recorder's clock).
    // And when the view had changed: its new state posted, on the same clock.
    await page.evaluate(() => {
      const w = window as any
      w.__keyTimes = []
      window.addEventListener('keydown', e => w.__keyTimes.push(w.__slidevPipelineRecorder.mediaTime(e.timeStamp)), { capture: true })
    })
    await notePosts(page)
    const driven: { step: string }[] = []
    const press = async (key: string, step: string, wait: number) => {
      await page.waitForTimeout(wait)
      const from = frames.length
      driven.push({ step })
      await page.keyboard.press(key)
      await settle(page, frames, from, audience, step)
    }
    // Next (slide 2), three clicks, next, back; then pause, a key while paused, resume, two more.
    await press('ArrowRight', '2/0', 1300)
    await press('ArrowRight', '2/1', 700)
    await press('ArrowRight', '2/2', 900)
    await press('ArrowRight', '2/3', 600)
    await press('ArrowRight', '2/4', 1100)
    await press('ArrowLeft', '2/3', 800)
    await page.waitForTimeout(700)
    await page.locator('#slidev-pipeline-recorder button.pause').click()
    await expect.poll(() => page.locator('#slidev-pipeline-recorder .label').textContent()).toBe('PAUSED')
    await press('ArrowRight', '2/4', 600)
    await page.waitForTimeout(900)
    await page.locator('#slidev-pipeline-recorder button.pause').click()
    await press('ArrowRight', '3/0', 1000)
    await press('ArrowRight', '4/0', 700)
    const keyTimes: number[] = await page.evaluate(() => (window as any).__keyTimes)
    expect(keyTimes).toHaveLength(driven.length)
    const postTimes = (await navPosts(page)).map(p => p.media!)

    // The indicator: in the presenter view, in a 1920×1080 screenshot; never in the audience's view.
    const rec = page.locator('#slidev-pipeline-recorder')
    await expect.poll(() => rec.locator('.label').textContent()).toBe('REC')
    expect(await rec.isVisible()).toBe(true)
    const box = (await rec.boundingBox())!
    expect(box.x + box.width).toBeLessThanOrEqual(1920)
    expect(box.width).toBeGreaterThan(100)
    // It covers nothing of the presenter view's slides (the current one and the next) nor their labels, light or
    // dark (Slidev's `d` toggles the colour scheme; toggled back after). PRESENT_SCREENSHOTS=<dir> keeps both.
    const covers = async () => {
      const boxes = [
        ...await page.locator('.slidev-slide-content').all(),
        ...await page.locator('.grid-section.next > div.absolute').all(),
      ]
      const covered: string[] = []
      for (const other of boxes) {
        const b = await other.boundingBox()
        if (b && box.x < b.x + b.width && b.x < box.x + box.width && box.y < b.y + b.height && b.y < box.y + box.height)
          covered.push(await other.evaluate(e => e.className))
      }
      return covered
    }
    expect(await page.locator('.slidev-slide-content').count()).toBeGreaterThanOrEqual(2)
    for (const scheme of ['light', 'dark']) {
      expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(scheme === 'dark')
      expect(await covers(), scheme).toEqual([])
      await page.screenshot({ path: join(work, `presenter-recording-${scheme}.png`) })
      if (process.env.PRESENT_SCREENSHOTS)
        cpSync(join(work, `presenter-recording-${scheme}.png`), join(process.env.PRESENT_SCREENSHOTS, `presenter-recording-${scheme}.png`))
      await page.keyboard.press('d')
      await page.waitForFunction(dark => document.documentElement.classList.contains('dark') === dark, scheme === 'light')
    }
    expect(await audience.locator('#slidev-pipeline-recorder').count()).toBe(0)
    expect(await audience.evaluate(() => (window as any).__slidevPipelineRecorder)).toBeUndefined()

    // Lag from a key to the audience's view, while recording, against the same without (the first test).
    const recordingLag = await clickLag(page, audience, frames, 'ArrowLeft', ['3/0', '2/4', '2/3', '2/2', '2/1', '2/0', '1/0'])
    baselineLag ??= recordingLag // when this test runs alone (-t)
    const lags = (what: string, pick: (lag: typeof recordingLag) => number[]) =>
      `${what}: median ${median(pick(baselineLag!)).toFixed(1)} ms without recording (${pick(baselineLag!).map(l => l.toFixed(0)).join(', ')}), ${median(pick(recordingLag)).toFixed(1)} ms recording (${pick(recordingLag).map(l => l.toFixed(0)).join(', ')})`
    console.warn(`${lags('key → the presenter sends the step', l => l.toSend)}\n${lags('key → audience view', l => l.toAudience)}`)

    // Steps taken the moment the page hears a beep (a ScriptProcessor on the recorder's stream, in the
    // callback that first sees it): a check that needs no timestamp from Chromium. A step cannot be logged
    // before the sound it answers was captured, so in the file each such step's t is at or after its beep.
    await page.evaluate(() => {
      const w = window as any
      const context = new AudioContext()
      const node = context.createScriptProcessor(256, 1, 1)
      w.__beepSteps = 0
      let quiet = 0
      let skip = true
      node.onaudioprocess = (e: AudioProcessingEvent) => {
        const data = e.inputBuffer.getChannelData(0)
        for (let i = 0; i < data.length; i++) {
          if (Math.abs(data[i]!) > 0.05) {
            // Every other beep (2 s apart: time to settle), four steps: next, back, next, back.
            skip = quiet >= 0.3 * context.sampleRate ? !skip : skip
            if (quiet >= 0.3 * context.sampleRate && w.__beepSteps < 4 && !skip) {
              if (w.__beepSteps++ % 2)
                w.__slidev__.nav.prev()
              else
                w.__slidev__.nav.next()
            }
            quiet = 0
          }
          else {
            quiet++
          }
        }
      }
      context.createMediaStreamSource(w.__slidevPipelineRecorder.stream).connect(node)
      node.connect(context.destination)
    })
    // The audio service starved for 300 ms (a run at load average 8 once had a gap of 102 ms), in the
    // silence after a beep: a beep cut by the stall would have its start on one side and its end on the other.
    const beepsSoFar = await page.evaluate(() => (window as any).__heard.beeps.length)
    await page.waitForFunction(n => (window as any).__heard.beeps.length > n, beepsSoFar)
    await page.waitForTimeout(150)
    await stallAudioService(wav, 300)
    await page.waitForFunction(() => (window as any).__beepSteps >= 4, null, { timeout: 20_000 })
    await page.waitForTimeout(1000)

    await page.locator('#slidev-pipeline-recorder button.stop').click()
    await expect.poll(() => rec.locator('.label').textContent(), { timeout: 10_000 }).toBe('SAVED')
    await waitFor('the stop entry', () => readLog(dir).find(e => e.type === 'stop'))
    // Printed as the entry is written; the pipe from the server can come a moment after the file.
    await waitFor('the stop printed', () => server.output().includes('■ Recording stopped') || undefined)

    const log = readLog(dir)
    expect(log[0]).toEqual({ type: 'start', version: 1, deck: 'slides.md', title: 'A plain Slidev deck', slides: 5, mimeType: expect.stringMatching(/^audio\/webm/), startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), camera: false })
    expect(Object.keys(log[1]!)).toEqual(['type', 't', 'slide', 'click'])
    for (const entry of log.slice(1))
      expect(Number.isInteger(entry.t), JSON.stringify(entry)).toBe(true)
    const steps = log.filter(e => e.type === 'slide')
    // The driven keys (the one while paused is 2/4), the lag measurement's seven steps back, the four beep steps.
    expect(steps.map(e => `${e.slide}/${e.click}`)).toEqual(['1/0', ...driven.map(d => d.step), '3/0', '2/4', '2/3', '2/2', '2/1', '2/0', '1/0', '2/0', '1/0', '2/0', '1/0'])
    expect(log.map(e => e.type)).toEqual(['start', ...Array.from({ length: 7 }, () => 'slide'), 'pause', 'slide', 'resume', ...Array.from({ length: 13 }, () => 'slide'), 'stop'])
    const pause = log.find(e => e.type === 'pause')!
    const resume = log.find(e => e.type === 'resume')!
    expect(Math.abs(resume.t - pause.t)).toBeLessThanOrEqual(5)
    expect(log.at(-1)).toMatchObject({ type: 'stop', reason: 'control' })

    // The log against the driven keys: each step's t against its key's media time (the one pressed while
    // paused: both the pause's t). Never before its key; within 100 ms of it, or of the moment the view
    // changed when Slidev itself took longer than that (a new slide took 152 ms at load average 9): the
    // video shows a step when the audience saw it, not when the key went down.
    const logged = steps.slice(1, 1 + driven.length)
    const errors = logged.map((e, i) => e.t - keyTimes[i]!)
    const changed = keyTimes.map(k => (postTimes.find(p => p >= k) ?? k + 10) - 10)
    console.warn(`log t − key time: ${errors.map(e => e.toFixed(0)).join(', ')} ms; key → the view changed (its state posted, less the 10 ms debounce): ${changed.map((c, i) => (c - keyTimes[i]!).toFixed(0)).join(', ')} ms`)
    logged.forEach((e, i) => {
      expect(e.t, driven[i]!.step).toBeGreaterThanOrEqual(keyTimes[i]! - 10)
      expect(e.t, driven[i]!.step).toBeLessThanOrEqual(Math.max(keyTimes[i]!, changed[i]!) + 100)
    })
    // The key pressed while paused is logged at the pause's media time.
    expect(steps[7]!.t).toBeGreaterThanOrEqual(pause.t)
    expect(steps[7]!.t).toBeLessThanOrEqual(resume.t)

    // The audio: the fed beeps, a second apart, its length the log's, and each beep step's t on its beep.
    const webm = join(dir, 'recording.webm')
    // Remuxed after the Stop, its header gives its length (MediaRecorder's WebM has none: Slidev #1847).
    const headerSeconds = await waitFor('the remuxed recording', () => {
      const d = Number(execFileSync(findFfprobe(), ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', webm], { encoding: 'utf8' }).trim())
      return Number.isFinite(d) ? d : undefined
    })
    expect(Math.abs(headerSeconds * 1000 - log.at(-1)!.t)).toBeLessThan(300)
    // Its length decoded: MediaRecorder's WebM has no duration in its header (ffprobe says N/A).
    const samples = decode(webm)
    const duration = samples.length / SAMPLE_RATE
    const joined = decode(webm, false)
    const skipped = duration * 1000 - joined.length / SAMPLE_RATE * 1000
    console.warn(`recording.webm ${duration.toFixed(3)} s decoded, the log's stop at ${(log.at(-1)!.t / 1000).toFixed(3)} s; its packets skip ${skipped.toFixed(0)} ms`)
    // The stall's time is skipped in the file (filled with silence at decoding), not joined up.
    expect(skipped).toBeGreaterThanOrEqual(250)
    // The render reads it so too (its length is the video's).
    expect(Math.abs((await browserSound(webm)).length - duration)).toBeLessThan(0.01)
    expect(Math.abs(duration * 1000 - log.at(-1)!.t)).toBeLessThan(300)
    // A beep already sounding when the recording began (the recorder starts with the microphone) has no onset in the file.
    const fileBeeps = onsets(samples).filter(onset => onset > 50)
    expect(fileBeeps.length).toBeGreaterThan(8)
    // The fed sound, none of it lost or twice: its packets end to end (Chromium's fake microphone goes on
    // with the WAV where it stopped, however late) hold a beep every fed second, but across the pause.
    const fedBeeps = onsets(joined).filter(onset => onset > 50)
    const spacing = fedBeeps.slice(1).map((f, i) => f - fedBeeps[i]!).filter(d => d > 900)
    expect(spacing.filter(d => Math.abs(d - BEEP_EVERY_MS) <= 5).length, `beeps ${fedBeeps.map(f => f.toFixed(0)).join(', ')}; pause at ${pause.t}`).toBeGreaterThanOrEqual(spacing.length - 1)
    // The sound against the log's clock: each beep the page's microphone captured, at the media time of its
    // capture (the recorder's own mediaTime, on the performance clock the log's entries use), is in the file there.
    const heard: Heard = await page.evaluate(() => (window as any).__heard)
    expect(heard.late.length).toBeGreaterThan(100)
    // AudioData.timestamp is on the page's performance clock: each frame reaches the page after its capture, and soon.
    expect(Math.min(...heard.late)).toBeGreaterThanOrEqual(0)
    expect(median(heard.late)).toBeLessThan(100)
    const expected = heard.beeps.filter(b => b.recording && Math.abs(b.media - pause.t) > 300)
    expect(expected.length).toBeGreaterThan(8)
    // The log's clock as the render reads it: each stretch between resumes moved by its lag, measured from
    // the page's levels (MediaRecorder's pause takes effect when it does: 86 ms off its event once, at load 7).
    const parsedLog = parseLog(readFileSync(join(dir, 'log.jsonl'), 'utf8'), 'log.jsonl')
    expect(parsedLog.levels.at.length).toBeGreaterThan(1000)
    const sync = logToFile(parsedLog, samples, SAMPLE_RATE)!
    const inFile = (t: number) => t + sync.at(t)
    const nearest = (t: number) => fileBeeps.reduce((best, f) => Math.abs(f - t) < Math.abs(best - t) ? f : best)
    console.warn(`beeps in the file − their capture on the recorder's own clock: ${expected.map(b => (nearest(b.media) - b.media).toFixed(0)).join(', ')} ms; the levels' lags ${sync.lags.join(', ')} ms`)
    const offsets = expected.map(b => nearest(inFile(b.media)) - inFile(b.media))
    console.warn(`the recorder's start event came ${(await page.evaluate(() => (window as any).__slidevPipelineRecorder.startEventLag())).toFixed(0)} ms after recorder.start()`)
    console.warn(`beeps in the file − their capture on the log's clock, as the render reads it: ${offsets.map(o => o.toFixed(0)).join(', ')} ms`)
    for (const offset of offsets)
      expect(Math.abs(offset)).toBeLessThanOrEqual(50)
    // The beep steps: each logged at or after its beep in the file (-10 ms for the file's own rounding), within the
    // page's reaction (its audio callback's delay) of it.
    const reactions = steps.slice(-4).map(e => inFile(e.t) - nearest(inFile(e.t)))
    console.warn(`steps taken on hearing a beep − that beep in the file: ${reactions.map(o => o.toFixed(0)).join(', ')} ms`)
    for (const reaction of reactions) {
      expect(reaction).toBeGreaterThanOrEqual(-10)
      expect(reaction).toBeLessThanOrEqual(150)
    }
    // Captions recognised as the talk was given: after the Stop the server recognised the recording's last part
    // (here its only one), so the render finds every part in the cache and recognises nothing.
    const recogniser = findRecogniser()
    expect(recogniser, 'pocketsphinx (bash scripts/setup.sh installs it)').toBeDefined()
    const cacheDir = recognitionCacheOf(join(deck, 'slides.md'))
    await waitFor('the captions recognised after the Stop', () => existsSync(cacheDir) && readdirSync(cacheDir).length > 0 ? true : undefined, 120_000)
    const renderWould = await recognise(recogniser!, await decode16k((await browserSound(webm)).track), work, { cacheDir })
    expect(renderWould).toMatchObject({ parts: 1, cached: 1 })
    // Recording must not hold up the audience view (checked last: every figure above is measured first). The
    // recorder runs in the presenter's page, so what it could delay is the page's part, from the key to the
    // new state posted. That part is 13-140 ms from key to key, with or without a recorder, as the machine's
    // load comes and goes, and the whole way to the audience 30-290 ms: too noisy to show one frame by
    // comparing them. What is measured instead is the cause: the recorder's scripts on the page's main thread,
    // in every frame held up for 50 ms or more (Long Animation Frames lists each script of 5 ms or more).
    const longFrames: { duration: number, scripts: { url: string, invoker: string, duration: number }[] }[] = await page.evaluate(() => (window as any).__longFrames)
    const scripts = longFrames.flatMap(f => f.scripts)
    // Its virtual module, or the client file that module loads.
    const recorderScripts = scripts.filter(s => /slidev-pipeline|recorder-client/.test(s.url))
    console.warn(`long frames in the presenter view: ${longFrames.length}; their scripts: ${[...new Set(scripts.map(s => `${s.url.replace(/^https?:\/\/[^/]+/, '')} ${s.invoker}`))].join('; ')}; the recorder's: ${JSON.stringify(recorderScripts.map(s => [s.invoker, Math.round(s.duration)]))}`)
    // On an idle machine the recorder's scripts in long frames take under 10 ms (none, or its level meter's
    // 7 ms once). A loaded machine stretches any script now and then (a chunk's handler, which only posts the
    // chunk, took 28 ms once and 105 ms once at load average 9), so one stall is the machine's; a recorder that
    // held the page up itself does it every time its code runs (a 60 ms loop put into its 2-second timer:
    // every tick over 50 ms). So: at most two of its scripts reach three frames (50 ms).
    const stalls = recorderScripts.filter(s => s.duration >= 3000 / 60)
    expect(stalls.length, JSON.stringify(recorderScripts)).toBeLessThanOrEqual(2)
    // The audience follows the presenter, recording (each step seen above), within a second.
    expect(Math.max(...recordingLag.toAudience)).toBeLessThan(1000)
    await page.close()
    await audience.close()
  }, TEST_TIMEOUT)

  it('a SIGTERM mid-recording: the server ends the recording (the page sends its last chunk and a stop, reason "server"), and it decodes', async () => {
    const server = await (recorded ??= startPresent(deck, ['--record', '--no-open']).then((s) => {
      servers.push(s)
      return s
    }))
    // The folder this presenter view adds (each test's own, whether the tests before it recorded or not).
    const before = recordingsOf(deck).length
    const page = await openPresenter(browser, server)
    const dir = await waitFor('its recording folder', () => recordingsOf(deck)[before])
    await page.waitForTimeout(2500)
    await page.keyboard.press('ArrowRight')
    await page.waitForTimeout(1500)
    server.child.kill('SIGTERM')
    expect(await server.exited).not.toBeNull()
    const log = readLog(dir)
    expect(log.map(e => e.type)).toEqual(['start', 'slide', 'slide', 'stop'])
    expect(log.at(-1)).toMatchObject({ type: 'stop', reason: 'server' })
    const seconds = execFileSync(findFfmpeg(), ['-v', 'error', '-i', join(dir, 'recording.webm'), '-f', 'null', '-'], { encoding: 'utf8' })
    expect(seconds).toBe('')
    // Remuxed before the server exited: its length in the header.
    expect(Number(execFileSync(findFfprobe(), ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', join(dir, 'recording.webm')], { encoding: 'utf8' }))).toBeGreaterThan(3)
    expect(onsets(decode(join(dir, 'recording.webm'))).length).toBeGreaterThanOrEqual(3)
    // The server's last output can come after its exit event (the pipe's end is its close).
    await waitFor('the recording saved, printed', () => server.output().includes(`■ Recording saved: ${dir}`) || undefined)
    await page.close()
  }, TEST_TIMEOUT)

  it('a SIGKILL mid-recording: what reached the disk decodes, short of at most the last 2 s chunk, and the log runs to that moment', async () => {
    const server = await (killed ??= startPresent(deck, ['--record', '--no-open']).then((s) => {
      servers.push(s)
      return s
    }))
    const before = recordingsOf(deck).length
    const page = await openPresenter(browser, server)
    const dir = await waitFor('its recording folder', () => recordingsOf(deck)[before])
    await page.waitForTimeout(1000)
    await page.keyboard.press('ArrowRight')
    await page.waitForTimeout(6000)
    const recordedMs: number = await page.evaluate(() => (window as any).__slidevPipelineRecorder.mediaTime())
    server.child.kill('SIGKILL')
    await server.exited
    const log = readLog(dir)
    expect(log.map(e => e.type)).toEqual(['start', 'slide', 'slide'])
    // ffmpeg reads the chunks that reached the disk; a cut-off cluster at the end is dropped, not an error.
    const samples = decode(join(dir, 'recording.webm'))
    const decodedMs = (samples.length / SAMPLE_RATE) * 1000
    console.warn(`SIGKILL at ${recordedMs} ms recorded: ${decodedMs.toFixed(0)} ms decode (${(recordedMs - decodedMs).toFixed(0)} ms lost)`)
    // The promise: at most the chunk in flight (2 s), and 300 ms for its post and write.
    expect(decodedMs).toBeGreaterThanOrEqual(recordedMs - 2000 - 300)
    expect(onsets(samples).length).toBeGreaterThanOrEqual(Math.floor(decodedMs / BEEP_EVERY_MS) - 1)
    await page.close()
  }, TEST_TIMEOUT)
  it('a slow answer to the recording\'s start (a busy dev server) loses no sound: the recorder starts with the microphone, not after the server', async () => {
    const slow = await startPresent(deck, ['--record', '--no-open'])
    servers.push(slow)
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    // The microphone's opening on the epoch clock: the fed WAV starts there.
    await page.addInitScript(() => {
      const md = navigator.mediaDevices
      const get = md.getUserMedia.bind(md)
      md.getUserMedia = async (c) => {
        const s = await get(c);
        (window as any).__micOpened = performance.timeOrigin + performance.now()
        return s
      }
    })
    // The server answers the start 3 s late, as the dev server did in a rehearsal while it loaded the presenter view under load.
    await page.route('**/__slidev-pipeline/recorder/start*', async (route) => {
      await new Promise(resolve => setTimeout(resolve, 3000))
      await route.continue()
    })
    await page.goto(`http://localhost:${slow.port}/presenter/`, { timeout: PAGE_TIMEOUT })
    await page.waitForFunction(() => (window as any).__slidevPipelineRecorder?.recorder.state === 'recording', null, { timeout: PAGE_TIMEOUT })
    const { micOpened, dir } = await page.evaluate(() => ({ micOpened: (window as any).__micOpened as number, dir: (window as any).__slidevPipelineRecorder.dir as string }))
    await page.waitForTimeout(1000)
    const keyAt = Date.now()
    await page.keyboard.press('ArrowRight')
    await page.waitForTimeout(1000)
    await page.locator('#slidev-pipeline-recorder button.stop').click()
    await waitFor('the stop entry', () => readLog(dir).find(e => e.type === 'stop'))
    const log = readLog(dir)
    const key = log.find(e => e.type === 'slide' && e.slide === 2)!
    // The key's media time is its time since the microphone opened (the recorder's start follows it within a moment), not 3 s less.
    expect(Math.abs(key.t - (keyAt - micOpened))).toBeLessThan(700)
    await page.close()
    slow.child.kill('SIGTERM')
    await slow.exited
  }, TEST_TIMEOUT)
})
