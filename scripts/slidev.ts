/** Runs the pinned Slidev CLI as a child process, failing loudly on a non-zero exit. */
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { root } from './paths'

const require = createRequire(import.meta.url)
const slidevBin = join(dirname(require.resolve('@slidev/cli/package.json')), 'bin', 'slidev.mjs')

export function runSlidev(args: string[], options: { cwd?: string, quiet?: boolean } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [slidevBin, ...args], {
      cwd: options.cwd ?? root,
      stdio: options.quiet ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
    })
    let output = ''
    child.stdout?.on('data', (d) => { output += d })
    child.stderr?.on('data', (d) => { output += d })
    child.on('error', reject)
    child.on('exit', (code) => {
      if (code === 0)
        resolve()
      else
        reject(new Error(`slidev ${args[0]} failed with exit code ${code}${output ? `:\n${output.slice(-4000)}` : ''}`))
    })
  })
}
