import type { TimingPlan } from '../video/timing.ts'
/**
 * The narration script: what to read for each slide and click step, how long
 * it should take and which file to record it into, so a speaker can record
 * the talk slide by slide (narration/07.m4a) or step by step (07-2.m4a).
 */
import { speakable } from '../../support/deck.ts'
import { clock } from '../video/timing.ts'
import { recordingName } from './recordings.ts'

const length = (seconds: number) => seconds < 60 ? `${seconds.toFixed(0)} s` : `${clock(seconds)} min`

export function narrationScript(plan: TimingPlan, title: string): string {
  const out = [
    `# ${title}: narration script`,
    '',
    `Record each slide into \`narration/NN.m4a\`, or each click step into \`narration/NN-K.m4a\`, then run \`npm run video\` (add \`--voice\` to speak the rest with the offline voice). Target lengths come from the notes at about 150 words a minute or the slide's \`duration\`/\`durations\`; a recording may run longer, and its slide then lasts as long as it. Total: ${length(plan.total)}.`,
    '',
  ]
  for (const slide of plan.slides) {
    out.push(`## Slide ${slide.no}${slide.title ? `: ${slide.title}` : ''}`, '', `\`narration/${recordingName(slide.no)}\`, about ${length(slide.duration)}`, '')
    for (const step of slide.steps) {
      const text = speakable(step.notes)
      if (slide.steps.length > 1)
        out.push(`### Click step ${step.clicks}`, '', `\`narration/${recordingName(slide.no, step.clicks)}\`, about ${length(step.duration)}`, '')
      out.push(text ? `> ${text}` : '_(nothing to say: a pause)_', '')
    }
  }
  return out.join('\n')
}
