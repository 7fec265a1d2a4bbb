/**
 * `npm run video`: the talk as a captioned 1080p MP4 with chapters. Writes
 * to exports/: azure-linux-explained.mp4, .vtt, -chapters.txt, -thumbnail.png
 *
 *   tsx scripts/video.ts [--voice] [--audio narration.m4a] [--plan] [--script] [--entry slides.md] [--narration dir] [--force] [--allow-remote]
 *
 * --voice speaks the notes with an offline voice (Festival, or espeak-ng);
 * recordings in narration/ (07.m4a, 07-2.m4a) replace it for their slide or step.
 * --plan prints the timing per slide and the total, without rendering.
 * --script writes exports/azure-linux-explained-narration-script.md (text and target length per slide and step).
 */
import { parseArgs } from 'node:util'
import { writeFileAtomically } from './lib/atomic'
import { print, runCommand } from './lib/command'
import { narrationScript } from './lib/narration/script'
import { runPipeline } from './lib/pipeline'
import { talkLengthProblem } from './lib/video/talk-length'
import { clock } from './lib/video/timing'

const { values } = parseArgs({ options: { 'audio': { type: 'string' }, 'plan': { type: 'boolean' }, 'entry': { type: 'string' }, 'voice': { type: 'boolean' }, 'script': { type: 'boolean' }, 'narration': { type: 'string' }, 'force': { type: 'boolean' }, 'allow-remote': { type: 'boolean' } } })

await runCommand(async () => {
  const result = await runPipeline({
    entry: values.entry,
    audio: values.audio,
    voice: values.voice,
    narrationDir: values.narration,
    planOnly: values.plan || values.script,
    artifacts: ['video'],
    force: values.force, allowRemote: values['allow-remote'],
    log: print,
  })
  const { plan, length } = result.video!
  if (values.plan) {
    for (const slide of plan.slides)
      print(`${clock(slide.start).padStart(6)}  ${String(slide.no).padStart(2)}  ${slide.steps.map(s => s.duration.toFixed(1)).join(' + ')} s  ${slide.title}`)
  }
  if (values.script) {
    const file = result.paths.video.replace(/\.mp4$/, '-narration-script.md')
    await writeFileAtomically(file, narrationScript(plan, String(result.deck.headmatter.title ?? plan.slides[0]?.title ?? 'Narration')))
    print(`  wrote ${file}`)
  }
  print(`Timing: ${clock(plan.total)} (${plan.total.toFixed(1)} s) for ${plan.slides.length} slides and ${plan.steps.length} click steps`)
  const problem = talkLengthProblem(result.deck, plan.total)
  if (problem)
    print(`  ${problem}`)
  if (length > plan.total)
    print(`  held on the last slide to ${clock(length)} to cover the audio`)
  print(`done in ${result.seconds.toFixed(1)} s`)
})
