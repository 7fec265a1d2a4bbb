/**
 * `slidev-pipeline bench [slides.md]`: every artifact timed cold (fresh build)
 * and warm (build reused), the floor (Chromium printing the built print page)
 * and the ratios. `--narration`: what the offline voice adds to the video, uncached and cached.
 */
import type { Command } from './command'
import { benchNarration, bench as runBench } from '../bench'
import { print } from '../support/command'
import { ENTRY_OPTION } from './command'

export const bench: Command = {
  name: 'bench',
  summary: 'every artifact timed cold and warm, the floor and the ratios',
  entry: true,
  options: {
    ...ENTRY_OPTION,
    runs: { type: 'string', value: 'N', description: 'runs per measurement (default 3)' },
    narration: { type: 'boolean', description: 'what the offline voice adds to the video instead, uncached and cached' },
  },
  async run(values, entry) {
    const runs = values.runs === undefined ? undefined : Number(values.runs)
    const options = { entry, runs, log: print }
    await (values.narration ? benchNarration(options) : runBench(options))
  },
}
