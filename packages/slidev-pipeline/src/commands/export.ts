/**
 * `slidev-pipeline export|png|pptx [slides.md]`: the slides PDF, one PNG per
 * slide, or PowerPoint.
 *
 * --force writes even when a check finds a problem, and prints the problems as warnings.
 * --allow-remote lets the deck load files from the network (remote images are no problem, pages not kept offline).
 */
import type { Command } from './command.ts'
import { print } from '../support/command.ts'
import { ENTRY_OPTION, FORCE_OPTION, pipelineFlags, REMOTE_OPTION } from './command.ts'

const FORMATS = {
  export: { format: 'pdf', summary: 'the slides as a PDF (exports/<name>.pdf), behind the quality gate', output: 'FILE' },
  png: { format: 'png', summary: 'one PNG per slide (exports/<name>-png/)', output: 'DIR' },
  pptx: { format: 'pptx', summary: 'PowerPoint, one picture per slide with its notes (exports/<name>.pptx)', output: 'FILE' },
} as const

function exportCommand(name: keyof typeof FORMATS): Command {
  const { format, summary, output } = FORMATS[name]
  return {
    name,
    summary,
    entry: true,
    options: {
      ...ENTRY_OPTION,
      output: { type: 'string', value: output, description: 'where to write instead of exports/' },
      dark: { type: 'boolean', description: 'the dark colour scheme (names end in -dark; the light export stays)' },
      ...FORCE_OPTION,
      ...REMOTE_OPTION,
    },
    async run(values, entry) {
      const { runPipeline } = await import('../pipeline.ts')
      const result = await runPipeline({ ...pipelineFlags(values, entry, format), artifacts: [format] })
      print(`done in ${result.seconds.toFixed(1)} s`)
    },
  }
}

export const exportPdf = exportCommand('export')
export const exportPng = exportCommand('png')
export const exportPptx = exportCommand('pptx')
