import type { Deck, Slide } from '../../support/deck.ts'
import type { Speech, StepSound } from './speech.ts'
/**
 * How long every slide and click step stays on screen: the video's one
 * timing plan, made once, which the captions, the chapters, the narration
 * track and the encoder all follow. Pure: the deck's notes and frontmatter,
 * the number of clicks per slide and, for a narrated video, the seconds the
 * narration spoke per step (speech.ts) in, a plan out.
 *
 * Per slide, in this order:
 *   durations: [s0, s1, ...]  seconds for each click step (one entry per step)
 *   duration: s               seconds for the whole slide, split over its steps
 *                             in proportion to their spoken length
 *   neither                   each step's notes at `wpm` words per minute,
 *                             never less than `minStep` seconds
 * On the first slide `duration` belongs to Slidev's presenter timer (the
 * headmatter), so only `durations` applies there.
 * With a narration, a spoken step lasts as long as its speech plus a short
 * pause, a recorded step as long as its recording, a slide with one recording
 * as long as that recording. Frontmatter still wins: `durations`/`duration`
 * longer than the speech pad it with silence; shorter ones are extended so no
 * speech is cut (and listed in `extended`).
 * Every step lasts a whole number of frames, so the plan's total is exactly
 * the video's length.
 */
import { dirname, relative, resolve } from 'node:path'
import { CLICK_MARK, wordCount } from '../../support/deck.ts'

export interface TimingOptions {
  /** Speaking rate for notes. */
  wpm: number
  /** Shortest time a step stays when it comes from the notes (seconds). */
  minStep: number
  fps: number
  /** Silence after a synthesized step's last sentence, before the next click (seconds). */
  pause: number
  /** Shortest synthesized step (seconds). */
  minSpoken: number
}

export const defaultTiming: TimingOptions = { wpm: 150, minStep: 3, fps: 30, pause: 0.6, minSpoken: 1.5 }

/** One click step and the notes spoken during it (Markdown). */
export interface ClickStep {
  slide: number
  /** Click step on that slide, 0 = before the first click. */
  clicks: number
  notes: string
}

export interface PlannedStep {
  slide: number
  /** Click step on that slide, 0 = before the first click. */
  clicks: number
  /** Seconds from the start of the video. */
  start: number
  duration: number
  frames: number
  /** Notes spoken during this step (Markdown). */
  notes: string
  source: 'durations' | 'duration' | 'notes'
}

export interface PlannedSlide {
  no: number
  title: string
  file: string
  start: number
  duration: number
  steps: PlannedStep[]
}

/** A slide or step whose frontmatter asks for less time than its narration needs: it was extended. */
export interface Extended {
  slide: number
  /** Undefined when a whole-slide `duration` or recording was extended. */
  clicks?: number
  set: number
  needed: number
}

export interface TimingPlan {
  fps: number
  slides: PlannedSlide[]
  steps: PlannedStep[]
  totalFrames: number
  /** Seconds. */
  total: number
  /** Where the narration needed more than the frontmatter set (none without a narration). */
  extended: Extended[]
}

export class TimingError extends Error {
  constructor(deck: Deck, slide: Slide, problem: string) {
    const file = relative(process.cwd(), resolve(dirname(deck.entry), slide.file))
    super(`${file}, slide ${slide.no}${slide.title ? ` ("${slide.title}")` : ''}: ${problem}`)
    this.name = 'TimingError'
  }
}

/**
 * Notes split into one part per click step, following Slidev's markers:
 * `[click]` moves to the next step, `[click:N]` to step N. Text after the
 * last step is kept on the last step, so no note is lost.
 */
export function notesForSteps(notes: string, steps: number): string[] {
  const parts = Array.from({ length: steps }, () => [] as string[])
  let step = 0
  let last = 0
  for (const match of notes.matchAll(new RegExp(`${CLICK_MARK.source}|$`, 'g'))) {
    const text = notes.slice(last, match.index).trim()
    if (text)
      parts[Math.min(step, steps - 1)]!.push(text)
    last = match.index + match[0].length
    if (!match[0])
      break
    step = match[1] === undefined ? step + 1 : Number(match[1])
  }
  return parts.map(p => p.join('\n\n'))
}

