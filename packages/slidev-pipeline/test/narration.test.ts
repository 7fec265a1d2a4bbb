import type { Narration } from '../src/outputs/narration/render'
import type { Cue } from '../src/outputs/video/captions'
import type { TimingPlan } from '../src/outputs/video/timing'
import type { VideoOutputs } from '../src/outputs/video/video'
import type { PipelineOptions } from '../src/pipeline'
/**
 * `npm run video -- --voice` end to end on the fixture deck (four slides,
 * eight click steps), with a recording for slide 3 in a narration folder:
 * the audio track, its length and loudness, captions inside the speech, the
 * recording in place of the voice, the cache, and the errors for a missing
 * voice and a corrupt recording.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findFfmpeg } from '../src/support/executable'
import { chromiumForFile } from './helpers/browser'
import { ffprobe, VIDEO_FIXTURE as FIXTURE, parseVtt, renderVideo as runVideo, videoOutputs, writeTone } from './helpers/video'

const RECORDING_SECONDS = 6.3
const browser = chromiumForFile()

/** The MP4's audio from `start` for `seconds`, as mono samples at 48 kHz scaled to -1..1. */
function samples(video: string, start: number, seconds: number): Float32Array {
  const raw = execFileSync(findFfmpeg(), ['-v', 'error', '-ss', start.toFixed(3), '-t', seconds.toFixed(3), '-i', video, '-map', '0:a', '-ac', '1', '-ar', '48000', '-f', 's16le', '-'], { maxBuffer: 1 << 28 })
  const ints = new Int16Array(raw.buffer, raw.byteOffset, raw.length / 2)
  return Float32Array.from(ints, x => x / 32768)
}
const rmsDb = (x: Float32Array) => 10 * Math.log10(x.reduce((s, v) => s + v * v, 0) / Math.max(1, x.length) + 1e-12)
const crossingsPerSecond = (x: Float32Array) => x.reduce((n, v, i) => n + (i && (v >= 0) !== (x[i - 1]! >= 0) ? 1 : 0), 0) / (x.length / 48000)

function measure(file: string) {
  const log = execFileSync('sh', ['-c', `"${findFfmpeg()}" -hide_banner -nostats -i "${file}" -map 0:a -af ebur128=peak=true -f null - 2>&1`], { encoding: 'utf8' })
  const summary = log.slice(log.lastIndexOf('Summary:'))
  return { integrated: Number(summary.match(/I:\s+(-?[\d.]+) LUFS/)![1]), truePeak: Number(summary.match(/Peak:\s+(-?[\d.]+) dBFS/)![1]) }
}

interface VideoResult { plan: TimingPlan, cues: Cue[], narration?: Narration }

/** The narrated video: its plan, captions and narration. */
async function renderVideo(options: Omit<PipelineOptions, 'artifacts'>): Promise<VideoResult> {
  const result = await runVideo({ browser: browser(), ...options })
  return { plan: result.video!.plan, cues: result.video!.cues, narration: result.narration }
}

