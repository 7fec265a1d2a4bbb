/**
 * `npm run export[:png|:pptx]`: the slides PDF, one PNG per slide, or PowerPoint.
 *
 *   tsx scripts/export.ts pdf|png|pptx [--entry slides.md] [--output FILE] [--dark] [--force] [--allow-remote]
 *
 * --force writes even when a check finds a problem, and prints the problems as warnings.
 * --allow-remote lets the deck load files from the network (remote images are no problem, pages not kept offline).
 */
import { parseArgs } from 'node:util'
import { print, runCommand } from './lib/command'
import { runPipeline } from './lib/pipeline'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'entry': { type: 'string' }, 'output': { type: 'string' }, 'dark': { type: 'boolean' }, 'force': { type: 'boolean' }, 'allow-remote': { type: 'boolean' } },
})
const format = positionals[0] ?? 'pdf'

await runCommand(async () => {
  if (format !== 'pdf' && format !== 'png' && format !== 'pptx')
    throw new Error(`Unknown format "${format}": use pdf, png or pptx`)
  const result = await runPipeline({ entry: values.entry, artifacts: [format], outputs: values.output ? { [format]: values.output } : {}, dark: values.dark, force: values.force, allowRemote: values['allow-remote'], log: print })
  print(`done in ${result.seconds.toFixed(1)} s`)
})
