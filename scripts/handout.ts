/**
 * `npm run handout`: the A4 attendee handout (cover with QR codes, every slide
 * beside its notes, references).
 *
 *   tsx scripts/handout.ts [--entry slides.md] [--slides deck.pdf] [--output FILE] [--force] [--allow-remote]
 *
 * Without --slides the slides are printed from the (cached) build.
 */
import { parseArgs } from 'node:util'
import { print, runCommand } from './lib/command'
import { runPipeline } from './lib/pipeline'

const { values } = parseArgs({ options: { 'entry': { type: 'string' }, 'slides': { type: 'string' }, 'output': { type: 'string' }, 'force': { type: 'boolean' }, 'allow-remote': { type: 'boolean' } } })

await runCommand(async () => {
  const result = await runPipeline({ entry: values.entry, artifacts: ['handout'], slidesPdf: values.slides, outputs: values.output ? { handout: values.output } : {}, force: values.force, allowRemote: values['allow-remote'], log: print })
  if (result.handout?.shrunk.length)
    print(`Notes set smaller to fit one page: slide ${result.handout.shrunk.join(', ')}`)
  print(`done in ${result.seconds.toFixed(1)} s`)
})
