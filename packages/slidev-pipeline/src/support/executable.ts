/**
 * The one way the toolkit finds a program it runs (Chromium, ffmpeg,
 * ffprobe): an explicit environment variable first, then known locations,
 * then names on PATH. Without one, fail at once and say how to get it.
 */
import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'

export interface ExecutableSpec {
  /** What the user knows it as, e.g. "Chromium". */
  label: string
  /** e.g. CHROMIUM_PATH: when set, it must point at an executable file. */
  envVar: string
  /** Names looked up on PATH, in order. */
  names: string[]
  /** Absolute paths tried before PATH (e.g. Playwright's own browser). */
  candidates?: (string | undefined)[]
  /** Lines telling the user how to install it. */
  install: string[]
}

export class ExecutableNotFoundError extends Error {
  constructor(spec: ExecutableSpec, detail: string) {
    super([
      `No ${spec.label} found (${detail}).`,
      'Install it with:',
      ...spec.install.map(line => `  - ${line}`),
      `or point ${spec.envVar} at the executable.`,
    ].join('\n'))
    this.name = 'ExecutableNotFoundError'
  }
}

export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  }
  catch {
    return false
  }
}

export function findOnPath(names: string[], pathEnv = process.env.PATH ?? ''): string | undefined {
  for (const dir of pathEnv.split(delimiter).filter(Boolean)) {
    for (const name of names) {
      const candidate = join(dir, name)
      if (isExecutable(candidate))
        return candidate
    }
  }
  return undefined
}

export function findExecutable(spec: ExecutableSpec, env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env[spec.envVar]
  if (explicit) {
    if (isExecutable(explicit))
      return explicit
    throw new ExecutableNotFoundError(spec, `${spec.envVar}=${explicit} is not an executable file`)
  }
  const known = (spec.candidates ?? []).filter((c): c is string => !!c)
  const found = known.find(isExecutable) ?? findOnPath(spec.names, env.PATH)
  if (found)
    return found
  const looked = [`$${spec.envVar}`, ...known, `${spec.names.join('/')} on PATH`]
  throw new ExecutableNotFoundError(spec, `looked at ${looked.join(', ')}`)
}

const ffmpegInstall = ['Debian/Ubuntu:   apt-get install ffmpeg']

export const ffmpegSpec: ExecutableSpec = { label: 'ffmpeg', envVar: 'FFMPEG_PATH', names: ['ffmpeg'], install: ffmpegInstall }
export const ffprobeSpec: ExecutableSpec = { label: 'ffprobe', envVar: 'FFPROBE_PATH', names: ['ffprobe'], install: ffmpegInstall }

export const findFfmpeg = (env: NodeJS.ProcessEnv = process.env) => findExecutable(ffmpegSpec, env)
export const findFfprobe = (env: NodeJS.ProcessEnv = process.env) => findExecutable(ffprobeSpec, env)
