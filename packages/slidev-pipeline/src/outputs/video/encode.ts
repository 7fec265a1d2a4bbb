/**
 * The system ffmpeg turns stills into the MP4. Encoding time follows the
 * number of distinct stills, not the video's length, because the only
 * frames x264 encodes are one intra (IDR) frame per distinct still:
 *
 *   1. every distinct still once, each frame forced to an IDR (one ffmpeg);
 *   2. a "hold": a flat frame followed by KEYFRAME_SECONDS of P frames. A flat
 *      frame is reconstructed exactly, so each of those P frames is all
 *      P_Skip macroblocks ("copy the previous frame"): a few dozen bytes that
 *      do not depend on what the previous frame shows;
 *   3. the video as an H.264 elementary stream: for each step, the still's
 *      IDR followed by hold P frames, a new IDR of the same still every
 *      KEYFRAME_SECONDS (so players can seek), cut at the step's exact frame;
 *   4. muxed at 30 fps CFR by stream copy, with captions (mov_text),
 *      chapters, title and an optional audio track.
 * Both encodes use the same settings and x264's `stitchable` (headers that do
 * not depend on the content), so their SPS and PPS are identical; the
 * stream is checked for that and refused otherwise. Every frame of the
 * result decodes to its still's IDR (test/encode.unit.test.ts).
 */
import { mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { findFfmpeg, findFfprobe } from '../../support/executable.ts'
import { runProcess } from '../../support/process.ts'

/** One thing on screen: a still and how long it stays. */
export interface EncodeStep { still: string, seconds: number }

export interface EncodeInput {
  steps: EncodeStep[]
  fps: number
  /** Length of the output; the last still is held until then. */
  total: number
  /** WebVTT file, muxed as the captions track (none without one). */
  captions?: string
  /**
   * A video (a recorded talk's camera) shown in the bottom-right corner, on
   * the same clock. Every frame then differs, so the picture is encoded
   * again in full (x264 `superfast`), not assembled from the stills.
   */
  camera?: string
  /** FFmpeg metadata file: title and chapters. */
  metadata: string
  /** Narration (any format ffmpeg reads), encoded as AAC. */
  audio?: string
  /** The audio is AAC already (the narration track): copy it, do not encode it again. */
  copyAudio?: boolean
  output: string
  /** Folder for the encoded stills, the hold and the stream. */
  workDir: string
  onProgress?: (done: number, total: number) => void
}

/** At most this long between two IDR frames: how far a player decodes ahead of a seek. Costs bytes, not encoding time. */
export const KEYFRAME_SECONDS = 2

/**
 * x264 for slides: `stillimage` tuning; `veryfast` with CRF 8 matches the
 * sharpness (SSIM ≈ 0.999 on text) of an `ultrafast` CRF 20 frame at about
 * half its size; no B frames; closed GOPs; headers independent of content.
 */
function x264(keyframeFrames: number) {
  return [
    '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'stillimage', '-crf', '8',
    '-g', String(keyframeFrames), '-bf', '0', '-x264-params', 'open-gop=0:stitchable=1',
  ]
}

/** Duration of a media file in seconds. */
export async function probeDuration(file: string): Promise<number> {
  const out = await runProcess(findFfprobe(), ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file], { quiet: true })
  const seconds = Number(out.trim())
  if (!Number.isFinite(seconds))
    throw new Error(`ffprobe could not read a duration from ${file}`)
  return seconds
}

/** The NAL units of an Annex B stream (start codes and trailing zero bytes removed). */
export function nalUnits(stream: Uint8Array): Uint8Array[] {
  const starts: number[] = []
  for (let i = 0; i + 2 < stream.length; i++) {
    if (stream[i] === 0 && stream[i + 1] === 0 && stream[i + 2] === 1) {
      starts.push(i + 3)
      i += 2
    }
  }
  return starts.map((start, k) => {
    let end = k + 1 < starts.length ? starts[k + 1]! - 3 : stream.length
    while (end > start && stream[end - 1] === 0)
      end--
    return stream.subarray(start, end)
  })
}

const nalType = (nal: Uint8Array) => nal[0]! & 0x1F
const NAL = { slice: 1, idr: 5, sps: 7, pps: 8 } as const

