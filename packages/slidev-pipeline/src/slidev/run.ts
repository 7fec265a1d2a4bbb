/** Runs the pinned Slidev CLI as a child process (through the one process runner). */
import { runProcess } from '../support/process.ts'
import { slidevBin } from './internals.ts'

export async function runSlidev(args: string[], options: { cwd?: string, quiet?: boolean } = {}): Promise<string> {
  return runProcess(process.execPath, [slidevBin, ...args], { cwd: options.cwd ?? process.cwd(), quiet: options.quiet, label: `slidev ${args[0]}` })
}
