/**
 * The system ffmpeg turns stills into the MP4. Encoding time follows the
 * number of distinct stills, not the video's length: each still is encoded
 * once as a short closed-GOP unit (UNIT_SECONDS of identical frames, an IDR
 * frame then P frames, no B frames), and the video is those units repeated
 * by stream copy (the concat demuxer), the last repeat of each step cut at
 * its exact frame with `outpoint` (dropping trailing P frames is safe when
 * nothing refers forward). The result is 30 fps CFR H.264 yuv420p; captions
 * (mov_text), chapters, title and an optional audio track are muxed in.
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { findFfmpeg, findFfprobe } from '../executable'
import { runProcess } from '../process'

/** One thing on screen: a still and how long it stays. */
export interface EncodeStep { still: string, seconds: number }

export interface EncodeInput {
  steps: EncodeStep[]
  fps: number
  /** Length of the output; the last still is held until then. */
  total: number
  /** WebVTT file, muxed as the captions track. */
  captions: string
  /** FFmpeg metadata file: title and chapters. */
  metadata: string
  /** Narration (any format ffmpeg reads), encoded as AAC. */
  audio?: string
  /** The audio is AAC already (the narration track): copy it, do not encode it again. */
  copyAudio?: boolean
  output: string
  /** Folder for the units and the concat list. */
  workDir: string
  /** Encoders run side by side. */
  parallel?: number
  onProgress?: (done: number, total: number) => void
}

/** Length of one encoded unit. Longer units mean fewer IDR frames (a smaller file) but more frames to encode. */
export const UNIT_SECONDS = 2

/** Duration of a media file in seconds. */
export async function probeDuration(file: string): Promise<number> {
  const out = await runProcess(findFfprobe(), ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file], { quiet: true })
  const seconds = Number(out.trim())
  if (!Number.isFinite(seconds))
    throw new Error(`ffprobe could not read a duration from ${file}`)
  return seconds
}

const quote = (path: string) => `'${path.replace(/'/g, `'\\''`)}'`

/** Encodes one still as a unit of `frames` identical frames in one closed GOP. */
function encodeUnit(ffmpeg: string, still: string, frames: number, fps: number, output: string) {
  return runProcess(ffmpeg, [
    '-hide_banner', '-nostdin', '-y', '-loglevel', 'error',
    // Decode and convert the still once; the loop filter repeats the frame.
    '-framerate', String(fps), '-i', still,
    '-vf', `format=yuv420p,loop=loop=${frames - 1}:size=1:start=0,setpts=N/${fps}/TB`,
    '-frames:v', String(frames), '-r', String(fps),
    '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'stillimage', '-crf', '20',
    '-g', String(frames), '-bf', '0', '-x264-params', 'open-gop=0',
    '-video_track_timescale', String(fps * 512),
    '-f', 'mp4', output,
  ], { quiet: true, label: `ffmpeg (encoding ${still})` })
}

export async function encodeVideo(input: EncodeInput) {
  const ffmpeg = findFfmpeg()
  const { fps } = input
  const unitFrames = UNIT_SECONDS * fps
  const frames = input.steps.map(s => Math.max(1, Math.round(s.seconds * fps)))
  const last = frames.length - 1
  frames[last]! += Math.max(0, Math.round(input.total * fps) - frames.reduce((a, b) => a + b, 0))

  // Each still once, at most one unit long.
  const units = input.steps.map((step, i) => ({ still: step.still, frames: Math.min(unitFrames, frames[i]!), file: join(input.workDir, `unit-${String(i + 1).padStart(4, '0')}.mp4`) }))
  let next = 0
  let done = 0
  await Promise.all(Array.from({ length: Math.max(1, input.parallel ?? 2) }, async () => {
    while (next < units.length) {
      const unit = units[next++]!
      await encodeUnit(ffmpeg, unit.still, unit.frames, fps, unit.file)
      input.onProgress?.(++done, units.length)
    }
  }))

  // The video: every unit repeated for its step, the last repeat cut to the frame.
  const list = ['ffconcat version 1.0']
  units.forEach((unit, i) => {
    let left = frames[i]!
    while (left > 0) {
      const take = Math.min(left, unit.frames)
      list.push(`file ${quote(unit.file)}`)
      if (take < unit.frames)
        list.push(`outpoint ${(take / fps).toFixed(6)}`)
      left -= take
    }
  })
  const listFile = join(input.workDir, 'video.ffconcat')
  await writeFile(listFile, `${list.join('\n')}\n`)

  const audio = input.audio ? ['-i', input.audio] : []
  const sub = input.audio ? 2 : 1
  await runProcess(ffmpeg, [
    '-hide_banner', '-nostdin', '-y', '-loglevel', 'error',
    '-f', 'concat', '-safe', '0', '-i', listFile,
    ...audio,
    '-i', input.captions,
    '-f', 'ffmetadata', '-i', input.metadata,
    '-map', '0:v', ...(input.audio ? ['-map', '1:a'] : []), '-map', `${sub}:s`,
    '-map_metadata', `${sub + 1}`, '-map_chapters', `${sub + 1}`,
    '-c:v', 'copy',
    ...(input.audio ? input.copyAudio ? ['-c:a', 'copy'] : ['-c:a', 'aac', '-b:a', '160k'] : []),
    '-c:s', 'mov_text', '-metadata:s:s:0', 'language=eng',
    '-t', input.total.toFixed(6),
    '-movflags', '+faststart',
    '-f', 'mp4', input.output,
  ], { quiet: true, label: 'ffmpeg (muxing the video)' })
}

/** A still scaled down with ffmpeg (the thumbnail). */
export async function scaleImage(input: string, output: string, width: number, height: number) {
  await runProcess(findFfmpeg(), ['-hide_banner', '-nostdin', '-y', '-loglevel', 'error', '-i', input, '-vf', `scale=${width}:${height}:flags=lanczos`, '-frames:v', '1', '-f', 'image2', '-c:v', 'png', output], { quiet: true, label: 'ffmpeg (thumbnail)' })
}
