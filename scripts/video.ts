/**
 * `npm run video`: the talk as a captioned 1080p MP4 with chapters. Writes
 * to exports/: azure-linux-explained.mp4, .vtt, -chapters.txt, -thumbnail.png
 *
 *   tsx scripts/video.ts [--audio narration.m4a] [--plan] [--entry slides.md] [--force]
 *
 * --plan prints the timing per slide and the total, without rendering.
 */
import { parseArgs } from 'node:util'
import { print, runCommand } from './lib/command'
import { runPipeline } from './lib/pipeline'
import { talkLengthProblem } from './lib/video/talk-length'
import { clock } from './lib/video/timing'

const { values } = parseArgs({ options: { audio: { type: 'string' }, plan: { type: 'boolean' }, entry: { type: 'string' }, force: { type: 'boolean' } } })

await runCommand(async () => {
  const result = await runPipeline({ entry: values.entry, audio: values.audio, planOnly: values.plan, artifacts: ['video'], force: values.force, log: print })
  const { plan, length } = result.video!
  if (values.plan) {
    for (const slide of plan.slides)
      print(`${clock(slide.start).padStart(6)}  ${String(slide.no).padStart(2)}  ${slide.steps.map(s => s.duration.toFixed(1)).join(' + ')} s  ${slide.title}`)
  }
  print(`Timing: ${clock(plan.total)} (${plan.total.toFixed(1)} s) for ${plan.slides.length} slides and ${plan.steps.length} click steps`)
  const problem = talkLengthProblem(result.deck, plan.total)
  if (problem)
    print(`  ${problem}`)
  if (length > plan.total)
    print(`  held on the last slide to ${clock(length)} to cover the audio`)
  print(`done in ${result.seconds.toFixed(1)} s`)
})