describe('narrated video of the fixture deck', () => {
  let work: string
  let out: VideoOutputs
  let result: VideoResult
  let narrationDir: string
  let cache: string

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'narration-test-'))
    narrationDir = join(work, 'narration')
    cache = join(work, 'cache')
    mkdirSync(narrationDir)
    // The speaker's recording of slide 3: a 440 Hz tone, easy to tell from the voice.
    writeTone(join(narrationDir, '03.m4a'), RECORDING_SECONDS)
    out = videoOutputs(work)
    result = await renderVideo({ entry: FIXTURE, outputs: out, voice: true, narrationDir, narrationCache: cache })
  })
  afterAll(async () => {
    if (work)
      await rm(work, { recursive: true, force: true })
  })

  it('has an AAC audio track at 48 kHz, as long as the video and the sum of the steps', () => {
    const info = JSON.parse(ffprobe(['-show_format', '-show_streams', '-of', 'json', out.video]))
    const audio = info.streams.find((s: any) => s.codec_type === 'audio')
    const video = info.streams.find((s: any) => s.codec_type === 'video')
    expect(audio).toMatchObject({ codec_name: 'aac', sample_rate: '48000' })
    const sum = result.plan.steps.reduce((s, step) => s + step.duration, 0)
    expect(Math.abs(Number(video.duration) - sum)).toBeLessThanOrEqual(0.1)
    expect(Math.abs(Number(audio.duration) - sum)).toBeLessThanOrEqual(0.1)
    expect(Math.abs(Number(info.format.duration) - sum)).toBeLessThanOrEqual(0.1)
  })

  it('is at -16 LUFS integrated (±1 LU) and does not clip', () => {
    const { integrated, truePeak } = measure(out.video)
    expect(Math.abs(integrated + 16), `integrated loudness ${integrated} LUFS`).toBeLessThanOrEqual(1)
    expect(truePeak, `true peak ${truePeak} dBTP`).toBeLessThan(0)
  })

  it('times the voiced steps by their speech: sound while it speaks, a pause before the next click', () => {
    const voiced = result.plan.steps.filter((_, i) => result.narration!.sources[i] === 'voice')
    expect(voiced).toHaveLength(5)
    for (const step of voiced) {
      expect(rmsDb(samples(out.video, step.start + 0.3, step.duration - 1)), `slide ${step.slide} step ${step.clicks}`).toBeGreaterThan(-35)
      expect(rmsDb(samples(out.video, step.start + step.duration - 0.35, 0.3)), `pause after slide ${step.slide} step ${step.clicks}`).toBeLessThan(-55)
    }
    // The frontmatter's 2.5 s for slide 1 is too short for its sentence: extended, and reported.
    expect(result.plan.extended.map(e => e.slide)).toContain(1)
  })

  it('puts every caption inside the audio, over sound, inside its step', async () => {
    const cues = parseVtt(await readFile(out.captions, 'utf8'))
    expect(cues.length).toBeGreaterThanOrEqual(8)
    cues.forEach((cue, i) => {
      expect(cue.end).toBeGreaterThan(cue.start)
      expect(cue.start).toBeGreaterThanOrEqual(i ? cues[i - 1]!.end : 0)
      expect(cue.end).toBeLessThanOrEqual(result.plan.total + 0.001)
      const middle = (cue.start + cue.end) / 2
      const step = result.plan.steps.find(s => middle >= s.start && middle < s.start + s.duration)!
      expect(cue.start, cue.text).toBeGreaterThanOrEqual(step.start - 0.001)
      expect(cue.end, cue.text).toBeLessThanOrEqual(step.start + step.duration + 0.001)
      expect(rmsDb(samples(out.video, cue.start, cue.end - cue.start)), cue.text).toBeGreaterThan(-35)
    })
    // Captions keep the notes as written (the lexicon only changes what is spoken).
    expect(cues.map(c => c.text).join(' ')).toContain('Hello and welcome. This fixture deck is short on purpose.')
  })

  it('plays the recording for slide 3 instead of the voice, for as long as it runs, and speaks the rest', () => {
    const slide = result.plan.slides[2]!
    expect(result.narration!.sources).toEqual(['voice', 'voice', 'voice', 'voice', 'recording', 'recording', 'recording', 'voice'])
    // Its frontmatter says 4 s; the recording is longer, so the slide lasts as long as it (to the next whole frame).
    const recorded = Number(ffprobe(['-show_entries', 'format=duration', '-of', 'csv=p=0', join(narrationDir, '03.m4a')]))
    expect(slide.duration).toBeGreaterThanOrEqual(recorded - 0.03)
    expect(slide.duration).toBeLessThanOrEqual(recorded + 1 / 30)
    const tone = samples(out.video, slide.start + 0.5, RECORDING_SECONDS - 1)
    expect(Math.abs(crossingsPerSecond(tone) - 880)).toBeLessThan(880 * 0.03)
    const voice = samples(out.video, result.plan.slides[1]!.start + 0.3, 2)
    expect(Math.abs(crossingsPerSecond(voice) - 880)).toBeGreaterThan(880 * 0.1)
    // Its captions are spread over the recording.
    const cues = result.cues.filter(c => c.start >= slide.start && c.start < slide.start + slide.duration)
    expect(cues.map(c => c.text.replace(/\n/g, ' ')).join(' ')).toBe('An empty chart. The blue bar grows first. Then the orange bar joins it, and the chart is complete.')
    expect(Math.abs(cues.at(-1)!.end - (slide.start + recorded))).toBeLessThan(0.05)
  })

  it('speaks only what changed on a re-render: everything comes from the cache', async () => {
    const first = result.narration!
    expect(first.spoken).toBeGreaterThan(0)
    const started = performance.now()
    const again = await renderVideo({ entry: FIXTURE, voice: true, narrationDir, narrationCache: cache, planOnly: true })
    expect(again.narration!.spoken).toBe(0)
    expect(again.narration!.cached).toBe(first.spoken + first.cached)
    expect(again.narration!.audio).toBe(first.audio)
    expect(again.plan.total).toBe(result.plan.total)
    console.warn(`[narration] cached re-plan with narration: ${((performance.now() - started) / 1000).toFixed(1)} s`)
  })

  it('stops before building when a recording is corrupt, names the file and leaves the previous video in place', async () => {
    const broken = join(work, 'broken')
    mkdirSync(broken)
    writeFileSync(join(broken, '02-1.m4a'), 'not audio at all')
    const previous = readFileSync(out.video)
    const stages: string[] = []
    await expect(renderVideo({ entry: FIXTURE, outputs: out, voice: true, narrationDir: broken, narrationCache: cache, log: line => stages.push(line) }))
      .rejects
      .toThrow(/broken\/02-1\.m4a: cannot be read as audio/)
    expect(stages.filter(line => line.startsWith('▸'))).toEqual(['▸ check …'])
    expect(readFileSync(out.video).equals(previous)).toBe(true)
  })

  it('stops before building when the voice is missing, naming the apt package', async () => {
    const previous = readFileSync(out.video)
    const render = renderVideo({ entry: FIXTURE, outputs: out, voice: true, env: { PATH: join(work, 'empty-bin') } })
    await expect(render).rejects.toThrow('apt-get install festival festvox-us-slt-hts')
    expect(readFileSync(out.video).equals(previous)).toBe(true)
  })
})
