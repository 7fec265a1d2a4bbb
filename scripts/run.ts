/**
 * Runs a command for this repository's scripts (`npm test`, `npm run bench:decks`):
 * its stderr passes through; stdout too, unless `onStdout` takes it. Rejects with
 * the exit code when it fails. The toolkit keeps its own runner to itself.
 */
import { spawn } from 'node:child_process'

export class RunError extends Error {
  constructor(readonly label: string, readonly code: number | null) {
    super(`${label} failed with exit code ${code}`)
    this.name = 'RunError'
  }
}

export function run(command: string, args: string[], options: { cwd?: string, env?: NodeJS.ProcessEnv, label?: string, onStdout?: (chunk: string) => void } = {}): Promise<void> {
  const label = options.label ?? `${command} ${args.slice(0, 2).join(' ')}`
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', options.onStdout ? 'pipe' : 'inherit', 'inherit'] })
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => options.onStdout!(chunk))
    child.on('error', reject)
    child.on('close', code => code === 0 ? resolve() : reject(new RunError(label, code)))
  })
}