/** The stream split into parameter sets and one coded picture (slice NAL units) per frame. */
export function framesOf(stream: Uint8Array) {
  const sps: Uint8Array[] = []
  const pps: Uint8Array[] = []
  const frames: { idr: boolean, slices: Uint8Array[] }[] = []
  for (const nal of nalUnits(stream)) {
    const type = nalType(nal)
    if (type === NAL.sps) {
      sps.push(nal)
    }
    else if (type === NAL.pps) {
      pps.push(nal)
    }
    else if (type === NAL.slice || type === NAL.idr) {
      // first_mb_in_slice is the first field, ue(v): 0 is the single bit 1.
      const firstSlice = (nal[1]! & 0x80) !== 0
      if (firstSlice || !frames.length)
        frames.push({ idr: type === NAL.idr, slices: [nal] })
      else
        frames.at(-1)!.slices.push(nal)
    }
    // SEI (x264's settings) and other NAL units are left out.
  }
  return { sps, pps, frames }
}

const sameBytes = (a: Uint8Array[], b: Uint8Array[]) => a.length === b.length && a.every((x, i) => Buffer.compare(x, b[i]!) === 0)

/** Frames per step, in whole frames; the last still is held to `total`. */
export function stepFrames(steps: EncodeStep[], fps: number, total: number): number[] {
  const frames = steps.map(s => Math.max(1, Math.round(s.seconds * fps)))
  const short = Math.max(0, Math.round(total * fps) - frames.reduce((a, b) => a + b, 0))
  return frames.map((n, i) => i === frames.length - 1 ? n + short : n)
}

/**
 * A step of `frames` frames cut into runs that each start with an IDR and
 * are at most `keyframeFrames` long. A last run of one frame would put two
 * IDRs next to each other, so it borrows a frame from the run before.
 */
export function runsOf(frames: number, keyframeFrames: number): number[] {
  const runs: number[] = []
  for (let left = frames; left > 0; left -= keyframeFrames)
    runs.push(Math.min(left, keyframeFrames))
  if (runs.length > 1 && runs.at(-1) === 1)
    runs.splice(-2, 2, keyframeFrames - 1, 2)
  return runs
}

const readBytes = async (file: string) => new Uint8Array(await readFile(file))

