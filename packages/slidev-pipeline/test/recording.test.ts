import type { PipelineResult } from '../src/pipeline'
/**
 * `video --recording DIR` end to end on the video fixture deck, copied under a
 * path with a space, against recordings made here as `present --record`
 * writes them (test/helpers/recording.ts): beeps at every logged step and
 * Festival speaking four sentences, Opus in WebM, a log with a pause and no
 * stop (the recording was cut short). Checked: the frames at the logged times
 * are the stills of those steps, the chapters start at the logged times, the
 * beeps are where they were (sync), the loudness, the automatic captions and
 * their word error rate; with a camera, the picture-in-picture; an --audio
 * file that started 2.5 s earlier, at 44.1 kHz in FLAC, aligned; and each bad
 * input stops with its error before anything is written.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { copyFileSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseEbur128Summary } from '../src/outputs/narration/loudness'
import { wavBuffer } from '../src/outputs/narration/wav'
import { decodeMono } from '../src/outputs/recording/media'
import { partCuts, RECOGNISER_RATE, wordErrorRate } from '../src/outputs/recording/recognise'
import { browserSound, decode16k, openRecording, reportRehearsal, startAhead } from '../src/outputs/recording/recording'
import { planTiming } from '../src/outputs/video/timing'
import { runPipeline } from '../src/pipeline'
import { loadDeck } from '../src/support/deck'
import { findFfmpeg } from '../src/support/executable'
import { chromiumForFile } from './helpers/browser'
import { fixture, installDir } from './helpers/paths'
import { beepOnsets, RATE, startLine, talkSound, writeRecording } from './helpers/recording'
import { linkPackages } from './helpers/user-deck'
import { ffprobe } from './helpers/video'

const browser = chromiumForFile()

/** The steps of the fixture deck as the speaker clicked them, 3 s apart (a pause before the fourth). */
const STEPS = [[1, 0], [2, 0], [2, 1], [2, 2], [3, 0], [3, 1], [3, 2], [4, 0]] as const
const T = STEPS.map((_, i) => i * 3)
const LENGTH = T.at(-1)! + 4
const BEEPS = T.map(t => t + 0.25)
const SAID = [
  { at: 3.6, text: 'We start with an empty list.' },
  { at: 9.6, text: 'And the second point completes the list.' },
  { at: 12.6, text: 'An empty chart.' },
  { at: 15.6, text: 'The blue bar grows first.' },
]
const LOG = [
  startLine('slides.md', 4),
  ...STEPS.flatMap(([slide, click], i) => [
    ...(i === 3 ? [{ type: 'pause', t: 8800 }, { type: 'resume', t: 8800 }] : []),
    { type: 'slide', t: T[i]! * 1000, slide, click },
  ]),
  // No stop: the recording was cut short, it ends where its sound ends.
]
/** The external recording started this much earlier than the browser's. */
const EARLIER = 2.5
const DESK_DRIFT = 0.001

