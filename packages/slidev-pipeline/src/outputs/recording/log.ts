import type { Deck } from '../../support/deck.ts'
import type { PlannedSlide, PlannedStep, TimingPlan } from '../video/timing.ts'
/**
 * A recorded talk's log (`log.jsonl` beside `recording.webm`, written by
 * `present --record`): what was on screen when, on the recording's clock.
 * Pure: text in, checked entries and a timing plan out.
 *
 *   {"type":"start","version":1,"deck":"slides.md","title":…,"slides":12,"mimeType":…,"startedAt":…,"camera":false}
 *   {"type":"slide","t":0,"slide":1,"click":0}      the initial position and every change
 *   {"type":"pause","t":…} {"type":"resume","t":…}  a break (t, media time, does not advance while paused)
 *   {"type":"stop","t":…,"reason":"control"|"server"}   missing after a crash: the audio's end is the end
 *   {"type":"levels","t":…,"at":[…],"db":[…]}     the microphone's level per frame (about 10 ms), in whole dB, at
 *                                                 the media time it was captured: where the file's sound sits
 *                                                 against this clock is measured from them (levels.ts)
 *
 * The plan it makes is the same TimingPlan the narrated video follows, so the
 * encoder, the chapters and the captions take it unchanged: each step lasts
 * from its logged time to the next entry's, in whole frames counted from the
 * start (rounded on the running position, so rounding never accumulates), and
 * its "slides" are the visits: one run of steps on the same slide, so a slide
 * shown twice is two chapters, each at the time it was shown.
 */
import { basename, dirname, relative } from 'node:path'

export interface LogStart { type: 'start', version: number, deck: string, title?: string, slides: number, mimeType?: string, startedAt?: string, camera?: boolean }
export interface LogStep { type: 'slide', t: number, slide: number, click: number }
export interface LogMark { type: 'pause' | 'resume' | 'stop', t: number, reason?: string }
export type LogEntry = LogStep | LogMark

/** The microphone's level, frame by frame: media time of its capture (ms; can be below 0) and whole dB. */
export interface Levels { at: number[], db: number[] }

export interface RecordingLog {
  start: LogStart
  entries: LogEntry[]
  levels: Levels
  steps: LogStep[]
  /** Media time of the stop, in seconds; undefined when the recording was cut short (no stop). */
  stop?: number
  /** The last time the log knows of, in seconds. */
  last: number
}

export class RecordingError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'RecordingError'
  }
}

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0

/** log.jsonl's text, checked line by line; `file` names it in errors. A torn last line (a crash mid-write) is dropped. */
export function parseLog(text: string, file: string): RecordingLog {
  const lines = text.split('\n')
  const entries: LogEntry[] = []
  const levels: Levels = { at: [], db: [] }
  let start: LogStart | undefined
  lines.forEach((line, i) => {
    if (!line.trim())
      return
    let entry: Record<string, unknown>
    try {
      entry = JSON.parse(line)
    }
    catch {
      // Only the last line may be half-written: the recorder was stopped while appending it.
      if (lines.slice(i + 1).every(l => !l.trim()))
        return
      throw new RecordingError(`${file}:${i + 1}: not a JSON object: ${line.slice(0, 80)}`)
    }
    const where = `${file}:${i + 1}`
    if (!start) {
      if (entry.type !== 'start' || typeof entry.deck !== 'string' || !Number.isInteger(entry.slides))
        throw new RecordingError(`${where}: the first line must be the start entry ({"type":"start","version":1,"deck":…,"slides":…}), got ${line.slice(0, 80)}`)
      if (entry.version !== 1)
        throw new RecordingError(`${where}: log version ${String(entry.version)}; this toolkit reads version 1`)
      start = entry as unknown as LogStart
      return
    }
    if (!isTime(entry.t))
      throw new RecordingError(`${where}: no media time "t" in ${line.slice(0, 80)}`)
    if (entry.type === 'slide') {
      if (!Number.isInteger(entry.slide) || (entry.slide as number) < 1 || !Number.isInteger(entry.click) || (entry.click as number) < 0)
        throw new RecordingError(`${where}: a slide entry needs "slide" (from 1) and "click" (from 0): ${line.slice(0, 80)}`)
      entries.push({ type: 'slide', t: entry.t, slide: entry.slide as number, click: entry.click as number })
    }
    else if (entry.type === 'pause' || entry.type === 'resume' || entry.type === 'stop') {
      entries.push({ type: entry.type, t: entry.t, ...(typeof entry.reason === 'string' ? { reason: entry.reason } : {}) })
    }
    else if (entry.type === 'levels' && Array.isArray(entry.at) && Array.isArray(entry.db) && entry.at.length === entry.db.length) {
      levels.at.push(...(entry.at as number[]))
      levels.db.push(...(entry.db as number[]))
      return
    }
    // Other types are a later recorder's: skipped, so an older toolkit still renders the talk.
    if (entries.length > 1 && entries.at(-1)!.t < entries.at(-2)!.t)
      throw new RecordingError(`${where}: time goes backwards (${entries.at(-1)!.t} ms after ${entries.at(-2)!.t} ms)`)
  })
  if (!start)
    throw new RecordingError(`${file} is empty: no start entry`)
  const steps = entries.filter((e): e is LogStep => e.type === 'slide')
  if (!steps.length)
    throw new RecordingError(`${file} has no slide entry: nothing says what was on screen`)
  const stop = entries.find(e => e.type === 'stop')
  return { start, entries, steps, levels, stop: stop && stop.t / 1000, last: Math.max(...entries.map(e => e.t)) / 1000 }
}

