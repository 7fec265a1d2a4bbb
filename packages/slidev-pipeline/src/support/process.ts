/**
 * The one way the toolkit runs a child process (Slidev's CLI, ffmpeg,
 * ffprobe, the offline voices). `runProcess` resolves with stdout as text;
 * `runProcessOutput` with stdout as bytes and the end of stderr (ffmpeg
 * prints its measurements there), and can feed the child's stdin. Both
 * reject with a ProcessError that names the command, its exit code and the
 * end of its output, so a failure says what went wrong.
 *
 * Not tinyexec (checked at 1.3.1, which Slidev already installs, and 1.4.0):
 * it decodes stdout as UTF-8 text, so the raw PCM ffmpeg writes when it
 * decodes a recording comes back with every byte that is not valid UTF-8
 * replaced (test/process.unit.test.ts sends byte 255 through); its stdin
 * takes a string or another process, not the narration track streamed in
 * chunks; and its error message names the exit code but not stderr. Working
 * around those would leave this file as long as it is.
 */
import { spawn } from 'node:child_process'
import { setPriority } from 'node:os'
import { basename } from 'node:path'
import { Readable } from 'node:stream'

export interface RunOptions {
  cwd?: string
  env?: NodeJS.ProcessEnv
  /** Keep the child's output to ourselves (it is still quoted on failure). */
  quiet?: boolean
  /** Called with every chunk of stdout (progress parsing). */
  onStdout?: (chunk: string) => void
  /** Shown in the error instead of the command line. */
  label?: string
  /** Written to the child's stdin: bytes, or chunks as they are made (so a large input need not be held in memory). */
  input?: Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>
  /** Stops the child (SIGTERM) when aborted; the promise then rejects. */
  signal?: AbortSignal
  /** Scheduling niceness (0–19): work done ahead runs only on what the rest leaves idle. */
  niceness?: number
}

export interface ProcessOutput {
  stdout: Buffer
  /** The last STDERR_KEPT characters of stderr. */
  stderr: string
}

export class ProcessError extends Error {
  /** `code` is null when the process did not start or was killed by a signal. */
  constructor(readonly label: string, readonly code: number | null, readonly output: string, how = `failed with exit code ${code}`) {
    super(`${label} ${how}${output.trim() ? `:\n${output.trim()}` : ''}`)
    this.name = 'ProcessError'
  }
}

/** Output quoted in a ProcessError. */
const KEEP = 4000
/** Enough for ffmpeg's summaries (ebur128, loudnorm), which come last. */
const STDERR_KEPT = 20_000

export function runProcessOutput(command: string, args: string[], options: RunOptions = {}): Promise<ProcessOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: [options.input ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      signal: options.signal,
    })
    if (options.niceness && child.pid !== undefined) {
      try {
        setPriority(child.pid, options.niceness)
      }
      catch {} // only ever a lower priority: running at the normal one is still correct
    }
    const stdout: Buffer[] = []
    let stderr = ''
    let tail = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout.push(chunk)
      const text = String(chunk)
      tail = (tail + text).slice(-KEEP)
      options.onStdout?.(text)
      if (!options.quiet && !options.onStdout)
        process.stdout.write(chunk)
    })
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr = (stderr + String(chunk)).slice(-STDERR_KEPT)
      tail = (tail + String(chunk)).slice(-KEEP)
      if (!options.quiet)
        process.stderr.write(chunk)
    })
    if (options.input && child.stdin) {
      // A child that exits early closes its stdin (EPIPE): its exit code and stderr tell why.
      child.stdin.on('error', () => {})
      const input = options.input instanceof Uint8Array ? [options.input] : options.input
      Readable.from(input, { objectMode: false }).on('error', (error) => {
        child.kill()
        reject(error)
      }).pipe(child.stdin)
    }
    const label = options.label ?? `${basename(command)} ${args.slice(0, 2).join(' ')}`
    child.on('error', error => reject(error.name === 'AbortError'
      ? new ProcessError(label, null, tail, 'was stopped (no longer needed)')
      : new ProcessError(label, null, error.message, `could not run (${command})`)))
    child.on('close', (code, signal) => code === 0
      ? resolve({ stdout: Buffer.concat(stdout), stderr })
      : reject(new ProcessError(label, code, tail, signal ? `was stopped by ${signal}` : undefined)))
  })
}

export async function runProcess(command: string, args: string[], options: RunOptions = {}): Promise<string> {
  return String((await runProcessOutput(command, args, options)).stdout)
}
