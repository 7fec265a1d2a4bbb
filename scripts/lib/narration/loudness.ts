/**
 * Loudness to −16 LUFS integrated (the level podcasts and video sites play
 * speech at) with ffmpeg in two passes, measure then correct with loudnorm,
 * keeping true peaks at or below −1.5 dBTP so nothing clips. Output: 16-bit
 * mono WAV at 48 kHz.
 */
import { findFfmpeg } from '../executable'
import { runTool } from './run'

export const LOUDNESS = { integrated: -16, truePeak: -1.5, range: 11 } as const
export const SAMPLE_RATE = 48_000

/** The summary ffmpeg's ebur128 filter prints at the end: integrated loudness, its gate, range, true peak. */
export interface Ebur128Summary { integrated: number, threshold: number, range: number, truePeak?: number }

export function parseEbur128Summary(stderr: string): Ebur128Summary {
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'))
  const value = (pattern: RegExp) => {
    const match = summary.match(pattern)
    if (!match)
      throw new Error(`ebur128 printed no ${pattern.source.split('\\')[0]} measurement:\n${summary.slice(0, 600)}`)
    return /^-inf/i.test(match[1]!) ? -Infinity : Number(match[1])
  }
  return {
    integrated: value(/I:\s+(-?inf|-?[\d.]+) LUFS/),
    threshold: value(/Threshold:\s+(-?inf|-?[\d.]+) LUFS/),
    range: value(/LRA:\s+(-?inf|-?[\d.]+) LU/),
    truePeak: /Peak:/.test(summary) ? value(/Peak:\s+(-?inf|-?[\d.]+) dBFS/) : undefined,
  }
}

const target = `I=${LOUDNESS.integrated}:TP=${LOUDNESS.truePeak}:LRA=${LOUDNESS.range}`
const base = ['-hide_banner', '-nostdin', '-nostats', '-y']

async function ebur128(input: string, before: string, peak: boolean): Promise<Ebur128Summary> {
  const { stderr } = await runTool(findFfmpeg(), [...base, '-i', input, '-af', `${before}ebur128=framelog=verbose${peak ? ':peak=true' : ''}`, '-f', 'null', '-'])
  return parseEbur128Summary(stderr)
}

/**
 * Writes `input` to `output` at −16 LUFS. Pass 1 measures (EBU R128, as
 * loudnorm's own first pass does, but without its 192 kHz dynamic processing,
 * which took 40 s of CPU for the talk); pass 2 is loudnorm with those
 * measurements in linear mode: one gain, no pumping. Speech peaks sit ~20 dB
 * over its loudness, too high for one gain to −16 LUFS under −1.5 dBTP, so a
 * lookahead limiter at −3 dBFS (after a first gain to about −16 LUFS) runs
 * before both passes; should the peaks still not fit, loudnorm falls back to
 * its dynamic mode by itself. Silence is only resampled.
 */
export async function normalizeLoudness(input: string, output: string): Promise<Ebur128Summary> {
  const raw = await ebur128(input, '', false)
  let filter = ''
  let measured = raw
  if (Number.isFinite(raw.integrated) && raw.integrated > -70) {
    const limited = `volume=${(LOUDNESS.integrated - raw.integrated).toFixed(2)}dB,alimiter=limit=${10 ** (-3 / 20)}:level=false:latency=true,`
    measured = await ebur128(input, limited, true)
    filter = `${limited}loudnorm=${target}:measured_I=${measured.integrated}:measured_TP=${measured.truePeak}:measured_LRA=${measured.range}:measured_thresh=${measured.threshold}:offset=0:linear=true,`
  }
  // loudnorm works at 192 kHz; back to 48 kHz, mono, 16-bit.
  await runTool(findFfmpeg(), [...base, '-loglevel', 'error', '-i', input, '-af', `${filter}aresample=${SAMPLE_RATE}`, '-ac', '1', '-c:a', 'pcm_s16le', '-f', 'wav', output])
  return measured
}
