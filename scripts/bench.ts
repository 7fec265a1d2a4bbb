/**
 * `npm run bench`: every artifact timed cold (fresh build) and warm (build
 * reused), the floor (Chromium printing the built print page) and the ratios.
 * `--narration`: what the offline voice adds to the video, uncached and cached.
 *
 *   tsx scripts/bench.ts [--entry slides.md] [--runs 3] [--narration]
 */
import { parseArgs } from 'node:util'
import { bench, benchNarration } from './lib/bench'
import { print, runCommand } from './lib/command'

const { values } = parseArgs({ options: { entry: { type: 'string' }, runs: { type: 'string' }, narration: { type: 'boolean' } } })
const options = { entry: values.entry, runs: values.runs ? Number(values.runs) : undefined, log: print }

await runCommand(() => values.narration ? benchNarration(options) : bench(options))
