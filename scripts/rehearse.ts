/**
 * A rehearsal of the talk through Chromium's fake microphone, in real time (not part of `npm test`).
 *
 *   npm run video -- --voice          # exports/azure-linux-explained.mp4, the narrated talk
 *   ffmpeg -i exports/azure-linux-explained.mp4 -vn -ac 1 -ar 48000 -c:a pcm_s16le voice.wav
 *   npx tsx scripts/rehearse.ts --wav voice.wav [--deck DIR] [--pause-slide 15] [--pause-seconds 20] [--until SECONDS]
 *
 * The narrated voice's plan (`video --voice --plan`, read exactly through the toolkit) gives each
 * click step's time in that WAV. The script serves DIR (default: this repository; better a copy at
 * a path with a space) with `slidev-pipeline present --record --no-open`, opens the audience view
 * (the projector) and the presenter view in Chromium with the WAV as the microphone, and presses
 * ArrowRight and space (a remote) at the plan's times, in real time. At the start of
 * `--pause-slide` it clicks Pause for `--pause-seconds` (the fed WAV has that much low noise
 * inserted there: a break whose sound must not reach the video), then Resume. At the end (or at
 * `--until` seconds of the voice) it clicks Stop and stops the server. It writes `driven.json`
 * (every key, on the page's clock and in the voice's seconds) and `fed.wav` into the recording's
 * folder, and prints that folder.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process'
import { execFileSync, spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { chromium } from 'playwright-core'
import { runPipeline } from 'slidev-pipeline/testing'
import { root } from './root'

const { values } = parseArgs({
  options: {
    'wav': { type: 'string' },
    'deck': { type: 'string', default: root },
    'pause-slide': { type: 'string', default: '15' },
    'pause-seconds': { type: 'string', default: '20' },
    'until': { type: 'string' },
    'port': { type: 'string', default: '3041' },
  },
})
if (!values.wav)
  throw new Error('give the narrated voice: --wav voice.wav (see the comment at the top)')
const deck = resolve(values.deck!)
const wav = resolve(values.wav)
const pauseSlide = Number(values['pause-slide'])
const pauseSeconds = Number(values['pause-seconds'])
/** Debian's Chromium (or CHROMIUM_PATH) and ffmpeg, as the toolkit finds them. */
const chromiumPath = process.env.CHROMIUM_PATH || execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim()
const ffmpeg = process.env.FFMPEG_PATH || 'ffmpeg'

// The plan of the narrated voice: the time of every click step in the WAV.
const cwd = process.cwd()
process.chdir(deck)
const planned = await runPipeline({ entry: 'slides.md', voice: true, planOnly: true, artifacts: ['video'], log: () => {} })
process.chdir(cwd)
const plan = planned.video!.plan
const until = values.until ? Number(values.until) : plan.total + 1.5
const pauseAt = plan.slides.find(s => s.no === pauseSlide)?.start
if (pauseAt === undefined)
  throw new Error(`no slide ${pauseSlide}`)

// The fed microphone: the voice, with the break's noise inserted where the pause will be.
const fed = join(tmpdir(), `rehearsal-fed-${process.pid}.wav`)
execFileSync(ffmpeg, ['-v', 'error', '-y', '-i', wav, '-f', 'lavfi', '-i', `anoisesrc=color=pink:amplitude=0.03:sample_rate=48000:duration=${pauseSeconds}`, '-filter_complex', `[0:a]aresample=48000,aformat=channel_layouts=mono,asplit[a][b];[a]atrim=0:${pauseAt},asetpts=N/SR/TB[x];[b]atrim=${pauseAt},asetpts=N/SR/TB[z];[1:a]aformat=channel_layouts=mono[y];[x][y][z]concat=n=3:v=0:a=1`, '-c:a', 'pcm_s16le', '-ar', '48000', '-ac', '1', fed])
/** Voice seconds → seconds of the fed WAV. */
const fedTime = (t: number) => t + (t >= pauseAt ? pauseSeconds : 0)

