/**
 * The timing plan redone from the narration: a step lasts as long as its
 * speech plus a short pause, a recorded step as long as its recording, a
 * slide with one recording as long as that recording. Frontmatter still wins:
 * `durations`/`duration` longer than the speech pad it with silence; shorter
 * ones are extended so no speech is cut (and reported). Pure: the plan from
 * the notes (src/outputs/video/timing.ts) and the measured lengths in, a plan out.
 */
import type { PlannedSlide, PlannedStep, TimingPlan } from '../video/timing'

export type StepSpeech
  = | { kind: 'silent' }
    | { kind: 'voice', seconds: number }
    | { kind: 'recording', seconds: number }

export interface NarrationTiming {
  /** Silence after a synthesized step's last sentence, before the next click. */
  pause: number
  /** Shortest synthesized step. */
  minSpoken: number
}

export const defaultNarrationTiming: NarrationTiming = { pause: 0.6, minSpoken: 1.5 }

export interface Extended {
  slide: number
  /** Undefined when a whole-slide `duration` or recording was extended. */
  clicks?: number
  set: number
  needed: number
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

/**
 * `speech[i]` belongs to `plan.steps[i]`; `slideRecordings` maps a slide number
 * to the length of its one recording (its steps then share it by their notes).
 */
export function narratedPlan(plan: TimingPlan, speech: StepSpeech[], slideRecordings: Map<number, number> = new Map(), options: Partial<NarrationTiming> = {}): { plan: TimingPlan, extended: Extended[] } {
  const opts = { ...defaultNarrationTiming, ...options }
  if (speech.length !== plan.steps.length)
    throw new Error(`speech for ${speech.length} steps, but the plan has ${plan.steps.length}`)
  const { fps } = plan
  const extended: Extended[] = []
  let index = 0
  const framesPerSlide = plan.slides.map((slide) => {
    const own = speech.slice(index, index += slide.steps.length)
    const source = slide.steps[0]!.source
    const recording = slideRecordings.get(slide.no)
    if (recording !== undefined) {
      const set = source === 'notes' ? 0 : slide.duration
      if (set && recording > set + EPSILON)
        extended.push({ slide: slide.no, set, needed: recording })
      return spread(slide.steps.map(s => s.duration), framesFor(Math.max(recording, set), fps))
    }
    const needed = own.map(s => s.kind === 'voice' ? Math.max(opts.minSpoken, s.seconds + opts.pause) : s.kind === 'recording' ? s.seconds : undefined)
    if (source === 'duration') {
      const base = slide.steps.map((step, i) => needed[i] ?? step.duration)
      const sum = base.reduce((a, b) => a + b, 0)
      if (sum > slide.duration + EPSILON)
        extended.push({ slide: slide.no, set: slide.duration, needed: sum })
      // Each step gets what its speech needs; time left over is shared out in proportion.
      const extra = Math.max(0, slide.duration - sum)
      return base.map(b => framesFor(b + extra * b / sum, fps))
    }
    return slide.steps.map((step, i) => {
      const need = needed[i]
      if (need === undefined)
        return step.frames
      if (source === 'durations') {
        if (need > step.duration + EPSILON)
          extended.push({ slide: slide.no, clicks: step.clicks, set: step.duration, needed: need })
        return Math.max(step.frames, framesFor(need, fps))
      }
      return framesFor(need, fps)
    })
  })

  let frame = 0
  const slides: PlannedSlide[] = plan.slides.map((slide, s) => {
    const start = frame
    const steps: PlannedStep[] = slide.steps.map((step, i) => {
      const frames = framesPerSlide[s]![i]!
      const planned = { ...step, start: frame / fps, duration: frames / fps, frames }
      frame += frames
      return planned
    })
    return { ...slide, start: start / fps, duration: (frame - start) / fps, steps }
  })
  return { plan: { fps, slides, steps: slides.flatMap(s => s.steps), totalFrames: frame, total: frame / fps }, extended }
}
