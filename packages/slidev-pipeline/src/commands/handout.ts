/**
 * `slidev-pipeline handout [slides.md]`: the A4 attendee handout (cover with QR
 * codes, every slide beside its notes, references).
 *
 * Without --slides the slides are printed from the (cached) build.
 */
import type { Command } from './command.ts'
import { print } from '../support/command.ts'
import { ENTRY_OPTION, FORCE_OPTION, pipelineFlags, REMOTE_OPTION } from './command.ts'

export const handout: Command = {
  name: 'handout',
  summary: 'the A4 attendee handout: cover with QR codes, every slide beside its notes, references',
  details: 'Without --slides the slides are printed from the (cached) build.',
  entry: true,
  options: {
    ...ENTRY_OPTION,
    slides: { type: 'string', value: 'PDF', description: 'stamp the slides from this PDF (an earlier export) instead of printing them again' },
    output: { type: 'string', value: 'FILE', description: 'where to write instead of exports/<name>-handout.pdf' },
    ...FORCE_OPTION,
    ...REMOTE_OPTION,
  },
  async run(values, entry) {
    const { runPipeline } = await import('../pipeline.ts')
    const result = await runPipeline({ ...pipelineFlags(values, entry, 'handout'), artifacts: ['handout'], slidesPdf: values.slides as string | undefined })
    if (result.handout?.shrunk.length)
      print(`Notes set smaller to fit one page: slide ${result.handout.shrunk.join(', ')}`)
    print(`done in ${result.seconds.toFixed(1)} s`)
  },
}
