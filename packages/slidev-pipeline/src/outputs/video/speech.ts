/**
 * What the timing plan and the captions need to know of a narration, and
 * nothing more: how long each click step's sound lasts, and where each of its
 * sentences is spoken. The narration (src/outputs/narration/) measures it;
 * the plan (timing.ts) and the captions (captions.ts) read it. Types only.
 */

/** A stretch of a step's text (its speakable notes) and when it is heard, in seconds. */
export interface Span {
  from: number
  to: number
  start: number
  end: number
}

export type StepSound
  = | { kind: 'silent' }
    /** `spans`: each sentence, timed from the start of its step. */
    | { kind: 'voice', seconds: number, spans: Span[] }
    | { kind: 'recording', seconds: number }

export interface Speech {
  /** One per click step, in the order of clickSteps() (timing.ts). */
  steps: StepSound[]
  /** Slides spoken by one recording for all their steps: slide number -> its seconds (their steps are then 'silent'). */
  slides: Map<number, number>
}
