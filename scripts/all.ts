/**
 * `npm run all`: every artifact from one build and one Chromium: slides PDF,
 * PNGs, handout and video (+ captions, chapters, thumbnail) in exports/.
 *
 *   tsx scripts/all.ts [--entry slides.md] [--audio narration.m4a] [--force] [--allow-remote]
 */
import { parseArgs } from 'node:util'
import { print, runCommand } from './lib/command'
import { runPipeline } from './lib/pipeline'

const { values } = parseArgs({ options: { 'entry': { type: 'string' }, 'audio': { type: 'string' }, 'force': { type: 'boolean' }, 'allow-remote': { type: 'boolean' } } })

await runCommand(async () => {
  const result = await runPipeline({ entry: values.entry, audio: values.audio, artifacts: ['pdf', 'png', 'handout', 'video'], force: values.force, allowRemote: values['allow-remote'], log: print })
  print(`all artifacts in ${result.seconds.toFixed(1)} s (${result.stages.map(s => `${s.stage} ${s.seconds.toFixed(1)} s`).join(', ')})`)
})
