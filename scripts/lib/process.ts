/**
 * The one way this project runs a child process (Slidev's CLI, ffmpeg,
 * ffprobe): it resolves with the process's stdout, and rejects with the exit
 * code and the end of its output, so a failure says what went wrong.
 */
import { spawn } from 'node:child_process'

export interface RunOptions {
  cwd?: string
  env?: NodeJS.ProcessEnv
  /** Keep the child's output to ourselves (it is still quoted on failure). */
  quiet?: boolean
  /** Called with every chunk of stdout (progress parsing). */
  onStdout?: (chunk: string) => void
  /** Shown in the error instead of the command line. */
  label?: string
}

export class ProcessError extends Error {
  constructor(readonly label: string, readonly code: number | null, readonly output: string) {
    super(`${label} failed with exit code ${code}${output.trim() ? `:\n${output.trim()}` : ''}`)
    this.name = 'ProcessError'
  }
}

const KEEP = 4000

export function runProcess(command: string, args: string[], options: RunOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let tail = ''
    child.stdout.on('data', (chunk: Buffer) => {
      const text = String(chunk)
      stdout += text
      tail = (tail + text).slice(-KEEP)
      options.onStdout?.(text)
      if (!options.quiet && !options.onStdout)
        process.stdout.write(chunk)
    })
    child.stderr.on('data', (chunk: Buffer) => {
      tail = (tail + String(chunk)).slice(-KEEP)
      if (!options.quiet)
        process.stderr.write(chunk)
    })
    child.on('error', reject)
    child.on('close', code => code === 0
      ? resolve(stdout)
      : reject(new ProcessError(options.label ?? `${command} ${args.slice(0, 2).join(' ')}`, code, tail)))
  })
}
