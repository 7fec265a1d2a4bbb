/**
 * `slidev-pipeline all [slides.md]`: every artifact from one build and one
 * Chromium: slides PDF, PNGs, handout and video (+ captions, chapters, thumbnail) in exports/.
 */
import type { Command } from './command.ts'
import { print } from '../support/command.ts'
import { ENTRY_OPTION, FORCE_OPTION, pipelineFlags, REMOTE_OPTION } from './command.ts'

export const all: Command = {
  name: 'all',
  summary: 'slides PDF, PNGs, handout and video from one build and one Chromium',
  entry: true,
  options: {
    ...ENTRY_OPTION,
    audio: { type: 'string', value: 'FILE', description: 'the video\'s sound track (replaces the recordings in narration/)' },
    ...FORCE_OPTION,
    ...REMOTE_OPTION,
  },
  async run(values, entry) {
    const { runPipeline } = await import('../pipeline.ts')
    const result = await runPipeline({ ...pipelineFlags(values, entry), audio: values.audio as string | undefined, artifacts: ['pdf', 'png', 'handout', 'video'] })
    print(`all artifacts in ${result.seconds.toFixed(1)} s (${result.stages.map(s => `${s.stage} ${s.seconds.toFixed(1)} s`).join(', ')})`)
  },
}