/** Seconds it takes to say `notes` at `wpm`, at least `minStep`. */
export function spokenSeconds(notes: string, options: Pick<TimingOptions, 'wpm' | 'minStep'> = defaultTiming): number {
  return Math.max(options.minStep, wordCount(notes) / options.wpm * 60)
}

const isPositive = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0

/** Checks `duration`/`durations` on one slide; returns seconds per step. */
function overrides(deck: Deck, slide: Slide, steps: number): { seconds: number[], source: 'durations' } | { total: number, source: 'duration' } | undefined {
  const fm = slide.frontmatter
  const duration = slide.no === 1 ? undefined : fm.duration
  const durations = fm.durations
  if (duration !== undefined && durations !== undefined)
    throw new TimingError(deck, slide, 'set either `duration` (whole slide) or `durations` (per click step), not both')
  if (durations !== undefined) {
    if (!Array.isArray(durations) || !durations.every(isPositive))
      throw new TimingError(deck, slide, `\`durations\` must be a list of positive numbers of seconds, e.g. [4, 2.5], got ${JSON.stringify(durations)}`)
    if (durations.length !== steps)
      throw new TimingError(deck, slide, `\`durations\` has ${durations.length} ${durations.length === 1 ? 'entry' : 'entries'} but the slide has ${steps} click steps (one entry each, step 0 included)`)
    return { seconds: durations, source: 'durations' }
  }
  if (duration !== undefined) {
    if (!isPositive(duration))
      throw new TimingError(deck, slide, `\`duration\` must be a positive number of seconds, e.g. 12, got ${JSON.stringify(duration)}`)
    return { total: duration, source: 'duration' }
  }
  return undefined
}

/** Checks every slide's `duration`/`durations` that can be checked without knowing its clicks. */
export function checkTimingFrontmatter(deck: Deck) {
  for (const slide of deck.slides) {
    const n = slide.frontmatter.durations
    overrides(deck, slide, Array.isArray(n) ? n.length : 1)
  }
}

/** Rounds a list of seconds to whole frames so that the running total stays as close as possible. */
function toFrames(seconds: number[], fps: number): number[] {
  let exact = 0
  let done = 0
  return seconds.map((s) => {
    exact += s * fps
    const frames = Math.max(1, Math.round(exact) - done)
    done += frames
    return frames
  })
}

const EPSILON = 1e-6
const framesFor = (seconds: number, fps: number) => Math.max(1, Math.ceil(seconds * fps - EPSILON))

/** Whole frames for `seconds`, rounding the running total, adding up to exactly `total`. */
function spread(seconds: number[], total: number): number[] {
  const sum = seconds.reduce((a, b) => a + b, 0)
  let exact = 0
  let done = 0
  return seconds.map((s, i) => {
    exact += sum ? s / sum * total : total / seconds.length
    const frames = i === seconds.length - 1 ? total - done : Math.max(1, Math.round(exact) - done)
    done += frames
    return frames
  })
}

/** One slide as the notes and frontmatter time it: frames per step. */
interface SlideTiming { slide: Slide, notes: string[], source: PlannedStep['source'], frames: number[] }

/**
 * The frames of one slide's steps once the narration is measured: `sounds`
 * are its steps' sounds, `recording` the seconds of a recording of the whole
 * slide. What the frontmatter set is kept where the speech fits in it.
 */
