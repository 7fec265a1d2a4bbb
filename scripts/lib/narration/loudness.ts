/**
 * Loudness to −16 LUFS integrated (the level podcasts and video sites play
 * speech at) with ffmpeg's loudnorm in two passes: the first measures, the
 * second corrects with those measurements, in linear mode (one gain) when the
 * peaks allow and loudnorm's own limiter otherwise, keeping true peaks at or
 * below −1.5 dBTP so nothing clips. Output: 16-bit mono WAV at 48 kHz.
 */
import { findTool } from '../../video/encode'
import { runTool } from './run'

export const LOUDNESS = { integrated: -16, truePeak: -1.5, range: 11 } as const
export const SAMPLE_RATE = 48_000

export interface LoudnormStats {
  input_i: number
  input_tp: number
  input_lra: number
  input_thresh: number
  target_offset: number
}

/** The JSON block loudnorm prints at the end of its stderr. */
export function parseLoudnormStats(stderr: string): LoudnormStats {
  const json = stderr.slice(stderr.lastIndexOf('{'), stderr.lastIndexOf('}') + 1)
  let data: Record<string, string>
  try {
    data = JSON.parse(json)
  }
  catch {
    throw new Error(`loudnorm printed no measurements:\n${stderr.slice(-1000)}`)
  }
  const number = (key: keyof LoudnormStats) => {
    // Silence measures "-inf".
    const value = /^-inf/i.test(String(data[key])) ? -Infinity : Number(data[key])
    if (data[key] === undefined || Number.isNaN(value))
      throw new Error(`loudnorm's measurements lack ${key}: ${json}`)
    return value
  }
  return { input_i: number('input_i'), input_tp: number('input_tp'), input_lra: number('input_lra'), input_thresh: number('input_thresh'), target_offset: number('target_offset') }
}

const target = `I=${LOUDNESS.integrated}:TP=${LOUDNESS.truePeak}:LRA=${LOUDNESS.range}`
const base = ['-hide_banner', '-nostdin', '-nostats', '-y']

/** Measures `input` (pass 1) and writes it normalized to `output` (pass 2). Silence is only resampled. */
export async function normalizeLoudness(input: string, output: string): Promise<LoudnormStats> {
  const ffmpeg = findTool('ffmpeg')
  const { stderr } = await runTool(ffmpeg, [...base, '-i', input, '-af', `loudnorm=${target}:print_format=json`, '-f', 'null', '-'])
  const measured = parseLoudnormStats(stderr)
  const filter = Number.isFinite(measured.input_i) && measured.input_i > -70
    ? `loudnorm=${target}:measured_I=${measured.input_i}:measured_TP=${measured.input_tp}:measured_LRA=${measured.input_lra}:measured_thresh=${measured.input_thresh}:offset=${measured.target_offset}:linear=true,`
    : ''
  // loudnorm works at 192 kHz; back to 48 kHz, mono, 16-bit.
  await runTool(ffmpeg, [...base, '-loglevel', 'error', '-i', input, '-af', `${filter}aresample=${SAMPLE_RATE}`, '-ac', '1', '-c:a', 'pcm_s16le', '-f', 'wav', output])
  return measured
}