const ffmpeg = (args: string[]) => execFileSync(findFfmpeg(), ['-v', 'error', '-y', ...args])
/** The frames at `times` (seconds) as 1920×1080 RGB, from one ffmpeg. */
function framesAt(video: string, times: number[]): Buffer[] {
  const frames = times.map(t => Math.round(t * 30))
  const raw = execFileSync(findFfmpeg(), ['-v', 'error', '-i', video, '-vf', `select='${frames.map(n => `eq(n,${n})`).join('+')}'`, '-fps_mode', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { maxBuffer: 1 << 28 })
  const size = 1920 * 1080 * 3
  expect(raw.length).toBe(size * times.length)
  return times.map((_, i) => raw.subarray(i * size, (i + 1) * size))
}
/** A still as RGB, as the frames are. */
function rgbOf(png: Uint8Array): Buffer {
  const { data, width, height } = PNG.sync.read(Buffer.from(png))
  expect([width, height]).toEqual([1920, 1080])
  const rgb = Buffer.alloc(width * height * 3)
  for (let i = 0, j = 0; i < data.length; i += 4, j += 3) {
    rgb[j] = data[i]!
    rgb[j + 1] = data[i + 1]!
    rgb[j + 2] = data[i + 2]!
  }
  return rgb
}
/** Mean absolute difference per channel (0–255) of two 1920×1080 RGB pictures, over a region (default: all). */
function difference(a: Buffer, b: Buffer, region?: { x: number, y: number, w: number, h: number }) {
  const { x, y, w, h } = region ?? { x: 0, y: 0, w: 1920, h: 1080 }
  let sum = 0
  for (let row = y; row < y + h; row++) {
    for (let i = (row * 1920 + x) * 3, end = (row * 1920 + x + w) * 3; i < end; i++)
      sum += Math.abs(a[i]! - b[i]!)
  }
  return sum / (w * h * 3)
}
/** ffmpeg's ebur128 on the file's sound. */
const ebur = (file: string) => parseEbur128Summary(spawnSync(findFfmpeg(), ['-hide_banner', '-nostats', '-i', file, '-map', '0:a', '-af', 'ebur128=peak=true', '-f', 'null', '-'], { encoding: 'utf8' }).stderr)

describe('the video of a recorded talk', () => {
  let root: string
  let deck: string
  let entry: string
  let plain: string
  let camera: string
  let external: string
  let sound: Int16Array
  let first: PipelineResult
  let second: PipelineResult
  let lines: string[]
  let cacheDir: string

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'recording test-'))
    deck = join(root, 'my talk')
    await mkdir(deck)
    copyFileSync(fixture('video-deck', 'slides.md'), join(deck, 'slides.md'))
    linkPackages(deck)
    entry = join(deck, 'slides.md')
    sound = await talkSound(LENGTH, BEEPS, SAID, root)
    plain = join(deck, 'exports', 'my-talk-recordings', '2026-12-10T09-00-00')
    camera = join(deck, 'exports', 'my-talk-recordings', '2026-12-10T10-00-00')
    writeRecording(plain, sound, LOG)
    writeRecording(camera, sound, [startLine('slides.md', 4, true), ...LOG.slice(1)], { camera: true })
    // The sound desk's: 2.5 s more at the start, quieter, at 44.1 kHz, in FLAC, and its clock 0.1 % fast
    // (1.001 of its seconds for each of the browser's: 25 ms over this talk; real devices differ by up to
    // 100 ppm, which over a 25-minute talk is 150 ms).
    const early = new Int16Array(sound.length + EARLIER * RATE)
    early.set(sound.map(x => Math.round(x * 0.6)), EARLIER * RATE)
    writeFileSync(join(root, 'desk.wav'), wavBuffer({ rate: RATE, samples: early }))
    external = join(root, 'desk recording.flac')
    ffmpeg(['-i', join(root, 'desk.wav'), '-af', `asetrate=${RATE / (1 + DESK_DRIFT)},aresample=44100`, external])

    lines = []
    // The deck's build is kept between runs (content-addressed, its paths relative to the deck, so the next temporary copy finds it): this file tests the recording, not the build.
    cacheDir = join(installDir, 'node_modules', '.cache', 'slidev-pipeline-tests', 'recording-deck')
    first = await runPipeline({ entry, artifacts: ['video'], recording: { dir: plain }, gate: false, browser: browser(), cacheDir, log: l => lines.push(l) })
    // The camera's recording, with the desk's sound and the speaker's own captions.
    writeFileSync(join(root, 'mine.vtt'), 'WEBVTT\n\n00:00:03.600 --> 00:00:05.500\nWe start with an empty list.\n')
    second = await runPipeline({ entry, artifacts: ['video'], recording: { dir: camera, audio: external, captions: join(root, 'mine.vtt') }, gate: false, browser: browser(), cacheDir, outputs: { video: join(root, 'camera.mp4'), captions: join(root, 'camera.vtt'), chapters: join(root, 'camera-chapters.txt'), thumbnail: join(root, 'camera.png') }, log: l => lines.push(l) })
  })
  afterAll(async () => {
    if (root)
      await rm(root, { recursive: true, force: true })
  })

  it('writes <name>-talk.mp4, .vtt and chapters beside the narrated video\'s names', () => {
    expect(readdirSync(join(deck, 'exports')).sort()).toEqual(['my-talk-recordings', 'my-talk-talk-chapters.txt', 'my-talk-talk-thumbnail.png', 'my-talk-talk.mp4', 'my-talk-talk.vtt'])
    const info = JSON.parse(ffprobe(['-show_format', '-show_streams', '-of', 'json', first.paths.video]))
    expect(info.streams.map((s: any) => s.codec_type)).toEqual(['video', 'audio', 'subtitle', 'data'])
    expect(info.streams[0].width).toBe(1920)
    // The recording has no stop: the video ends where its sound ends.
    expect(Number(info.format.duration)).toBeCloseTo(LENGTH, 1)
  })

  it('shows each logged step\'s still from its logged time', () => {
    const stills = new Map(first.stills!.map(s => [`${s.no}-${s.clicks}`, rgbOf(s.png)]))
    // Just after each logged time, and just before the next.
    const times = T.flatMap(t => [t + 0.05, t + 2.95])
    const frames = framesAt(first.paths.video, times)
    frames.forEach((frame, k) => {
      const [slide, click] = STEPS[Math.floor(k / 2)]!
      const own = difference(frame, stills.get(`${slide}-${click}`)!)
      const others = [...stills].filter(([key]) => key !== `${slide}-${click}`).map(([, still]) => difference(frame, still))
      expect(own, `slide ${slide} click ${click} at ${times[k]} s`).toBeLessThan(1)
      expect(Math.min(...others), `slide ${slide} click ${click} at ${times[k]} s`).toBeGreaterThan(own * 2)
    })
  })

  it('puts the chapters at the logged times', () => {
    const info = JSON.parse(ffprobe(['-show_chapters', '-of', 'json', first.paths.video]))
    expect(info.chapters.map((c: any) => [c.tags.title, Number(c.start_time)])).toEqual([['Video Fixture', 0], ['Two Points', 3], ['A Chart', 12]])
    expect(readFileSync(first.paths.chapters, 'utf8')).toBe('0:00 Video Fixture\n0:03 Two Points\n0:12 A Chart\n')
  })

  it('keeps the sound in sync within 50 ms, at -16 LUFS', async () => {
    const input = beepOnsets(sound, RATE, BEEPS)
    const output = beepOnsets(await decodeMono(first.paths.video, RATE), RATE, BEEPS)
    const errors = output.map((t, i) => Math.abs(t - input[i]!))
    expect(Math.max(...errors)).toBeLessThan(0.05)
    const measured = ebur(first.paths.video)
    expect(Math.abs(measured.integrated + 16)).toBeLessThanOrEqual(1)
    expect(measured.truePeak!).toBeLessThanOrEqual(-1)
    lines.push(`sync: worst ${(Math.max(...errors) * 1000).toFixed(1)} ms; loudness ${measured.integrated} LUFS, true peak ${measured.truePeak} dBTP`)
  })

  it('captions automatically, marked as automatic, and not far from what was said', () => {
    const vtt = readFileSync(first.paths.captions, 'utf8')
    expect(vtt).toMatch(/^WEBVTT\n\nNOTE Automatic captions: recognised offline by pocketsphinx/)
    const text = vtt.split('\n\n').slice(2).map(block => block.split('\n').slice(2).join(' ')).join(' ')
    const wer = wordErrorRate(SAID.map(s => s.text).join(' '), text)
    lines.push(`automatic captions on the fixture: WER ${(wer * 100).toFixed(0)} % (${text})`)
    // pocketsphinx on four short sentences between beeps: it is the talk-length figure the README quotes.
    expect(wer).toBeLessThan(0.95)
    expect(text.split(' ').length).toBeGreaterThan(5)
  })

  it('reports the rehearsal against the notes\' plan', async () => {
    const { text, report } = await reportRehearsal(first.recording!.opened, first.deck, first.clicks!, planTiming(first.deck, first.clicks!))
    expect(report.slides.map(s => Number(s.spent.toFixed(2)))).toEqual([3, 9, 9, 4])
    expect(report.long.map(s => s.no)).toEqual([])
    expect(text).toContain('1 pause not counted')
    expect(readFileSync(join(plain, 'rehearsal.txt'), 'utf8')).toBe(text)
  })

  it('shows the camera small in the bottom-right corner, over the same stills', () => {
    const still = rgbOf(first.stills!.find(s => s.no === 2 && s.clicks === 1)!.png)
    const [frame] = framesAt(second.paths.video, [7.5])
    // 384×216, 32 px from the corner.
    expect(difference(frame!, still, { x: 1920 - 32 - 384, y: 1080 - 32 - 216, w: 384, h: 216 })).toBeGreaterThan(30)
    // Elsewhere, the still (the picture is encoded again with the camera, a little less exactly).
    expect(difference(frame!, still, { x: 0, y: 0, w: 1920, h: 800 })).toBeLessThan(2)
    expect(difference(frame!, still, { x: 0, y: 800, w: 1920 - 32 - 384 - 8, h: 280 })).toBeLessThan(2)
  })

  it('aligns an --audio file that started 2.5 s earlier, at another rate and format, its clock 0.1 % fast, within 10 ms from start to end', async () => {
    expect(Math.abs(second.recording!.opened.offset! - EARLIER * (1 + DESK_DRIFT))).toBeLessThan(0.005)
    expect(Math.abs(second.recording!.opened.drift! - DESK_DRIFT)).toBeLessThan(0.0002)
    expect(lines.some(l => /--audio .*desk recording\.flac: offset \+2\.5\d\d s .*; its clock runs \d+ ppm fast, stretched to the browser's$/.test(l)), lines.join('\n')).toBe(true)
    // And it is the sound of the video, in sync at every beep (without the stretch the last is 24 ms off).
    const input = beepOnsets(sound, RATE, BEEPS)
    const output = beepOnsets(await decodeMono(second.paths.video, RATE), RATE, BEEPS)
    expect(Math.max(...output.map((t, i) => Math.abs(t - input[i]!)))).toBeLessThan(0.01)
    lines.push(`--audio: offset ${second.recording!.opened.offset} s for ${EARLIER} s; output beeps within ${(Math.max(...output.map((t, i) => Math.abs(t - input[i]!))) * 1000).toFixed(1)} ms`)
  })

  it('uses the speaker\'s VTT as is', () => {
    expect(readFileSync(second.paths.captions, 'utf8')).toBe(readFileSync(join(root, 'mine.vtt'), 'utf8'))
  })

  it('moves every step by where the page\'s levels put the sound: a file that begins 300 ms before the log\'s t = 0', async () => {
    // The page captured each 10 ms frame 300 ms before its place in the file (frames from before start() at its head).
    const dir = join(deck, 'exports', 'my-talk-recordings', '2026-12-10T11-00-00')
    const at: number[] = []
    const db: number[] = []
    for (let k = 0; (k + 1) * 480 <= sound.length; k++) {
      let sum = 0
      for (let i = k * 480; i < (k + 1) * 480; i++)
        sum += (sound[i]! / 32768) ** 2
      at.push(k * 10 - 300)
      db.push(Math.max(-100, Math.round(10 * Math.log10(sum / 480 + 1e-12))))
    }
    writeRecording(dir, sound, [...LOG, { type: 'levels', t: 0, at, db }])
    const said: string[] = []
    const opened = await openRecording({ dir }, await loadDeck(entry), line => said.push(line))
    const logged = LOG.filter(l => l.type === 'slide').map(l => l.t as number)
    expect(opened.log.steps.map(s => s.t)).toEqual(logged.map(t => t + 300))
    expect(said).toEqual([expect.stringMatching(/^ {2}the sound sits 300 ms later in .*2026-12-10T11-00-00\/recording\.webm than the log's clock says \(measured from the page's levels\): every slide and click moved with it$/)])
    // The recordings above have no levels (an older recorder): their log is taken as it is.
    expect(first.recording!.opened.log.steps.map(s => s.t)).toEqual(logged)
  })

  it('keeps the sound after frames the browser dropped at its time: a WebM whose timestamps skip 100 ms', async () => {
    // A browser under load drops capture frames and its WebM skips their time: 100 ms of the sound
    // missing from 10.5 s, the packets after it stamped 100 ms later. A decoder that joins the packets
    // end to end would put every later beep 100 ms early against the log.
    const dir = join(deck, 'exports', 'my-talk-recordings', '2026-12-10T12-00-00')
    const from = 10.5 * RATE
    const dropped = new Int16Array(sound.length - RATE / 10)
    dropped.set(sound.subarray(0, from))
    dropped.set(sound.subarray(from + RATE / 10), from)
    writeRecording(dir, dropped, LOG)
    const joined = join(dir, 'joined.webm')
    renameSync(join(dir, 'recording.webm'), joined)
    ffmpeg(['-i', joined, '-c', 'copy', '-bsf:a', 'setts=ts=if(gte(PTS\\,10500)\\,PTS+100\\,PTS)', join(dir, 'recording.webm')])
    const opened = await openRecording({ dir, captions: join(root, 'mine.vtt') }, await loadDeck(entry), () => {})
    expect(Math.abs(opened.length - LENGTH)).toBeLessThan(0.03)
    const ahead = startAhead(opened, await loadDeck(entry))
    try {
      const video = beepOnsets(await decodeMono(await ahead.sound, RATE), RATE, BEEPS)
      const errors = beepOnsets(sound, RATE, BEEPS).map((t, i) => video[i]! - t)
      // Each beep where it was (the AAC's own delay, about 7 ms, on every one), those after the gap as those before.
      expect(Math.max(...errors.map(Math.abs)), `beeps ${video.map(t => t.toFixed(3)).join(', ')}`).toBeLessThan(0.02)
      expect(Math.max(...errors) - Math.min(...errors)).toBeLessThan(0.002)
    }
    finally {
      ahead.stop()
    }
  })

  describe('bad input stops with one error naming the file, and writes nothing', () => {
    const bad = async (name: string, make: (dir: string) => void, expected: RegExp, audio?: string) => {
      const dir = join(root, 'bad', name)
      make(dir)
      const outputs = { video: join(dir, 'out.mp4'), captions: join(dir, 'out.vtt'), chapters: join(dir, 'out.txt'), thumbnail: join(dir, 'out.png') }
      await expect(runPipeline({ entry, artifacts: ['video'], recording: { dir, audio }, gate: false, browser: browser(), cacheDir, outputs })).rejects.toThrow(expected)
      expect(readdirSync(dir).filter(f => f.startsWith('out') || f.startsWith('.tmp'))).toEqual([])
    }
    const short = () => sound.subarray(0, 3 * RATE)

    it('a missing recording.webm', () => bad('missing', (dir) => {
      writeRecording(dir, short(), LOG)
      execFileSync('rm', [join(dir, 'recording.webm')])
    }, /The recording .*missing\/recording\.webm does not exist/))

    it('a corrupt recording.webm', () => bad('corrupt', (dir) => {
      writeRecording(dir, short(), LOG)
      writeFileSync(join(dir, 'recording.webm'), Buffer.from('\x1A\x45\xDF\xA3 this is not a webm at all'.repeat(40)))
    }, /The recording .*corrupt\/recording\.webm cannot be (read|decoded)/))

    it('a log from another deck', () => bad('other-deck', dir => writeRecording(dir, short(), [{ ...startLine('talk.md', 12) }, { type: 'slide', t: 0, slide: 1, click: 0 }]), /other-deck\/log\.jsonl was recorded from another deck: it names talk\.md with 12 slides/))

    it('a log that goes on past the sound', () => bad('short', dir => writeRecording(dir, short(), LOG), /The audio of .*short\/recording\.webm is shorter than the log: it ends at 3\.0 s, .*log\.jsonl goes on to 21\.0 s/))

    it('an unreadable --audio', async () => {
      writeFileSync(join(root, 'notes.txt'), 'not sound')
      await bad('audio', dir => writeRecording(dir, sound, LOG), /The --audio file .*notes\.txt cannot be read/, join(root, 'notes.txt'))
    })
  })

  afterAll(() => {
    // The figures the README quotes, printed with the test's output.
    console.warn(lines.filter(l => /^(?:sync|automatic|--audio)|offset| s$/.test(l)).join('\n'))
  })
})

