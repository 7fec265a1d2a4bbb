/**
 * `npm run video`: the talk as a captioned 1080p MP4 with chapters, rendered
 * from the deck (see scripts/video/). Writes to exports/:
 *   azure-linux-explained.mp4, .vtt, -chapters.txt, -thumbnail.png
 *
 *   tsx scripts/video.ts [--voice] [--audio narration.m4a] [--plan] [--script] [--entry slides.md] [--narration dir]
 *
 * --voice speaks the notes with an offline voice (Festival, or espeak-ng);
 * recordings in narration/ (07.m4a, 07-2.m4a) replace it for their slide or step.
 * --plan prints the timing per slide and the total, without rendering.
 * --script writes the narration script (text and target length per slide and step).
 */
import { relative } from 'node:path'
import { statSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { writeAtomically } from './atomic'
import { narrationScript } from './lib/narration/script'
import { artifacts, basename, exportsDir, root } from './paths'
import { renderVideo } from './video/render'
import { clock } from './video/timing'

/** The talk's planned length, in minutes. */
const PLANNED = [20, 25] as const

function progressBar() {
  let lastLabel = ''
  let lastTenth = -1
  return (label: string, done: number, total: number) => {
    const percent = Math.floor(done / total * 100)
    if (process.stdout.isTTY) {
      process.stdout.write(`\r  ${label.padEnd(34)} ${String(percent).padStart(3)} %`)
      if (done >= total)
        process.stdout.write('\n')
      return
    }
    const kind = label.split(' ')[0]!
    if (kind !== lastLabel)
      lastTenth = -1
    lastLabel = kind
    if (Math.floor(percent / 10) > lastTenth) {
      lastTenth = Math.floor(percent / 10)
      console.log(`  ${kind} ${percent} %`)
    }
  }
}

const { values } = parseArgs({
  options: { audio: { type: 'string' }, plan: { type: 'boolean' }, entry: { type: 'string' }, voice: { type: 'boolean' }, script: { type: 'boolean' }, narration: { type: 'string' } },
})
try {
  const result = await renderVideo({
    entry: values.entry,
    audio: values.audio,
    voice: values.voice,
    narrationDir: values.narration,
    planOnly: values.plan || values.script,
    log: line => console.log(line),
    progress: progressBar(),
  })
  const { plan } = result
  if (values.script) {
    const file = join(exportsDir, `${basename}-narration-script.md`)
    await writeAtomically(file, tmp => writeFile(tmp, narrationScript(plan, String(plan.slides[0]?.title ?? basename))))
    console.log(`Wrote ${relative(root, file)}`)
  }
  if (values.plan) {
    for (const slide of plan.slides)
      console.log(`${clock(slide.start).padStart(6)}  ${String(slide.no).padStart(2)}  ${slide.steps.map(s => s.duration.toFixed(1)).join(' + ')} s  ${slide.title}`)
  }
  const minutes = plan.total / 60
  console.log(`Timing: ${clock(plan.total)} (${plan.total.toFixed(1)} s) for ${plan.slides.length} slides and ${plan.steps.length} click steps`)
  if (minutes < PLANNED[0])
    console.log(`  ${clock(PLANNED[0] * 60 - plan.total)} short of the planned ${PLANNED[0]}–${PLANNED[1]} minutes: lengthen the notes or set durations`)
  else if (minutes > PLANNED[1])
    console.log(`  ${clock(plan.total - PLANNED[1] * 60)} over the planned ${PLANNED[0]}–${PLANNED[1]} minutes`)
  if (result.length > plan.total)
    console.log(`  held on the last slide to ${clock(result.length)} to cover the audio`)
  if (!values.plan && !values.script) {
    for (const file of Object.values(artifacts).filter(f => [artifacts.video, artifacts.captions, artifacts.chapters, artifacts.thumbnail].includes(f)))
      console.log(`Wrote ${relative(root, file)} (${(statSync(file).size / 1e6).toFixed(1)} MB)`)
    console.log(`Rendered in ${result.seconds.toFixed(1)} s`)
  }
}
catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}
