/**
 * The system ffmpeg turns the still frames into the MP4: the concat demuxer
 * holds each still for its step's duration (no 30 screenshots a second), x264
 * encodes at 30 fps, and the captions (mov_text), chapters and title go in as
 * extra inputs. ffmpeg and ffprobe are found like the browser: $FFMPEG_PATH /
 * $FFPROBE_PATH, then PATH.
 */
import { spawn } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { findOnPath } from '../browser'

export class FfmpegNotFoundError extends Error {
  constructor(tool: 'ffmpeg' | 'ffprobe', detail: string) {
    super([
      `No ${tool} found (${detail}).`,
      'Install it with:',
      '  - Debian/Ubuntu:   apt-get install ffmpeg',
      `or point ${tool.toUpperCase()}_PATH at an ${tool} executable.`,
    ].join('\n'))
    this.name = 'FfmpegNotFoundError'
  }
}

export function findTool(tool: 'ffmpeg' | 'ffprobe', env: NodeJS.ProcessEnv = process.env): string {
  const variable = `${tool.toUpperCase()}_PATH`
  const explicit = env[variable]
  if (explicit) {
    try {
      accessSync(explicit, constants.X_OK)
      return explicit
    }
    catch {
      throw new FfmpegNotFoundError(tool, `${variable}=${explicit} is not an executable file`)
    }
  }
  const onPath = findOnPath([tool], env.PATH)
  if (!onPath)
    throw new FfmpegNotFoundError(tool, `looked at $${variable} and PATH`)
  return onPath
}

/** Runs a tool; resolves with its stdout, rejects with the end of its stderr. */
export function run(command: string, args: string[], onStdout?: (chunk: string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => { out += d; onStdout?.(String(d)) })
    child.stderr.on('data', (d) => { err = (err + d).slice(-4000) })
    child.on('error', reject)
    child.on('exit', code => code === 0 ? resolve(out) : reject(new Error(`${command} ${args.slice(0, 2).join(' ')} … failed with exit code ${code}:\n${err}`)))
  })
}

/** Duration of a media file in seconds. */
export async function probeDuration(file: string): Promise<number> {
  const out = await run(findTool('ffprobe'), ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file])
  const seconds = Number(out.trim())
  if (!Number.isFinite(seconds))
    throw new Error(`ffprobe could not read a duration from ${file}`)
  return seconds
}

export interface EncodeInput {
  /** Stills in order, each with how long it stays (seconds). */
  frames: { path: string, seconds: number }[]
  fps: number
  /** Length of the output; the last still is held until then. */
  total: number
  captions: string
  metadata: string
  audio?: string
  /** The audio is AAC already (the narration track): copy it, do not encode it again. */
  copyAudio?: boolean
  output: string
  /** Working file for the concat list. */
  listFile: string
  onProgress?: (seconds: number) => void
}

const quote = (path: string) => `'${path.replace(/'/g, `'\\''`)}'`

export async function encodeVideo(input: EncodeInput) {
  const held = input.frames.map(f => ({ ...f }))
  const shown = held.reduce((sum, f) => sum + f.seconds, 0)
  held.at(-1)!.seconds += Math.max(0, input.total - shown)
  // The concat demuxer ignores the last entry's duration unless the file is listed once more.
  const list = ['ffconcat version 1.0', ...held.flatMap(f => [`file ${quote(f.path)}`, `duration ${f.seconds.toFixed(6)}`]), `file ${quote(held.at(-1)!.path)}`]
  await writeFile(input.listFile, `${list.join('\n')}\n`)
  const audio = input.audio ? ['-i', input.audio] : []
  const sub = input.audio ? 2 : 1
  await run(findTool('ffmpeg'), [
    '-hide_banner', '-nostdin', '-y', '-loglevel', 'error', '-progress', 'pipe:1', '-nostats',
    '-f', 'concat', '-safe', '0', '-i', input.listFile,
    ...audio,
    '-i', input.captions,
    '-f', 'ffmetadata', '-i', input.metadata,
    '-map', '0:v', ...(input.audio ? ['-map', '1:a'] : []), '-map', `${sub}:s`,
    '-map_metadata', `${sub + 1}`, '-map_chapters', `${sub + 1}`,
    // Convert each still once, then repeat it: the per-frame work is x264's alone.
    '-vf', `format=yuv420p,fps=${input.fps}`,
    // Most frames repeat the one before; the fastest preset spends little on them.
    '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'stillimage', '-crf', '20', '-g', String(input.fps * 10),
    ...(input.audio ? input.copyAudio ? ['-c:a', 'copy'] : ['-c:a', 'aac', '-b:a', '160k'] : []),
    '-c:s', 'mov_text', '-metadata:s:s:0', 'language=eng',
    '-t', input.total.toFixed(6),
    '-movflags', '+faststart',
    '-f', 'mp4', input.output,
  ], (chunk) => {
    const us = chunk.match(/out_time_us=(\d+)/g)?.at(-1)?.split('=')[1]
    if (us)
      input.onProgress?.(Number(us) / 1e6)
  })
}

/** A still scaled down with ffmpeg (the thumbnail). */
export async function scaleImage(input: string, output: string, width: number, height: number) {
  await run(findTool('ffmpeg'), ['-hide_banner', '-nostdin', '-y', '-loglevel', 'error', '-i', input, '-vf', `scale=${width}:${height}:flags=lanczos`, '-frames:v', '1', '-f', 'image2', '-c:v', 'png', output])
}
