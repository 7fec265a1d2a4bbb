import type { Cue } from '../video/captions'
import type { TimingPlan } from '../video/timing'
import type { Span, SpokenStep } from './cues'
import type { Lexicon } from './lexicon'
import type { Recording } from './recordings'
import type { Extended, NarrationTiming, StepSpeech } from './timing'
import type { Voice } from './voice'
import type { Pcm } from './wav'
/**
 * The narration of a video: every click step's notes spoken by the offline
 * voice (lexicon applied, sentence by sentence, cached), or the speaker's
 * recording where narration/ has one; the timing plan and the captions redone
 * from the measured speech; one AAC track at −16 LUFS, cached as a whole so
 * an unchanged re-render costs nothing.
 */
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { speakable } from '../../support/deck'
import { findFfmpeg } from '../../support/executable'
import { runProcessOutput } from '../../support/process'
import { speechCues } from './cues'
import { applyLexicon } from './lexicon'
import { encodeNormalizedTrack, gainToTarget, SAMPLE_RATE } from './loudness'
import { RecordingError } from './recordings'
import { hasWords, sentencesOf } from './sentences'
import { narratedPlan } from './timing'
import { defaultCacheDir, synthesize } from './voice'
import { seconds } from './wav'

export interface NarrationInput {
  /** The plan from the notes and frontmatter (src/outputs/video/timing.ts). */
  plan: TimingPlan
  /** The voice for steps without a recording; without one they stay silent. */
  voice?: Voice
  lexicon: Lexicon
  recordings: Recording[]
  cacheDir?: string
  timing?: Partial<NarrationTiming> & { gap?: number }
  log?: (line: string) => void
  /** Sentences spoken ahead into the cache for this render: counted as spoken, not as cached. */
  spokenAhead?: number
}

export type StepSource = 'voice' | 'recording' | 'silent'

export interface Narration {
  plan: TimingPlan
  cues: Cue[]
  /** The finished track (AAC, 48 kHz, −16 LUFS), exactly as long as the plan. */
  audio: string
  sources: StepSource[]
  extended: Extended[]
  /** Sentences spoken now / taken from the cache. */
  spoken: number
  cached: number
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
function stepsOf(plan: TimingPlan, recordings: Recording[], lexicon: Lexicon, voice: Voice | undefined) {
  const slideRecording = new Map<number, Recording>()
  const stepRecording = new Map<string, Recording>()
  for (const r of recordings)
    r.step === undefined ? slideRecording.set(r.slide, r) : stepRecording.set(`${r.slide}-${r.step}`, r)
  const steps = plan.steps.map((step) => {
    const text = speakable(step.notes)
    const recording = slideRecording.has(step.slide) ? 'slide' as const : stepRecording.get(`${step.slide}-${step.clicks}`)
    const sentences = sentencesOf(text).map(s => ({ ...s, spoken: hasWords(s.text) ? applyLexicon(s.text, lexicon) : '' }))
    const source: StepSource = recording ? 'recording' : voice && sentences.some(s => s.spoken) ? 'voice' : 'silent'
    return { step, text, sentences, recording, source }
  })
  return { steps, slideRecording }
}

/** The sentences the voice says, as it reads them. */
const voiced = (steps: ReturnType<typeof stepsOf>['steps']) => steps.filter(s => s.source === 'voice').flatMap(s => s.sentences.map(x => x.spoken).filter(Boolean))

/** What the voice will say, sentence by sentence: for speaking ahead (see render.ts) what `narrate` will ask for. */
export function sentencesToSpeak(plan: TimingPlan, recordings: Recording[], lexicon: Lexicon, voice: Voice): string[] {
  return voiced(stepsOf(plan, recordings, lexicon, voice).steps)
}

export async function narrate(input: NarrationInput): Promise<Narration> {
  const log = input.log ?? (() => {})
  const cacheDir = input.cacheDir ?? defaultCacheDir
  const gap = input.timing?.gap ?? GAP
  const { plan: notesPlan, voice, lexicon } = input

  const { steps, slideRecording } = stepsOf(notesPlan, input.recordings, lexicon, voice)

  const synthesis = voice
    ? await synthesize(voice, voiced(steps), cacheDir)
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

  // Lengths measured, the plan redone.
  const speech: StepSpeech[] = steps.map((s) => {
    if (s.source === 'voice') {
      const clips = s.sentences.filter(x => x.spoken).map(x => seconds(synthesis.clips.get(x.spoken)!))
      return { kind: 'voice', seconds: clips.reduce((a, b) => a + b, 0) + gap * (clips.length - 1) }
    }
    if (s.recording && s.recording !== 'slide')
      return { kind: 'recording', seconds: seconds(decoded.get(s.recording.file)!) }
    return { kind: 'silent' }
  })
  const slideSeconds = new Map(Array.from(slideRecording, ([no, r]) => [no, seconds(decoded.get(r.file)!)]))
  const { plan, extended } = narratedPlan(notesPlan, speech, slideSeconds, input.timing)

  // Each slide's audio, with the captions' spans.
  const spoken: SpokenStep[] = []
  const slides = plan.slides.map((slide) => {
    const first = Math.round(slide.start * rate)
    const pcm = new Int16Array(Math.round((slide.start + slide.duration) * rate) - first)
    const recording = slideRecording.get(slide.no)
    let recordingEnd = slide.start + slide.duration
    if (recording) {
      const clip = decoded.get(recording.file)!
      place(pcm, clip.samples, 0)
      recordingEnd = slide.start + seconds(clip)
    }
    for (const step of slide.steps) {
      const s = steps[plan.steps.indexOf(step)]!
      const end = step.start + step.duration
      let spans: Span[] = [{ from: 0, to: s.text.length, start: step.start, end }]
      if (s.source === 'voice') {
        let at = Math.round(step.start * rate) - first
        spans = s.sentences.map((sentence, i) => {
          const clip = sentence.spoken ? synthesis.clips.get(sentence.spoken)! : undefined
          if (clip && i)
            at += Math.round(gap * rate)
          const start = (first + at) / rate
          if (clip) {
            place(pcm, clip.samples, at)
            at += clip.samples.length
          }
          return { from: sentence.from, to: sentence.to, start, end: Math.min((first + at) / rate, end) }
        })
      }
      else if (s.recording === 'slide') {
        spans[0]!.end = Math.min(end, recordingEnd)
      }
      else if (s.recording) {
        const clip = decoded.get(s.recording.file)!
        place(pcm, clip.samples, Math.round(step.start * rate) - first)
        spans[0]!.end = Math.min(end, step.start + seconds(clip))
      }
      spoken.push({ text: s.text, spans: spans.filter(x => x.end > x.start || x.to === x.from) })
    }
    return { slide, pcm, key: hash(String(rate), new Uint8Array(pcm.buffer)) }
  })

  // The track: every slide at −16 LUFS (recordings and the voice equally loud), then the whole at −16 LUFS, AAC.
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
  log(`  narration: ${steps.filter(s => s.source === 'voice').length} steps by ${voice?.id ?? 'no voice'} (${synthesis.spoken} sentences spoken, ${synthesis.cached} from the cache), ${input.recordings.length} recordings, track ${made ? 'made' : 'from the cache'}`)
  for (const e of extended)
    log(`  slide ${e.slide}${e.clicks === undefined ? '' : `, click step ${e.clicks}`}: the frontmatter asks for ${e.set.toFixed(1)} s, the narration needs ${e.needed.toFixed(1)} s; extended`)
  return { plan, cues: speechCues(spoken), audio, sources: steps.map(s => s.source), extended, spoken: synthesis.spoken, cached: synthesis.cached }
}
