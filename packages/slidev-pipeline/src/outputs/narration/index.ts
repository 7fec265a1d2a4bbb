import type { Span, Speech, StepSound } from '../video/speech.ts'
import type { ClickStep, TimingPlan } from '../video/timing.ts'
import type { Lexicon } from './lexicon.ts'
import type { Recording } from './recordings.ts'
import type { Voice } from './voice.ts'
import type { Pcm } from './wav.ts'
/**
 * The narration of a video, in two steps around the timing plan:
 *   speak  every click step's notes spoken by the offline voice (lexicon
 *          applied, sentence by sentence, cached), or the speaker's recording
 *          where narration/ has one; returns the seconds each step's sound
 *          lasts and where each sentence sits in it (the plan's input);
 *   mix    the sound placed where the plan puts each step: one AAC track at
 *          −16 LUFS, exactly as long as the plan, cached as a whole so an
 *          unchanged re-render costs nothing.
 * The plan itself is made once, from the speech, in src/outputs/video/timing.ts.
 */
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { speakable } from '../../support/deck.ts'
import { findFfmpeg } from '../../support/executable.ts'
import { runProcessOutput } from '../../support/process.ts'
import { applyLexicon } from './lexicon.ts'
import { encodeNormalizedTrack, gainToTarget, SAMPLE_RATE } from './loudness.ts'
import { RecordingError } from './recordings.ts'
import { hasWords, sentencesOf } from './sentences.ts'
import { defaultCacheDir, synthesize } from './voice.ts'
import { seconds } from './wav.ts'

export interface SpeakInput {
  /** Every click step with its notes (clickSteps in src/outputs/video/timing.ts). */
  steps: ClickStep[]
  /** The voice for steps without a recording; without one they stay silent. */
  voice?: Voice
  lexicon: Lexicon
  recordings: Recording[]
  cacheDir?: string
  /** Silence between two synthesized sentences of a step (seconds). */
  gap?: number
  /** Sentences spoken ahead into the cache for this render: counted as spoken, not as cached. */
  spokenAhead?: number
}

export type StepSource = 'voice' | 'recording' | 'silent'

/** A clip placed `at` samples after the start of its step. */
interface Placed { at: number, samples: Int16Array }

/** What the narration spoke: the plan's input (Speech), and the sound to mix once the plan is made. */
export interface SpokenNarration extends Speech {
  sources: StepSource[]
  /** Who spoke the steps without a recording. */
  voice?: string
  recordings: number
  /** Sentences spoken now / taken from the cache. */
  spoken: number
  cached: number
  rate: number
  /** Per step, its clips; per slide with one recording, that recording. */
  clips: Placed[][]
  slideClips: Map<number, Int16Array>
}

/** Silence between two synthesized sentences of a step (the voice adds its own, too). */
const GAP = 0.15

/** Bump when the way tracks are made changes, so old tracks are not reused. */
const TRACK_FORMAT = 3

const display = (file: string) => relative(process.cwd(), file) || file

/** Why ffmpeg could not read a file: the last line of its error. */
const lastLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).trim().split('\n').at(-1)

/** A recording as mono 16-bit PCM at `rate`; a file ffmpeg cannot read is named. */
async function decodeRecording(file: string, rate: number): Promise<Pcm> {
  let stdout: Buffer
  try {
    ({ stdout } = await runProcessOutput(findFfmpeg(), ['-hide_banner', '-nostdin', '-loglevel', 'error', '-i', file, '-vn', '-ac', '1', '-ar', String(rate), '-f', 's16le', '-'], { quiet: true, label: `ffmpeg (decoding ${display(file)})` }))
  }
  catch (error) {
    throw new RecordingError(`${display(file)}: cannot be read as audio (${lastLine(error)})`)
  }
  if (stdout.length < 2)
    throw new RecordingError(`${display(file)}: holds no audio`)
  const copy = Buffer.from(stdout.subarray(0, stdout.length & ~1))
  return { rate, samples: new Int16Array(copy.buffer, copy.byteOffset, copy.length / 2) }
}

