/**
 * `slidev-pipeline storyboard [slides.md]`: one page per slide with every click
 * step of it side by side (click 0, click 1, …), from the stills the video is made of.
 */
import type { Command } from './command.ts'
import { print } from '../support/command.ts'
import { ENTRY_OPTION, FORCE_OPTION, pipelineFlags } from './command.ts'

export const storyboard: Command = {
  name: 'storyboard',
  summary: 'one page per slide with every click step side by side (exports/<name>-storyboard.pdf)',
  entry: true,
  options: {
    ...ENTRY_OPTION,
    output: { type: 'string', value: 'FILE', description: 'where to write instead of exports/' },
    dark: { type: 'boolean', description: 'the dark colour scheme' },
    ...FORCE_OPTION,
  },
  async run(values, entry) {
    const { runPipeline } = await import('../pipeline.ts')
    const result = await runPipeline({ ...pipelineFlags(values, entry, 'storyboard'), artifacts: ['storyboard'] })
    print(`done in ${result.seconds.toFixed(1)} s`)
  },
}
