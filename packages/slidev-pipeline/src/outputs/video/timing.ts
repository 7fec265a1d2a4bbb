import type { Deck, DeckSlide } from '../../support/deck'
/**
 * How long every slide and click step stays on screen. Pure: the deck's
 * notes and frontmatter plus the number of clicks per slide in, a plan out.
 *
 * Per slide, in this order:
 *   durations: [s0, s1, ...]  seconds for each click step (one entry per step)
 *   duration: s               seconds for the whole slide, split over its steps
 *                             in proportion to their spoken length
 *   neither                   each step's notes at `wpm` words per minute,
 *                             never less than `minStep` seconds
 * On the first slide `duration` belongs to Slidev's presenter timer (the
 * headmatter), so only `durations` applies there.
 * Every step lasts a whole number of frames, so the plan's total is exactly
 * the video's length.
 */
import { dirname, relative, resolve } from 'node:path'
import { CLICK_MARK, wordCount } from '../../support/deck'

export interface TimingOptions {
  /** Speaking rate for notes. */
  wpm: number
  /** Shortest time a step stays when it comes from the notes (seconds). */
  minStep: number
  fps: number
}

export const defaultTiming: TimingOptions = { wpm: 150, minStep: 3, fps: 30 }

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

export interface TimingPlan {
  fps: number
  slides: PlannedSlide[]
  steps: PlannedStep[]
  totalFrames: number
  /** Seconds. */
  total: number
}

export class TimingError extends Error {
  constructor(deck: Deck, slide: DeckSlide, problem: string) {
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
function overrides(deck: Deck, slide: DeckSlide, steps: number): { seconds: number[], source: 'durations' } | { total: number, source: 'duration' } | undefined {
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

/**
 * The plan for the whole deck. `clicks[i]` is the number of clicks on slide
 * i + 1 (so it has clicks + 1 steps).
 */
export function planTiming(deck: Deck, clicks: number[], options: Partial<TimingOptions> = {}): TimingPlan {
  const opts = { ...defaultTiming, ...options }
  if (clicks.length !== deck.slides.length)
    throw new Error(`click counts for ${clicks.length} slides, but the deck has ${deck.slides.length}`)
  const slides: PlannedSlide[] = []
  let frame = 0
  for (const slide of deck.slides) {
    const steps = clicks[slide.no - 1]! + 1
    const notes = notesForSteps(slide.notes, steps)
    const spoken = notes.map(n => spokenSeconds(n, opts))
    const set = overrides(deck, slide, steps)
    let seconds = spoken
    if (set?.source === 'durations')
      seconds = set.seconds
    else if (set?.source === 'duration')
      seconds = spoken.map(s => s / spoken.reduce((a, b) => a + b, 0) * set.total)
    const frames = toFrames(seconds, opts.fps)
    const start = frame
    const planned = frames.map((f, clicks) => {
      const step: PlannedStep = {
        slide: slide.no,
        clicks,
        start: frame / opts.fps,
        duration: f / opts.fps,
        frames: f,
        notes: notes[clicks]!,
        source: set?.source ?? 'notes',
      }
      frame += f
      return step
    })
    slides.push({ no: slide.no, title: slide.title, file: slide.file, start: start / opts.fps, duration: (frame - start) / opts.fps, steps: planned })
  }
  return { fps: opts.fps, slides, steps: slides.flatMap(s => s.steps), totalFrames: frame, total: frame / opts.fps }
}

/** 1234.5 -> "20:34" (or "1:02:03" from an hour on). */
export function clock(seconds: number): string {
  const s = Math.floor(seconds)
  const hh = Math.floor(s / 3600)
  const mm = Math.floor((s % 3600) / 60)
  const ss = String(s % 60).padStart(2, '0')
  return hh ? `${hh}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`
}
