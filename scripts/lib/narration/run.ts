/** Runs a tool and keeps both outputs (ffmpeg reports its measurements on stderr). */
import { spawn } from 'node:child_process'

export function runTool(command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<{ stdout: string, stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => { stdout += d })
    child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-20000) })
    child.on('error', reject)
    child.on('exit', code => code === 0
      ? resolve({ stdout, stderr })
      : reject(new Error(`${command} failed with exit code ${code}:\n${stderr.slice(-3000)}`)))
  })
}
