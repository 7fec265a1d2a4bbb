import type { Span, Speech } from './speech.ts'
import type { PlannedStep, TimingPlan } from './timing.ts'
/**
 * Captions and chapters from the timing plan. Pure text in, text out.
 *
 * Captions: each step's notes, as plain text, cut into cues of at most two
 * lines of about 42 characters (sentence ends start a new cue). In a silent
 * video they are shown one after the other over the step in proportion to
 * their length. In a narrated one each is timed from where its words are
 * spoken: a span ties a stretch of the step's text to a stretch of audio
 * (one per synthesized sentence, or one for a whole recording or a silent
 * step), and inside a span time runs in proportion to the characters.
 */
import { speakable } from '../../support/deck.ts'
import { clock } from './timing.ts'

export interface CaptionOptions { lineLength: number, lines: number }
export const defaultCaptions: CaptionOptions = { lineLength: 42, lines: 2 }

export interface Cue { start: number, end: number, text: string }
export interface Chapter { start: number, end: number, title: string }

/** Words of one sentence wrapped into lines of at most `width` characters (longer words are cut). */
function wrap(sentence: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (let word of sentence.split(' ').filter(Boolean)) {
    while (word.length > width) {
      if (line)
        lines.push(line)
      lines.push(word.slice(0, width))
      line = ''
      word = word.slice(width)
    }
    if (!line) {
      line = word
    }
    else if (line.length + 1 + word.length <= width) {
      line += ` ${word}`
    }
    else {
      lines.push(line)
      line = word
    }
  }
  if (line)
    lines.push(line)
  return lines
}

/**
 * Plain text into cue texts (lines joined with "\n"). A sentence that fits
 * into the space left in the current cue joins it; otherwise it starts a new one.
 */
