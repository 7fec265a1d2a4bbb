/**
 * PowerPoint stays on Slidev's own exporter (slides as images, notes as
 * notes): pptxgenjs is its dependency, not ours. It runs Slidev's dev server,
 * so it is not part of the build-once pipeline.
 */
import { dirname } from 'node:path'
import { writeAtomically } from './atomic'
import { findChromium } from './browser'
import { checkDeck } from './deck-check'
import { artifacts, entryPath } from './paths'
import { runSlidev } from './slidev'

export async function exportPptx(options: { entry?: string, output?: string, dark?: boolean } = {}) {
  const entry = entryPath(options.entry)
  const executablePath = findChromium()
  await checkDeck(entry)
  const output = options.output ?? artifacts.pptx
  await writeAtomically(output, tmp => runSlidev([
    'export', entry, '--format', 'pptx', '--output', tmp.replace(/\.pptx$/, ''),
    '--executable-path', executablePath, '--timeout', '60000', ...(options.dark ? ['--dark'] : []),
  ], { cwd: dirname(entry), quiet: true }))
  return output
}
