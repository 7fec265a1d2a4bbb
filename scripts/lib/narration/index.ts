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
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { speakable } from '../deck'
import { findFfmpeg } from '../executable'
import { root } from '../paths'
import { speechCues } from './cues'
import { applyLexicon } from './lexicon'
import { normalizeLoudness, SAMPLE_RATE } from './loudness'
import { RecordingError } from './recordings'
import { runTool } from './run'
import { hasWords, sentencesOf } from './sentences'
import { narratedPlan } from './timing'
import { defaultCacheDir, synthesize } from './voice'
import { readWav, seconds, writeWav } from './wav'

export interface NarrationInput {
  /** The plan from the notes and frontmatter (scripts/video/timing.ts). */
  plan: TimingPlan
  /** The voice for steps without a recording; without one they stay silent. */
  voice?: Voice
  lexicon: Lexicon
  recordings: Recording[]
  cacheDir?: string
  timing?: Partial<NarrationTiming> & { gap?: number }
  log?: (line: string) => void
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

const display = (file: string) => relative(root, file) || file

/** A recording as mono 16-bit PCM at `rate`; a file ffmpeg cannot read is named. */
async function decodeRecording(file: string, rate: number): Promise<Pcm> {
  let stdout: Buffer
  try {
    stdout = await new Promise<Buffer>((resolve, reject) => {
      const child = spawn(findFfmpeg(), ['-hide_banner', '-nostdin', '-loglevel', 'error', '-i', file, '-vn', '-ac', '1', '-ar', String(rate), '-f', 's16le', '-'], { stdio: ['ignore', 'pipe', 'pipe'] })
      const chunks: Buffer[] = []
      let err = ''
      child.stdout.on('data', (d: Buffer) => chunks.push(d))
      child.stderr.on('data', (d) => { err = (err + d).slice(-2000) })
      child.on('error', reject)
      child.on('exit', code => code === 0 ? resolve(Buffer.concat(chunks)) : reject(new Error(err.trim() || `exit code ${code}`)))
    })
  }
  catch (error) {
    throw new RecordingError(`${display(file)}: cannot be read as audio (${error instanceof Error ? error.message.split('\n').at(-1) : error})`)
  }
  if (stdout.length < 2)
    throw new RecordingError(`${display(file)}: holds no audio`)
  const copy = Buffer.from(stdout.subarray(0, stdout.length & ~1))
  return { rate, samples: new Int16Array(copy.buffer, copy.byteOffset, copy.length / 2) }
}

/** Decodes the whole file once, so a broken recording stops the render before the voice starts. */
async function checkRecording(file: string) {
  try {
    await runTool(findFfmpeg(), ['-hide_banner', '-nostdin', '-loglevel', 'error', '-i', file, '-vn', '-map', '0:a:0', '-f', 'null', '-'])
  }
  catch (error) {
    const reason = error instanceof Error ? error.message.trim().split('\n').at(-1) : String(error)
    throw new RecordingError(`${display(file)}: cannot be read as audio (${reason})`)
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

/** Runs `work` on every item, two at a time. */
async function twoAtATime<T>(items: T[], work: (item: T) => Promise<void>) {
  let next = 0
  await Promise.all([0, 1].map(async () => {
    while (next < items.length)
      await work(items[next++]!)
  }))
}

export async function narrate(input: NarrationInput): Promise<Narration> {
  const log = input.log ?? (() => {})
  const cacheDir = input.cacheDir ?? defaultCacheDir
  const gap = input.timing?.gap ?? GAP
  const { plan: notesPlan, voice, lexicon } = input

  // Recordings first: a broken one stops the render before any work.
  const slideRecording = new Map<number, Recording>()
  const stepRecording = new Map<string, Recording>()
  for (const r of input.recordings)
    r.step === undefined ? slideRecording.set(r.slide, r) : stepRecording.set(`${r.slide}-${r.step}`, r)

  for (const r of input.recordings)
    await checkRecording(r.file)

  // What each step says, sentence by sentence, as text and as the voice reads it.
  const steps = notesPlan.steps.map((step) => {
    const text = speakable(step.notes)
    const recording = slideRecording.has(step.slide) ? 'slide' as const : stepRecording.get(`${step.slide}-${step.clicks}`)
    const sentences = sentencesOf(text).map(s => ({ ...s, spoken: hasWords(s.text) ? applyLexicon(s.text, lexicon) : '' }))
    const source: StepSource = recording ? 'recording' : voice && sentences.some(s => s.spoken) ? 'voice' : 'silent'
    return { step, text, sentences, recording, source }
  })

  const synthesis = voice
    ? await synthesize(voice, steps.filter(s => s.source === 'voice').flatMap(s => s.sentences.map(x => x.spoken).filter(Boolean)), cacheDir)
    : { clips: new Map<string, Pcm>(), spoken: 0, cached: 0 }
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

  // Every slide at −16 LUFS: recordings and the voice come out equally loud.
  const normalizedDir = join(cacheDir, 'slides')
  await mkdir(normalizedDir, { recursive: true })
  const normalizedOf = (key: string) => join(normalizedDir, `${key}.wav`)
  const todo = slides.filter(s => s.pcm.some(x => x !== 0) && !existsSync(normalizedOf(s.key)))
  const work = await mkdtemp(join(normalizedDir, '.work-'))
  try {
    await twoAtATime(todo, async ({ pcm, key }) => {
      const raw = join(work, `${key}-in.wav`)
      const out = join(work, `${key}.wav`)
      await writeWav(raw, { rate, samples: pcm })
      await normalizeLoudness(raw, out)
      await rename(out, normalizedOf(key))
    })

    const trackKey = hash(...slides.map(s => `${s.key}@${s.slide.start}`), String(plan.total))
    const audio = join(cacheDir, 'tracks', `${trackKey}.m4a`)
    if (!existsSync(audio)) {
      const track = new Int16Array(Math.round(plan.total * SAMPLE_RATE))
      for (const { slide, pcm, key } of slides) {
        if (!pcm.some(x => x !== 0))
          continue
        const at = Math.round(slide.start * SAMPLE_RATE)
        const length = Math.round((slide.start + slide.duration) * SAMPLE_RATE) - at
        place(track, (await readWav(normalizedOf(key))).samples.subarray(0, length), at)
      }
      const wav = join(work, 'track.wav')
      await writeWav(wav, { rate: SAMPLE_RATE, samples: track })
      await mkdir(join(cacheDir, 'tracks'), { recursive: true })
      const m4a = join(work, 'track.m4a')
      await runTool(findFfmpeg(), ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', '-i', wav, '-c:a', 'aac', '-b:a', '128k', '-ar', String(SAMPLE_RATE), '-f', 'mp4', m4a])
      await rename(m4a, audio)
    }
    log(`  narration: ${steps.filter(s => s.source === 'voice').length} steps by ${voice?.id ?? 'no voice'} (${synthesis.spoken} sentences spoken, ${synthesis.cached} from the cache), ${input.recordings.length} recordings, ${todo.length} slides normalized`)
    for (const e of extended)
      log(`  slide ${e.slide}${e.clicks === undefined ? '' : `, click step ${e.clicks}`}: the frontmatter asks for ${e.set.toFixed(1)} s, the narration needs ${e.needed.toFixed(1)} s; extended`)
    return { plan, cues: speechCues(spoken), audio, sources: steps.map(s => s.source), extended, spoken: synthesis.spoken, cached: synthesis.cached }
  }
  finally {
    await rm(work, { recursive: true, force: true })
  }
}