/** The log with every time moved by `ms`, or by `ms(t)` (where its clock sits in the file: levels.ts), none below 0. */
export function shiftLog(log: RecordingLog, ms: number | ((t: number) => number)): RecordingLog {
  const by = typeof ms === 'number' ? () => ms : ms
  const move = <T extends LogEntry>(e: T): T => ({ ...e, t: Math.max(0, Math.round(e.t + by(e.t))) })
  const entries = log.entries.map(move)
  const stop = entries.find(e => e.type === 'stop')
  return { ...log, entries, steps: entries.filter((e): e is LogStep => e.type === 'slide'), stop: stop && stop.t / 1000, last: Math.max(...entries.map(e => e.t)) / 1000 }
}

/** The log's `deck` is the entry relative to the deck's folder: the same deck, or an error naming both. */
export function checkLogDeck(log: RecordingLog, deck: Deck, logFile: string) {
  const entry = relative(dirname(deck.entry), deck.entry)
  const same = log.start.deck === entry || basename(log.start.deck) === basename(entry)
  if (!same || log.start.slides !== deck.slides.length) {
    throw new RecordingError(`${logFile} was recorded from another deck: it names ${log.start.deck} with ${log.start.slides} slides${log.start.title ? ` ("${log.start.title}")` : ''}, this is ${entry} with ${deck.slides.length} slides`)
  }
  const beyond = log.steps.find(s => s.slide > deck.slides.length)
  if (beyond)
    throw new RecordingError(`${logFile}: slide ${beyond.slide} at ${(beyond.t / 1000).toFixed(1)} s, but the deck has ${deck.slides.length} slides`)
}

/**
 * The video's timing plan from the log: `clicks[i]` is the click count of
 * slide i + 1 as captured (a logged click past it shows the slide's last
 * step), `length` the audio's length in seconds: the video's.
 */
export function planFromLog(log: RecordingLog, deck: Deck, clicks: number[], length: number, fps = 30): { plan: TimingPlan, clamped: LogStep[] } {
  const clamped: LogStep[] = []
  // Consecutive entries that show the same step are one step.
  const shown: LogStep[] = []
  for (const step of log.steps) {
    const max = clicks[step.slide - 1] ?? 0
    const click = Math.min(step.click, max)
    if (click !== step.click)
      clamped.push(step)
    const last = shown.at(-1)
    if (last && last.slide === step.slide && last.click === click)
      continue
    if (last && last.t === step.t)
      shown.pop()
    shown.push({ ...step, click })
  }
  const totalFrames = Math.max(1, Math.round(length * fps))
  // The first step is on screen from the start, whatever its logged time.
  const starts = shown.map((s, i) => i === 0 ? 0 : Math.min(totalFrames, Math.round(s.t / 1000 * fps)))
  const steps: PlannedStep[] = []
  shown.forEach((s, i) => {
    const end = i + 1 < shown.length ? starts[i + 1]! : totalFrames
    const frames = end - starts[i]!
    if (frames <= 0)
      return
    steps.push({ slide: s.slide, clicks: s.click, start: starts[i]! / fps, duration: frames / fps, frames, notes: '', source: 'notes' })
  })
  const slides: PlannedSlide[] = []
  for (const step of steps) {
    const visit = slides.at(-1)
    if (visit && visit.no === step.slide) {
      visit.steps.push(step)
      visit.duration = step.start + step.duration - visit.start
      continue
    }
    const slide = deck.slides[step.slide - 1]!
    slides.push({ no: step.slide, title: slide.title, file: slide.file, start: step.start, duration: step.duration, steps: [step] })
  }
  return { plan: { fps, slides, steps, totalFrames, total: totalFrames / fps, extended: [] }, clamped }
}

/**
 * Chapters want a slide that was shown, not flicked past: a visit shorter
 * than `min` seconds (paging back to find a slide) is folded into the visit
 * before it, and consecutive visits of one slide are merged.
 */
export function chapterVisits(plan: TimingPlan, min = 5): PlannedSlide[] {
  const kept: PlannedSlide[] = []
  for (const visit of plan.slides) {
    const last = kept.at(-1)
    if (last && (visit.duration < min || last.no === visit.no)) {
      last.duration = visit.start + visit.duration - last.start
      if (last.no === visit.no)
        last.steps.push(...visit.steps)
      continue
    }
    kept.push({ ...visit, steps: [...visit.steps] })
  }
  return kept
}
