/**
 * `slidev-pipeline video [slides.md]`: the talk as a captioned 1080p MP4 with
 * chapters. Writes to exports/: <name>.mp4, .vtt, -chapters.txt, -thumbnail.png
 *
 * --voice speaks the notes with an offline voice (Festival, or espeak-ng);
 * recordings in narration/ (07.m4a, 07-2.m4a) replace it for their slide or step.
 * --plan prints the timing per slide and the total, without rendering.
 * --script writes exports/<name>-narration-script.md (text and target length per slide and step).
 */
import type { Command } from './command.ts'
import { print } from '../support/command.ts'
import { ENTRY_OPTION, FORCE_OPTION, pipelineFlags, REMOTE_OPTION } from './command.ts'

export const video: Command = {
  name: 'video',
  summary: 'the talk as a captioned 1080p MP4 with chapters, captions and a thumbnail',
  details: 'Recordings in narration/ (07.m4a, 07-2.m4a) are the sound of their slide or click step; --voice speaks the rest.',
  entry: true,
  options: {
    ...ENTRY_OPTION,
    voice: { type: 'boolean', description: 'speak the notes with an offline voice (Festival, or espeak-ng)' },
    audio: { type: 'string', value: 'FILE', description: 'one sound track for the whole video (replaces the recordings)' },
    narration: { type: 'string', value: 'DIR', description: 'where the recordings are (default narration/ beside the entry)' },
    plan: { type: 'boolean', description: 'print the timing per slide and the total, render nothing' },
    script: { type: 'boolean', description: 'write exports/<name>-narration-script.md: text and target length per slide and step' },
    ...FORCE_OPTION,
    ...REMOTE_OPTION,
  },
  async run(values, entry) {
    const [{ runPipeline }, { narrationScript }, { talkLengthProblem }, { clock }, { writeFileAtomically }] = await Promise.all([
      import('../pipeline.ts'),
      import('../outputs/narration/script.ts'),
      import('../outputs/video/talk-length.ts'),
      import('../outputs/video/timing.ts'),
      import('../support/atomic.ts'),
    ])
    const result = await runPipeline({
      ...pipelineFlags(values, entry),
      audio: values.audio as string | undefined,
      voice: values.voice as boolean | undefined,
      narrationDir: values.narration as string | undefined,
      planOnly: Boolean(values.plan || values.script),
      artifacts: ['video'],
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
  },
}