/** Decodes the whole file once, so a broken recording stops the render before anything is built (render.ts). */
export async function checkRecording(file: string) {
  try {
    await runProcessOutput(findFfmpeg(), ['-hide_banner', '-nostdin', '-loglevel', 'error', '-i', file, '-vn', '-map', '0:a:0', '-f', 'null', '-'], { quiet: true, label: `ffmpeg (reading ${display(file)})` })
  }
  catch (error) {
    throw new RecordingError(`${display(file)}: cannot be read as audio (${lastLine(error)})`)
  }
}

function hash(...parts: (string | Uint8Array)[]) {
  const h = createHash('sha256')
  for (const part of parts)
    h.update(part)
  return h.digest('hex').slice(0, 32)
}

/** Copies `clip` into `into` at sample `at`, cut at the end of `into`. */
function place(into: Int16Array, clip: Int16Array, at: number) {
  const room = Math.max(0, into.length - at)
  into.set(room < clip.length ? clip.subarray(0, room) : clip, at)
}

/** Each step's text, sentence by sentence as written and as the voice reads it, and what speaks it. */
function stepsOf(steps: ClickStep[], recordings: Recording[], lexicon: Lexicon, voice: Voice | undefined) {
  const slideRecording = new Map<number, Recording>()
  const stepRecording = new Map<string, Recording>()
  for (const r of recordings)
    r.step === undefined ? slideRecording.set(r.slide, r) : stepRecording.set(`${r.slide}-${r.step}`, r)
  const texts = steps.map((step) => {
    const text = speakable(step.notes)
    const recording = slideRecording.has(step.slide) ? 'slide' as const : stepRecording.get(`${step.slide}-${step.clicks}`)
    const sentences = sentencesOf(text).map(s => ({ ...s, spoken: hasWords(s.text) ? applyLexicon(s.text, lexicon) : '' }))
    const source: StepSource = recording ? 'recording' : voice && sentences.some(s => s.spoken) ? 'voice' : 'silent'
    return { text, sentences, recording, source }
  })
  return { texts, slideRecording }
}

/** The sentences the voice says, as it reads them. */
const voiced = (steps: ReturnType<typeof stepsOf>['texts']) => steps.filter(s => s.source === 'voice').flatMap(s => s.sentences.map(x => x.spoken).filter(Boolean))

/** What the voice will say, sentence by sentence: for speaking ahead (see render.ts) what `speak` will ask for. */
export function sentencesToSpeak(steps: ClickStep[], recordings: Recording[], lexicon: Lexicon, voice: Voice): string[] {
  return voiced(stepsOf(steps, recordings, lexicon, voice).texts)
}

/** Speaks (or reads the recordings of) every step and measures it: no timing plan needed, none made. */
export async function speak(input: SpeakInput): Promise<SpokenNarration> {
  const cacheDir = input.cacheDir ?? defaultCacheDir
  const gap = input.gap ?? GAP
  const { voice, lexicon } = input
  const { texts, slideRecording } = stepsOf(input.steps, input.recordings, lexicon, voice)

  const synthesis = voice
    ? await synthesize(voice, voiced(texts), cacheDir)
    : { clips: new Map<string, Pcm>(), spoken: 0, cached: 0 }
  const ahead = Math.min(input.spokenAhead ?? 0, synthesis.cached)
  synthesis.spoken += ahead
  synthesis.cached -= ahead
  const rates = new Set(Array.from(synthesis.clips.values(), c => c.rate))
  if (rates.size > 1)
    throw new Error(`the voice wrote clips at different sample rates: ${[...rates].join(', ')} Hz`)
  const rate = [...rates][0] ?? SAMPLE_RATE

  const decoded = new Map<string, Pcm>()
  for (const r of input.recordings)
    decoded.set(r.file, await decodeRecording(r.file, rate))

  // Each step's sound, measured: sentence after sentence with a gap between, or its recording.
  const clips: Placed[][] = []
  const steps: StepSound[] = texts.map((s) => {
    const placed: Placed[] = []
    clips.push(placed)
    if (s.source === 'voice') {
      let at = 0
      const spans: Span[] = s.sentences.map((sentence, i) => {
        const clip = sentence.spoken ? synthesis.clips.get(sentence.spoken)! : undefined
        if (clip && i)
          at += Math.round(gap * rate)
        const start = at / rate
        if (clip) {
          placed.push({ at, samples: clip.samples })
          at += clip.samples.length
        }
        return { from: sentence.from, to: sentence.to, start, end: at / rate }
      })
      const lengths = s.sentences.filter(x => x.spoken).map(x => seconds(synthesis.clips.get(x.spoken)!))
      return { kind: 'voice', seconds: lengths.reduce((a, b) => a + b, 0) + gap * (lengths.length - 1), spans }
    }
    if (s.recording && s.recording !== 'slide') {
      const clip = decoded.get(s.recording.file)!
      placed.push({ at: 0, samples: clip.samples })
      return { kind: 'recording', seconds: seconds(clip) }
    }
    return { kind: 'silent' }
  })
  const slideClips = new Map(Array.from(slideRecording, ([no, r]) => [no, decoded.get(r.file)!.samples]))
  return {
    steps,
    slides: new Map(Array.from(slideClips, ([no, samples]) => [no, samples.length / rate])),
    sources: texts.map(s => s.source),
    voice: voice?.id,
    recordings: input.recordings.length,
    spoken: synthesis.spoken,
    cached: synthesis.cached,
    rate,
    clips,
    slideClips,
  }
}

