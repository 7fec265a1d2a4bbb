/**
 * `npm run storyboard`: one page per slide with every click step of it side by
 * side (click 0, click 1, …), from the stills the video is made of.
 *
 *   tsx scripts/storyboard.ts [--entry slides.md] [--output FILE] [--dark] [--force]
 */
import { parseArgs } from 'node:util'
import { print, runCommand } from './lib/command'
import { runPipeline } from './lib/pipeline'

const { values } = parseArgs({ options: { entry: { type: 'string' }, output: { type: 'string' }, dark: { type: 'boolean' }, force: { type: 'boolean' } } })

await runCommand(async () => {
  const result = await runPipeline({ entry: values.entry, artifacts: ['storyboard'], outputs: values.output ? { storyboard: values.output } : {}, dark: values.dark, force: values.force, log: print })
  print(`done in ${result.seconds.toFixed(1)} s`)
})