export async function encodeVideo(input: EncodeInput) {
  const ffmpeg = findFfmpeg()
  const { fps } = input
  const workDir = await mkdtemp(join(input.workDir, 'encode-'))
  const keyframeFrames = Math.max(2, Math.round(KEYFRAME_SECONDS * fps))
  const frames = stepFrames(input.steps, fps, input.total)

  // Each distinct still once, in order of first appearance, as a numbered sequence.
  const distinct = [...new Set(input.steps.map(s => s.still))]
  const index = new Map(distinct.map((still, i) => [still, i]))
  await Promise.all(distinct.map((still, i) => symlink(resolve(still), join(workDir, `idr-${String(i + 1).padStart(5, '0')}.png`))))
  const common = ['-hide_banner', '-nostdin', '-y', '-loglevel', 'error']
  // Both encodes read PNG at `fps` through the same filters, so the headers match.
  const filters = 'setsar=1,format=yuv420p'
  const stillsFile = join(workDir, 'stills.h264')
  const holdFile = join(workDir, 'hold.h264')
  const [stills, hold] = await Promise.all([
    runProcess(ffmpeg, [
      ...common, '-framerate', String(fps), '-i', join(workDir, 'idr-%05d.png'),
      '-vf', filters, '-force_key_frames', 'expr:1', ...x264(keyframeFrames), '-f', 'h264', stillsFile,
      '-nostats', '-progress', 'pipe:1',
    ], {
      quiet: true,
      label: `ffmpeg (encoding ${distinct.length} stills)`,
      onStdout: chunk => [...chunk.matchAll(/^frame=(\d+)$/gm)].forEach(m => input.onProgress?.(Number(m[1]), distinct.length)),
    }).then(async () => framesOf(await readBytes(stillsFile))),
    runProcess(ffmpeg, [
      ...common, '-framerate', String(fps), '-loop', '1', '-f', 'image2', '-pattern_type', 'none', '-i', distinct[0]!,
      '-vf', `${filters},lutyuv=y=16:u=128:v=128`, '-frames:v', String(keyframeFrames), ...x264(keyframeFrames), '-f', 'h264', holdFile,
    ], { quiet: true, label: 'ffmpeg (encoding the hold frames)' }).then(async () => framesOf(await readBytes(holdFile))),
  ])
  if (stills.frames.length !== distinct.length || !stills.frames.every(f => f.idr))
    throw new Error(`ffmpeg encoded ${stills.frames.length} frames for ${distinct.length} stills, not one IDR frame each`)
  if (hold.frames.length !== keyframeFrames || hold.frames.slice(1).some(f => f.idr))
    throw new Error(`ffmpeg encoded the hold as ${hold.frames.length} frames, not one IDR and ${keyframeFrames - 1} P frames`)
  if (!sameBytes([stills.sps[0]!, stills.pps[0]!], [hold.sps[0]!, hold.pps[0]!]))
    throw new Error('The stills and the hold frames were encoded with different H.264 parameter sets (SPS/PPS), so they cannot be joined. Is this ffmpeg\'s libx264 too old for `stitchable`?')

  // The elementary stream: parameter sets once, then every run.
  const startCode = Buffer.from([0, 0, 0, 1])
  const parts: Uint8Array[] = []
  const put = (nals: Uint8Array[]) => nals.forEach(nal => parts.push(startCode, nal))
  put([stills.sps[0]!, stills.pps[0]!])
  input.steps.forEach((step, i) => {
    const idr = stills.frames[index.get(step.still)!]!.slices
    for (const run of runsOf(frames[i]!, keyframeFrames)) {
      put(idr)
      for (let k = 1; k < run; k++)
        put(hold.frames[k]!.slices)
    }
  })
  const streamFile = join(workDir, 'video.h264')
  await writeFile(streamFile, Buffer.concat(parts))

  // Inputs in order: the stream, then what is there of audio, captions, metadata, camera.
  const inputs: string[][] = [['-f', 'h264', '-r', String(fps), '-i', streamFile]]
  const add = (args: string[]) => inputs.push(args) - 1
  const audio = input.audio ? add(['-i', input.audio]) : undefined
  const sub = input.captions ? add(['-i', input.captions]) : undefined
  const meta = add(['-f', 'ffmetadata', '-i', input.metadata])
  const camera = input.camera ? add(['-i', input.camera]) : undefined
  // The camera: a 16:9 picture a fifth of the width, 32 px from the corner, over the stills (re-encoded: every frame differs).
  const video = camera === undefined
    ? ['-map', '0:v', '-c:v', 'copy']
    : ['-filter_complex', `[${camera}:v:0]scale=384:216:force_original_aspect_ratio=increase,crop=384:216,setsar=1[cam];[0:v][cam]overlay=W-w-32:H-h-32:eof_action=pass,format=yuv420p[v]`, '-map', '[v]', '-c:v', 'libx264', '-preset', 'superfast', '-tune', 'stillimage', '-crf', '16', '-g', String(keyframeFrames), '-r', String(fps)]
  await runProcess(ffmpeg, [
    ...common,
    // `-r` (not `-framerate`) stamps the raw stream's frames exactly 1/fps apart.
    ...inputs.flat(),
    ...video,
    ...(audio !== undefined ? ['-map', `${audio}:a:0`] : []),
    ...(sub !== undefined ? ['-map', `${sub}:s`] : []),
    '-map_metadata', `${meta}`, '-map_chapters', `${meta}`,
    '-video_track_timescale', String(fps * 512),
    ...(input.audio ? input.copyAudio ? ['-c:a', 'copy'] : ['-c:a', 'aac', '-b:a', '160k'] : []),
    ...(sub !== undefined ? ['-c:s', 'mov_text', '-metadata:s:s:0', 'language=eng'] : []),
    '-t', input.total.toFixed(6),
    '-movflags', '+faststart',
    '-f', 'mp4', input.output,
  ], { quiet: true, label: 'ffmpeg (muxing the video)' })
}

/** A still scaled down with ffmpeg (the thumbnail). */
export async function scaleImage(input: string, output: string, width: number, height: number) {
  await runProcess(findFfmpeg(), ['-hide_banner', '-nostdin', '-y', '-loglevel', 'error', '-i', input, '-vf', `scale=${width}:${height}:flags=lanczos`, '-frames:v', '1', '-f', 'image2', '-c:v', 'png', output], { quiet: true, label: 'ffmpeg (thumbnail)' })
}