const cli = join(root, 'node_modules', '.bin', 'slidev-pipeline')
const server: ChildProcessWithoutNullStreams = spawn(cli, ['present', 'slides.md', '--record', '--no-open', '--port', values.port!], { cwd: deck, env: { ...process.env, PWD: deck }, stdio: 'pipe' })
let output = ''
server.stdout.on('data', (d) => {
  output += d
  process.stdout.write(d)
})
server.stderr.on('data', (d) => {
  output += d
  process.stderr.write(d)
})
const sleep = (ms: number) => new Promise(r => setTimeout(r, Math.max(0, ms)))
for (const until = Date.now() + 120_000; !/presenter view\s+> http/.test(output);) {
  if (server.exitCode !== null || Date.now() > until)
    throw new Error(`present did not start:\n${output}`)
  await sleep(100)
}
const base = `http://localhost:${values.port}`
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--disable-gpu', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${fed}%noloop`, '--autoplay-policy=no-user-gesture-required'],
})
try {
  const audience = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
  await audience.goto(`${base}/`, { timeout: 120_000 })
  const presenter = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
  // The fed WAV's time 0 on the epoch clock, for pacing the keys: the capture time (AudioData.timestamp)
  // of the first frame a track processor made after getUserMedia sees. Only roughly: the fake device
  // starts the WAV when it opens, and under load that was 0.2 to 0.4 s before this first frame, so the
  // keys come that much late against the voice. The sync is judged from the recording itself (the
  // log's levels against the fed WAV), never from this. And each key's arrival in the page.
  await presenter.addInitScript(() => {
    const w = window as any
    w.__keys = []
    window.addEventListener('keydown', e => w.__keys.push(performance.timeOrigin + e.timeStamp), { capture: true })
    const md = navigator.mediaDevices
    const get = md.getUserMedia.bind(md)
    md.getUserMedia = async (c) => {
      const s = await get(c)
      const track = s.getAudioTracks()[0]!.clone()
      const reader = new w.MediaStreamTrackProcessor({ track }).readable.getReader()
      reader.read().then(({ value }: { value: { timestamp: number, close: () => void } }) => {
        w.__wavZero = performance.timeOrigin + value.timestamp / 1000
        value.close()
        reader.cancel()
        track.stop()
      })
      return s
    }
  })
  await presenter.goto(`${base}/presenter/`, { timeout: 120_000 })
  await presenter.waitForFunction(() => (window as any).__slidevPipelineRecorder?.recorder.state === 'recording', null, { timeout: 120_000 })
  await presenter.waitForFunction(() => (window as any).__wavZero, null, { timeout: 30_000 })
  const zero: number = await presenter.evaluate(() => (window as any).__wavZero)
  const dir: string = await presenter.evaluate(() => (window as any).__slidevPipelineRecorder.dir)
  // A check that needs no timestamp from Chromium: the page notes, on the recorder's clock, the moment its
  // audio callback first hears each onset of sound (after 300 ms of quiet). The file must hold each onset
  // a little before that moment (the callback's delay, tens of ms), never after it.
  await presenter.evaluate(() => {
    const w = window as any
    const recorder = w.__slidevPipelineRecorder
    const context = new AudioContext()
    const node = context.createScriptProcessor(256, 1, 1)
    w.__heardOnsets = []
    let quiet = 0
    node.onaudioprocess = (e: AudioProcessingEvent) => {
      const data = e.inputBuffer.getChannelData(0)
      for (let i = 0; i < data.length; i++) {
        if (Math.abs(data[i]!) > 0.1) {
          if (quiet >= 0.3 * context.sampleRate && recorder.recorder.state === 'recording')
            w.__heardOnsets.push(recorder.mediaTime())
          quiet = 0
        }
        else {
          quiet++
        }
      }
    }
    context.createMediaStreamSource(recorder.stream).connect(node)
    node.connect(context.destination)
  })
  console.log(`rehearsal: recording to ${dir}; voice 0 s at ${new Date(zero).toISOString()} (${(Date.now() - zero).toFixed(0)} ms ago); ${plan.steps.length} steps, ${plan.total.toFixed(1)} s; pause at ${pauseAt.toFixed(1)} s for ${pauseSeconds} s`)
  const driven: { voice: number, key: string, at: number, slide: number, clicks: number }[] = []
  const events: { what: string, at: number }[] = []
  const at = (fedSeconds: number) => sleep(zero + fedSeconds * 1000 - Date.now())
  let n = 0
  for (const step of plan.steps.slice(1)) {
    if (step.start > until)
      break
    if (step.slide === pauseSlide && step.clicks === 0) {
      await at(pauseAt)
      await presenter.locator('#slidev-pipeline-recorder button.pause').click()
      events.push({ what: 'pause', at: Date.now() })
      console.log(`  paused at ${pauseAt.toFixed(1)} s`)
      await at(pauseAt + pauseSeconds)
      await presenter.locator('#slidev-pipeline-recorder button.pause').click()
      events.push({ what: 'resume', at: Date.now() })
      console.log(`  resumed`)
    }
    await at(fedTime(step.start))
    const key = n++ % 3 === 2 ? 'Space' : 'ArrowRight'
    const pressed = Date.now()
    await presenter.keyboard.press(key)
    driven.push({ voice: step.start, key, at: pressed, slide: step.slide, clicks: step.clicks })
    if (step.clicks === 0)
      console.log(`  ${((pressed - zero) / 1000).toFixed(1)} s  slide ${step.slide}`)
  }
  await at(fedTime(until))
  await presenter.locator('#slidev-pipeline-recorder button.stop').click()
  events.push({ what: 'stop', at: Date.now() })
  // Each key as the page received it (keydown), on the epoch clock: the key's true time in the fed WAV is that − zero.
  const arrived: number[] = await presenter.evaluate(() => (window as any).__keys)
  const heardOnsets: number[] = await presenter.evaluate(() => (window as any).__heardOnsets)
  writeFileSync(join(dir, 'driven.json'), JSON.stringify({ zero, pauseAt, pauseSeconds, events, driven, arrived, heardOnsets }, null, 1))
  execFileSync('cp', [fed, join(dir, 'fed.wav')])
  // The indicator is in a shadow root: a locator reaches it, a querySelector does not.
  await presenter.locator('#slidev-pipeline-recorder .label').filter({ hasText: 'SAVED' }).waitFor({ timeout: 30_000 })
  console.log(`rehearsal: done, ${driven.length} keys; ${dir}`)
}
finally {
  await browser.close()
  server.kill('SIGINT')
}
