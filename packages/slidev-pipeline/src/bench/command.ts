/**
 * `slidev-pipeline bench [slides.md]`: every artifact timed cold (fresh build)
 * and warm (build reused), the floor (Chromium printing the built print page)
 * and the ratios. `--narration`: what the offline voice adds to the video, uncached and cached.
 * `--slidev`: the slides PDF cold and warm against `slidev export` on the same deck.
 * `--generate N`: the warm slides PDF of a generated N-slide deck and the peak memory.
 */
import type { Command } from '../commands/command.ts'
import { ENTRY_OPTION } from '../commands/command.ts'
import { print, warn } from '../support/command.ts'

export const bench: Command = {
  name: 'bench',
  summary: 'every artifact timed cold and warm, the floor and the ratios',
  entry: true,
  options: {
    ...ENTRY_OPTION,
    runs: { type: 'string', value: 'N', description: 'runs per measurement (default 3)' },
    narration: { type: 'boolean', description: 'what the offline voice adds to the video instead, uncached and cached' },
    slidev: { type: 'boolean', description: 'the slides PDF cold and warm against `slidev export` on the same deck instead' },
    generate: { type: 'string', value: 'N', description: 'the warm slides PDF and peak memory of a generated N-slide deck instead (the entry is not used)' },
  },
  async run(values, entry) {
    const { benchAgainstSlidev, benchGenerated, benchNarration, bench: runBench } = await import('./bench.ts')
    const runs = values.runs === undefined ? undefined : Number(values.runs)
    const options = { entry, runs, log: print, warn }
    if (values.generate !== undefined) {
      await benchGenerated({ count: Number(values.generate), runs, log: print })
    }
    else if (values.slidev) {
      await benchAgainstSlidev(options)
    }
    else {
      await (values.narration ? benchNarration(options) : runBench(options))
    }
  },
}