export function splitCaption(text: string, options: CaptionOptions = defaultCaptions): string[] {
  const sentences = text.replace(/\s+/g, ' ').trim().split(/(?<=[.!?:;]["”’)]*) /)
  const cues: string[][] = []
  let current: string[] = []
  for (const sentence of sentences.filter(Boolean)) {
    const lines = wrap(sentence, options.lineLength)
    if (current.length && current.length + lines.length > options.lines) {
      cues.push(current)
      current = []
    }
    for (const line of lines) {
      if (current.length === options.lines) {
        cues.push(current)
        current = []
      }
      current.push(line)
    }
  }
  if (current.length)
    cues.push(current)
  return cues.map(c => balance(c, options.lineLength).join('\n'))
}

/**
 * Two lines made about even (no lone word on the second line), preferring a
 * break after a comma or other clause mark.
 */
function balance(lines: string[], width: number): string[] {
  if (lines.length !== 2)
    return lines
  const text = lines.join(' ')
  const cost = (pair: string[]) => Math.max(...pair.map(l => l.length)) - (/[,;:]$/.test(pair[0]!) ? 10 : 0)
  let best = lines
  for (let at = text.indexOf(' '); at > 0; at = text.indexOf(' ', at + 1)) {
    const pair = [text.slice(0, at), text.slice(at + 1)]
    if (pair.every(l => l.length <= width) && cost(pair) < cost(best))
      best = pair
  }
  return best
}

/** Cues for every step that has notes, timed inside that step: by the speech when the video is narrated. */
export function captionCues(plan: TimingPlan, speech?: Speech, options: CaptionOptions = defaultCaptions): Cue[] {
  if (speech)
    return speechCues(plan.steps.map((step, i) => spokenStep(plan, step, speech, i)), options)
  const cues: Cue[] = []
  for (const step of plan.steps) {
    const texts = splitCaption(speakable(step.notes), options)
    const weight = texts.reduce((sum, t) => sum + t.length, 0)
    let at = step.start
    for (const text of texts) {
      const end = at + step.duration * text.length / weight
      cues.push({ start: at, end, text })
      at = end
    }
    if (cues.length && texts.length)
      cues.at(-1)!.end = step.start + step.duration
  }
  return cues
}

export interface SpokenStep {
  /** Plain text of the step's notes, as in the captions (speakable()). */
  text: string
  /** Seconds from the start of the video. */
  spans: Span[]
}

/** Where the plan puts step `i`'s sound: its spans in video time, none past the step's end. */
function spokenStep(plan: TimingPlan, step: PlannedStep, speech: Speech, i: number): SpokenStep {
  const text = speakable(step.notes)
  const sound = speech.steps[i]!
  const end = step.start + step.duration
  const slideRecording = speech.slides.get(step.slide)
  let spans: Span[] = [{ from: 0, to: text.length, start: step.start, end }]
  if (sound.kind === 'voice')
    spans = sound.spans.map(s => ({ ...s, start: step.start + s.start, end: Math.min(step.start + s.end, end) }))
  else if (sound.kind === 'recording')
    spans[0]!.end = Math.min(end, step.start + sound.seconds)
  else if (slideRecording !== undefined)
    spans[0]!.end = Math.min(end, plan.slides.find(s => s.no === step.slide)!.start + slideRecording)
  return { text, spans: spans.filter(x => x.end > x.start || x.to === x.from) }
}

/** When the character at `pos` is spoken: a cue starts at the next span, ends at the last. */
export function timeAt(spans: Span[], pos: number, edge: 'start' | 'end'): number {
  const spoken = spans.filter(s => s.to > s.from)
  const inside = (s: Span) => s.start + (s.end - s.start) * (pos - s.from) / (s.to - s.from)
  if (edge === 'start') {
    const next = spoken.find(s => s.to > pos) ?? spoken.at(-1)!
    return pos <= next.from ? next.start : inside(next)
  }
  const last = spoken.findLast(s => s.from < pos) ?? spoken[0]!
  return pos >= last.to ? last.end : inside(last)
}

/** The same cue texts as the silent video (splitCaption), each timed from where its words are spoken. */
export function speechCues(steps: SpokenStep[], options: CaptionOptions = defaultCaptions): Cue[] {
  const cues: Cue[] = []
  for (const step of steps) {
    if (!step.spans.some(s => s.to > s.from))
      continue
    let cursor = 0
    for (const text of splitCaption(step.text, options)) {
      const flat = text.replace(/\n/g, ' ')
      const found = step.text.indexOf(flat, cursor)
      const from = found < 0 ? cursor : found
      const to = from + flat.length
      cursor = to
      const start = Math.max(timeAt(step.spans, from, 'start'), cues.at(-1)?.end ?? 0)
      // A cue squeezed to nothing (only possible with odd spans) still shows briefly.
      cues.push({ start, end: Math.max(timeAt(step.spans, to, 'end'), start + 0.04), text })
    }
  }
  return cues
}

/** 83.5 -> "00:01:23.500" */
export function vttTime(seconds: number): string {
  const ms = Math.round(seconds * 1000)
  const pad = (n: number, w = 2) => String(n).padStart(w, '0')
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}.${pad(ms % 1000, 3)}`
}

export function toWebVTT(cues: Cue[]): string {
  return `WEBVTT\n\n${cues.map((c, i) => `${i + 1}\n${vttTime(c.start)} --> ${vttTime(c.end)}\n${c.text}\n`).join('\n')}`
}

/**
 * One chapter per titled slide, running until the next titled slide. The first
 * chapter starts at 0:00 (video sites require it), even if untitled slides come first.
 */
export function chapters(plan: TimingPlan): Chapter[] {
  const titled = plan.slides.filter(s => s.title.trim())
  return titled.map((s, i) => ({
    start: i === 0 ? 0 : s.start,
    end: titled[i + 1]?.start ?? plan.total,
    title: s.title.trim(),
  }))
}

/** "0:00 Title" lines, ready for a video description. */
export function chapterText(list: Chapter[]): string {
  return list.map(c => `${clock(c.start)} ${c.title}\n`).join('')
}

const escapeMeta = (s: string) => s.replace(/[=;#\\\n]/g, c => `\\${c}`)

/** FFmpeg's metadata file: the title, the speaker (as `artist`, only when one is set) and chapters in milliseconds. */
export function ffmetadata(title: string, list: Chapter[], speaker?: string): string {
  return [
    ';FFMETADATA1',
    `title=${escapeMeta(title)}`,
    ...(speaker ? [`artist=${escapeMeta(speaker)}`] : []),
    ...list.flatMap(c => ['', '[CHAPTER]', 'TIMEBASE=1/1000', `START=${Math.round(c.start * 1000)}`, `END=${Math.round(c.end * 1000)}`, `title=${escapeMeta(c.title)}`]),
    '',
  ].join('\n')
}
