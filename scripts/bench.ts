/**
 * `npm run bench`: every artifact timed cold (fresh build) and warm (build
 * reused), the floor (Chromium printing the built print page) and the ratios.
 *
 *   tsx scripts/bench.ts [--entry slides.md] [--runs 3]
 */
import { parseArgs } from 'node:util'
import { bench } from './lib/bench'
import { print, runCommand } from './lib/command'

const { values } = parseArgs({ options: { entry: { type: 'string' }, runs: { type: 'string' } } })

await runCommand(() => bench({ entry: values.entry, runs: values.runs ? Number(values.runs) : undefined, log: print }))
