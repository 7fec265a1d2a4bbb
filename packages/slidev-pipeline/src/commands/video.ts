/**
 * `slidev-pipeline video [slides.md]`: the talk as a captioned 1080p MP4 with
 * chapters. Writes to exports/: <name>.mp4, .vtt, -chapters.txt, -thumbnail.png
 *
 * --voice speaks the notes with an offline voice (Festival, or espeak-ng);
 * recordings in narration/ (07.m4a, 07-2.m4a) replace it for their slide or step.
 * --plan prints the timing per slide and the total, without rendering.
 * --script writes exports/<name>-narration-script.md (text and target length per slide and step).
 * --recording DIR renders the talk as given (present --record's folder) to
 * exports/<name>-talk.mp4 (and .vtt, chapters, thumbnail), and writes the
 * rehearsal report (rehearsal.txt) into that folder.
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
    audio: { type: 'string', value: 'FILE', description: 'one sound track for the whole video (replaces the recordings); with --recording, a better recording of the talk, aligned to it' },
    recording: { type: 'string', value: 'DIR', description: 'the talk as given: a folder of `present --record` (recording.webm, log.jsonl) → exports/<name>-talk.mp4' },
    captions: { type: 'string', value: 'FILE', description: 'with --recording: your captions, a .vtt used as is or a plain transcript (.txt) timed to the sound (default: automatic, pocketsphinx)' },
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
    const recordingDir = values.recording as string | undefined
    if (values.captions && !recordingDir)
      throw new Error('--captions is for a recorded talk: give its folder with --recording DIR')
    const result = await runPipeline({
      ...pipelineFlags(values, entry),
      ...(recordingDir
        ? { recording: { dir: recordingDir, audio: values.audio as string | undefined, captions: values.captions as string | undefined } }
        : { audio: values.audio as string | undefined }),
      voice: values.voice as boolean | undefined,
      narrationDir: values.narration as string | undefined,
      planOnly: Boolean(values.plan || values.script),
      artifacts: ['video'],
    })
    const { plan, length } = result.video!
    if (recordingDir) {
      const [{ reportRehearsal }, { planTiming }] = await Promise.all([import('../outputs/recording/recording.ts'), import('../outputs/video/timing.ts')])
      const clicks = result.clicks!
      const { file, report } = await reportRehearsal(result.recording!.opened, result.deck, clicks, planTiming(result.deck, clicks))
      print(`Rehearsal: ${clock(report.spent)} spoken against ${clock(report.planned)} planned; ${report.long.length ? `ran long on slide${report.long.length === 1 ? '' : 's'} ${report.long.map(s => s.no).join(', ')}` : 'no slide ran long'} (${file})`)
      print(`Video of the talk: ${clock(length)}, ${plan.steps.length} steps shown, ${result.video!.chapters.length} chapters`)
      print(`done in ${result.seconds.toFixed(1)} s`)
      return
    }
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
