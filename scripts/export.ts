/**
 * `npm run export[:png|:pptx]`: the slides PDF, one PNG per slide, or PowerPoint.
 *
 *   tsx scripts/export.ts pdf|png|pptx [--entry slides.md] [--output FILE] [--dark]
 */
import { parseArgs } from 'node:util'
import { print, runCommand } from './lib/command'
import { runPipeline } from './lib/pipeline'
import { exportPptx } from './lib/pptx'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { entry: { type: 'string' }, output: { type: 'string' }, dark: { type: 'boolean' } },
})
const format = positionals[0] ?? 'pdf'

await runCommand(async () => {
  if (format === 'pptx')
    return print(`wrote ${await exportPptx(values)}`)
  if (format !== 'pdf' && format !== 'png')
    throw new Error(`Unknown format "${format}": use pdf, png or pptx`)
  const result = await runPipeline({ entry: values.entry, artifacts: [format], outputs: values.output ? { [format]: values.output } : {}, dark: values.dark, log: print })
  print(`done in ${result.seconds.toFixed(1)} s`)
})