/**
 * The narration track for `plan` (made from this narration's speech): every
 * clip where the plan puts its step, every slide at −16 LUFS (recordings and
 * the voice equally loud), then the whole at −16 LUFS, AAC. Returns the
 * track's file and whether it was made now (or taken from the cache).
 */
export async function mixTrack(narration: SpokenNarration, plan: TimingPlan, options: { cacheDir?: string, log?: (line: string) => void } = {}): Promise<{ audio: string, made: boolean }> {
  const log = options.log ?? (() => {})
  const cacheDir = options.cacheDir ?? defaultCacheDir
  const { rate } = narration
  if (narration.clips.length !== plan.steps.length)
    throw new Error(`a narration of ${narration.clips.length} steps for a plan of ${plan.steps.length}`)
  let index = 0
  const slides = plan.slides.map((slide) => {
    const first = Math.round(slide.start * rate)
    const pcm = new Int16Array(Math.round((slide.start + slide.duration) * rate) - first)
    const recording = narration.slideClips.get(slide.no)
    if (recording)
      place(pcm, recording, 0)
    for (const step of slide.steps) {
      for (const clip of narration.clips[index++]!)
        place(pcm, clip.samples, Math.round(step.start * rate) - first + clip.at)
    }
    return { slide, pcm, key: hash(String(rate), new Uint8Array(pcm.buffer)) }
  })

  const trackKey = hash(String(TRACK_FORMAT), String(rate), ...slides.map(s => `${s.key}@${s.slide.start}`), String(plan.total))
  const tracksDir = join(cacheDir, 'tracks')
  const audio = join(tracksDir, `${trackKey}.m4a`)
  const made = !existsSync(audio)
  if (made) {
    const gains = slides.map(s => gainToTarget(s.pcm, rate))
    const total = Math.round(plan.total * rate)
    // Slide by slide as 32-bit float, so a gain above 1 cannot clip before the limiter.
    const chunks = function* () {
      let at = 0
      for (const [i, { slide, pcm }] of slides.entries()) {
        const from = Math.round(slide.start * rate)
        if (from > at)
          yield new Float32Array(from - at)
        const skip = Math.max(0, at - from)
        const chunk = new Float32Array(Math.max(0, Math.min(pcm.length, total - from) - skip))
        const scale = gains[i]! / 32768
        for (let j = 0; j < chunk.length; j++)
          chunk[j] = pcm[skip + j]! * scale
        yield chunk
        at = Math.max(at, from) + chunk.length
      }
      if (total > at)
        yield new Float32Array(total - at)
    }
    await mkdir(tracksDir, { recursive: true })
    const work = await mkdtemp(join(tracksDir, '.work-'))
    try {
      const m4a = join(work, 'track.m4a')
      const { linear } = await encodeNormalizedTrack({ chunks, rate }, m4a)
      if (!linear)
        log('  narration: the peaks did not fit under one gain; loudnorm evened the loudness dynamically')
      await rename(m4a, audio)
    }
    finally {
      await rm(work, { recursive: true, force: true })
    }
  }
  return { audio, made }
}
