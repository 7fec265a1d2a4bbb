/**
 * `slidev-pipeline storyboard [slides.md]`: one page per slide with every click
 * step of it side by side (click 0, click 1, …), from the stills the video is made of.
 */
import type { Command } from './command.ts'
import { print } from '../support/command.ts'
import { ENTRY_OPTION, FORCE_OPTION } from './command.ts'

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
    const output = values.output as string | undefined
    const result = await runPipeline({ entry, artifacts: ['storyboard'], outputs: output ? { storyboard: output } : {}, dark: values.dark as boolean | undefined, force: values.force as boolean | undefined, log: print })
    print(`done in ${result.seconds.toFixed(1)} s`)
  },
}
