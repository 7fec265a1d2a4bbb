/**
 * What the toolkit reads of a recording's media: which streams it has, and its
 * sound decoded. A MediaRecorder WebM written in chunks has no duration in its
 * header when the recording was cut short (ffprobe prints N/A), so the length
 * is never read from the header: it is the number of samples decoded.
 */
import { existsSync, statSync } from 'node:fs'
import { findFfmpeg, findFfprobe } from '../../support/executable.ts'
import { runProcessOutput } from '../../support/process.ts'
import { RecordingError } from './log.ts'

export interface MediaStreams { audio: boolean, video: boolean }

/**
 * The first filter of every decode of a recording: its sound placed at its packets' timestamps, as a
 * player plays it. A machine under load starves Chromium's audio service: its frames come late (or
 * are lost), stamped at their capture, and the WebM's timestamps skip the time between. ffmpeg's
 * decoder joins the packets end to end, so everything after a gap would sit early against
 * the log (a 23-minute rehearsal's WebM skipped 71 ms in all, 10 to 20 ms at a time: its last
 * minutes' sound 72 ms early by the page's levels, 1 ms once decoded at its timestamps).
 * Gaps from 5 ms are filled with silence (Chromium's frames are 10 ms); the first packet stays at
 * 0 (no `first_pts`: ffmpeg's own WebM starts at −7 ms, Opus's delay).
 */
export const AT_TIMESTAMPS = 'aresample=async=1:min_hard_comp=0.005'

const lastLines = (text: string) => text.trim().split('\n').slice(-2).join(' / ').slice(0, 300)

function mustExist(file: string, what: string) {
  if (!existsSync(file))
    throw new RecordingError(`${what} ${file} does not exist`)
  if (!statSync(file).isFile() || statSync(file).size === 0)
    throw new RecordingError(`${what} ${file} is empty or not a file`)
}

/** The file's streams, from ffprobe; an error naming the file when ffprobe cannot read it. */
export async function probeStreams(file: string, what = 'The recording'): Promise<MediaStreams> {
  mustExist(file, what)
  let out
  try {
    out = await runProcessOutput(findFfprobe(), ['-v', 'error', '-show_entries', 'stream=codec_type', '-of', 'csv=p=0', file], { quiet: true })
  }
  catch (error) {
    throw new RecordingError(`${what} ${file} cannot be read: ${lastLines(String((error as Error).message))}`)
  }
  const types = String(out.stdout).split('\n').map(l => l.trim())
  return { audio: types.includes('audio'), video: types.includes('video') }
}

/**
 * The first audio stream decoded to mono float samples at `rate`, at its timestamps. Throws,
 * naming the file, when it has no sound or ffmpeg cannot decode it.
 */
export async function decodeMono(file: string, rate: number, what = 'The recording'): Promise<Float32Array> {
  const streams = await probeStreams(file, what)
  if (!streams.audio)
    throw new RecordingError(`${what} ${file} has no audio track`)
  let out
  try {
    out = await runProcessOutput(findFfmpeg(), ['-hide_banner', '-nostdin', '-v', 'error', '-i', file, '-map', '0:a:0', '-af', AT_TIMESTAMPS, '-ac', '1', '-ar', String(rate), '-f', 'f32le', 'pipe:1'], { quiet: true, label: `ffmpeg (decoding ${file})` })
  }
  catch (error) {
    throw new RecordingError(`${what} ${file} cannot be decoded: ${lastLines(String((error as Error).message))}`)
  }
  const bytes = out.stdout
  const length = Math.floor(bytes.byteLength / 4)
  // Copied: a Buffer's offset in its pool need not be a multiple of 4.
  const samples = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + length * 4))
  if (samples.length < rate / 10)
    throw new RecordingError(`${what} ${file} holds no sound ffmpeg can decode (${(samples.length / rate).toFixed(2)} s)`)
  return samples
}