function narratedFrames(timing: SlideTiming, sounds: StepSound[], recording: number | undefined, opts: TimingOptions, extended: Extended[]): number[] {
  const { slide, source, frames } = timing
  const { fps } = opts
  const seconds = frames.map(f => f / fps)
  const slideSeconds = frames.reduce((a, b) => a + b, 0) / fps
  if (recording !== undefined) {
    const set = source === 'notes' ? 0 : slideSeconds
    if (set && recording > set + EPSILON)
      extended.push({ slide: slide.no, set, needed: recording })
    return spread(seconds, framesFor(Math.max(recording, set), fps))
  }
  const needed = sounds.map(s => s.kind === 'voice' ? Math.max(opts.minSpoken, s.seconds + opts.pause) : s.kind === 'recording' ? s.seconds : undefined)
  if (source === 'duration') {
    const base = seconds.map((s, i) => needed[i] ?? s)
    const sum = base.reduce((a, b) => a + b, 0)
    if (sum > slideSeconds + EPSILON)
      extended.push({ slide: slide.no, set: slideSeconds, needed: sum })
    // Each step gets what its speech needs; time left over is shared out in proportion.
    const extra = Math.max(0, slideSeconds - sum)
    return base.map(b => framesFor(b + extra * b / sum, fps))
  }
  return frames.map((f, clicks) => {
    const need = needed[clicks]
    if (need === undefined)
      return f
    if (source === 'durations') {
      if (need > seconds[clicks]! + EPSILON)
        extended.push({ slide: slide.no, clicks, set: seconds[clicks]!, needed: need })
      return Math.max(f, framesFor(need, fps))
    }
    return framesFor(need, fps)
  })
}

/** Every click step with its notes: what the narration speaks. `clicks[i]` is the number of clicks on slide i + 1. */
export function clickSteps(deck: Deck, clicks: number[]): ClickStep[] {
  if (clicks.length !== deck.slides.length)
    throw new Error(`click counts for ${clicks.length} slides, but the deck has ${deck.slides.length}`)
  return deck.slides.flatMap(slide => notesForSteps(slide.notes, clicks[slide.no - 1]! + 1).map((notes, step) => ({ slide: slide.no, clicks: step, notes })))
}

/**
 * The plan for the whole deck. `clicks[i]` is the number of clicks on slide
 * i + 1 (so it has clicks + 1 steps); `speech`, when the video is narrated,
 * has one sound per step of clickSteps(deck, clicks).
 */
export function planTiming(deck: Deck, clicks: number[], options: Partial<TimingOptions> = {}, speech?: Speech): TimingPlan {
  const opts = { ...defaultTiming, ...options }
  const steps = clickSteps(deck, clicks)
  if (speech && speech.steps.length !== steps.length)
    throw new Error(`speech for ${speech.steps.length} steps, but the deck has ${steps.length}`)
  const extended: Extended[] = []
  let index = 0
  const timed = deck.slides.map((slide): SlideTiming => {
    const count = clicks[slide.no - 1]! + 1
    const notes = steps.slice(index, index + count).map(s => s.notes)
    const spoken = notes.map(n => spokenSeconds(n, opts))
    const set = overrides(deck, slide, count)
    let seconds = spoken
    if (set?.source === 'durations')
      seconds = set.seconds
    else if (set?.source === 'duration')
      seconds = spoken.map(s => s / spoken.reduce((a, b) => a + b, 0) * set.total)
    const timing: SlideTiming = { slide, notes, source: set?.source ?? 'notes', frames: toFrames(seconds, opts.fps) }
    if (speech)
      timing.frames = narratedFrames(timing, speech.steps.slice(index, index + count), speech.slides.get(slide.no), opts, extended)
    index += count
    return timing
  })

  const slides: PlannedSlide[] = []
  let frame = 0
  for (const { slide, notes, source, frames } of timed) {
    const start = frame
    const planned = frames.map((f, clicks) => {
      const step: PlannedStep = { slide: slide.no, clicks, start: frame / opts.fps, duration: f / opts.fps, frames: f, notes: notes[clicks]!, source }
      frame += f
      return step
    })
    slides.push({ no: slide.no, title: slide.title, file: slide.file, start: start / opts.fps, duration: (frame - start) / opts.fps, steps: planned })
  }
  return { fps: opts.fps, slides, steps: slides.flatMap(s => s.steps), totalFrames: frame, total: frame / opts.fps, extended }
}

/** 1234.5 -> "20:34" (or "1:02:03" from an hour on). */
export function clock(seconds: number): string {
  const s = Math.floor(seconds)
  const hh = Math.floor(s / 3600)
  const mm = Math.floor((s % 3600) / 60)
  const ss = String(s % 60).padStart(2, '0')
  return hh ? `${hh}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`
}
