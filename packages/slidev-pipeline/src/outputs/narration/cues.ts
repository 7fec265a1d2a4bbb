/**
 * Captions that follow the narration: the same cue texts as the silent video
 * (splitCaption), each timed from where its words are spoken. A span ties a
 * stretch of the step's text to a stretch of audio: one per synthesized
 * sentence (its measured length), or one for a whole recording or a silent
 * step. Inside a span time runs in proportion to the characters.
 */
import type { CaptionOptions, Cue } from '../video/captions'
import { defaultCaptions, splitCaption } from '../video/captions'

export interface Span {
  /** Character range in the step's text. */
  from: number
  to: number
  /** Seconds from the start of the video. */
  start: number
  end: number
}

export interface SpokenStep {
  /** Plain text of the step's notes, as in the captions (speakable()). */
  text: string
  spans: Span[]
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
