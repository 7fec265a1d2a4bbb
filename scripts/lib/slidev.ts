/** Runs the pinned Slidev CLI as a child process (through the one process runner). */
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { root } from './paths'
import { runProcess } from './process'

const require = createRequire(import.meta.url)
const slidevBin = join(dirname(require.resolve('@slidev/cli/package.json')), 'bin', 'slidev.mjs')

export async function runSlidev(args: string[], options: { cwd?: string, quiet?: boolean } = {}): Promise<string> {
  return runProcess(process.execPath, [slidevBin, ...args], { cwd: options.cwd ?? root, quiet: options.quiet, label: `slidev ${args[0]}` })
}