describe('captions recognised during the talk are found by the render', () => {
  it('the file so far decodes to the same settled parts as the finished file (same cuts, same sound, so the same cache keys)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'live-captions-'))
    try {
      // 200 s of Opus in WebM, as MediaRecorder writes it: noise with a quiet 300 ms every 7 s. The file as it
      // stood at 140 s is a copy of its first 140 s of packets (-c copy), as on disk mid-talk.
      const full = join(dir, 'recording.webm')
      const sofar = join(dir, 'so far.webm')
      ffmpeg(['-f', 'lavfi', '-i', 'anoisesrc=color=pink:amplitude=0.3:sample_rate=48000:duration=200', '-af', 'volume=\'if(lt(mod(t,7),0.3),0,1)\':eval=frame', '-ac', '1', '-c:a', 'libopus', '-b:a', '64k', full])
      ffmpeg(['-i', full, '-c', 'copy', '-t', '140', sofar])
      const [whole, early] = await Promise.all([full, sofar].map(async file => decode16k((await browserSound(file)).track)))
      const wholeCuts = partCuts(whole!, RECOGNISER_RATE)
      const earlyCuts = partCuts(early!, RECOGNISER_RATE)
      // Settled so far: every part but the last, which runs to the end of what is recorded.
      const settled = earlyCuts.length - 2
      expect(settled).toBe(2)
      const hash = (samples: Int16Array) => createHash('sha256').update(new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength)).digest('hex')
      for (let i = 0; i < settled; i++) {
        expect(earlyCuts[i + 1]).toBe(wholeCuts[i + 1])
        expect(hash(early!.subarray(earlyCuts[i], earlyCuts[i + 1])), `part ${i}`).toBe(hash(whole!.subarray(wholeCuts[i], wholeCuts[i + 1])))
      }
    }
    finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
