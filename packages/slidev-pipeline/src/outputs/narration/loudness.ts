/**
 * Loudness to −16 LUFS integrated (the level podcasts and video sites play
 * speech at), keeping true peaks at or below −1.5 dBTP so nothing clips.
 *
 * Each slide is first brought to −16 LUFS by a gain measured here (ITU-R
 * BS.1770, as ffmpeg's ebur128 measures), so a recorded slide and a spoken
 * one come out equally loud. Then the whole track goes through ffmpeg twice:
 * pass 1 measures it behind a lookahead limiter (ebur128), pass 2 applies the
 * one gain that loudnorm's linear mode would (no pumping; loudnorm itself only
 * when the peaks do not fit under one gain), resampled to 48 kHz and encoded
 * as AAC in the same process. Two ffmpeg runs for the
 * whole talk instead of three per slide and a separate encode.
 *
 * Why the per-slide measurement is our own and not ffmpeg's: on the talk's
 * narration (23.5 min, 32 kHz) it reads −16.05 LUFS where ebur128 and
 * loudnorm's first pass both read −16.10, at about 0.45× the CPU of piping
 * the same samples through ebur128 (whole processes, 3 pairs in turn on a
 * shared 2-vCPU machine, 4 December 2026); loudnorm's measurement took about
 * 16× ebur128's (it resamples to 192 kHz). ffmpeg would also need a process,
 * or a parsed frame log, per slide. ffmpeg keeps what it does better: the
 * whole track's true peak, the limiter and loudnorm's dynamic fallback.
 */
import { findFfmpeg } from '../../support/executable.ts'
import { runProcessOutput } from '../../support/process.ts'

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

/** Every ebur128 summary in ffmpeg's stderr, in the order of the filters' instance numbers (their order in the graph). */
export function summaries(stderr: string): Ebur128Summary[] {
  const parts = [...stderr.matchAll(/\[Parsed_ebur128_(\d+) @ [^\]]+\] Summary:/g)]
  return parts
    .map((m, i) => ({ n: Number(m[1]), text: stderr.slice(m.index, parts[i + 1]?.index ?? stderr.length) }))
    .sort((a, b) => a.n - b.n)
    .map(p => parseEbur128Summary(p.text))
}

/** The gain at which the loudness measured at `gains` reaches `target`: piecewise linear between the tries, straight on past them. */
export function gainFor(gains: number[], levels: number[], target: number): number {
  for (let i = 1; i < gains.length; i++) {
    if (levels[i]! >= target || i === gains.length - 1) {
      const slope = (levels[i]! - levels[i - 1]!) / (gains[i]! - gains[i - 1]!) || 1
      return gains[i - 1]! + (target - levels[i - 1]!) / slope
    }
  }
  return gains[0]! + target - levels[0]!
}

/** A biquad as [b0, b1, b2, a1, a2]. */
type Biquad = [number, number, number, number, number]

/** BS.1770's K-weighting (high shelf, then high pass) at any sample rate, as libebur128 derives it. */
function kWeighting(rate: number): [Biquad, Biquad] {
  let K = Math.tan(Math.PI * 1681.974450955533 / rate)
  let Q = 0.7071752369554196
  const Vh = 10 ** (3.999843853973347 / 20)
  const Vb = Vh ** 0.4996667741545416
  let a0 = 1 + K / Q + K * K
  const shelf: Biquad = [(Vh + Vb * K / Q + K * K) / a0, 2 * (K * K - Vh) / a0, (Vh - Vb * K / Q + K * K) / a0, 2 * (K * K - 1) / a0, (1 - K / Q + K * K) / a0]
  K = Math.tan(Math.PI * 38.13547087602444 / rate)
  Q = 0.5003270373238773
  a0 = 1 + K / Q + K * K
  const highPass: Biquad = [1, -2, 1, 2 * (K * K - 1) / a0, (1 - K / Q + K * K) / a0]
  return [shelf, highPass]
}

/**
 * Integrated loudness (LUFS) of mono samples at full scale ±`fullScale`:
 * K-weighted mean square over 400 ms blocks every 100 ms, gated at −70 LUFS
 * and 10 LU under the mean. −Infinity for silence.
 */
export function integratedLoudness(samples: ArrayLike<number>, rate: number, fullScale = 32768): number {
  const [s, h] = kWeighting(rate)
  const hop = Math.round(rate / 10)
  const squares = new Float64Array(Math.floor(samples.length / hop))
  let x1 = 0
  let x2 = 0
  let y1 = 0
  let y2 = 0
  let z1 = 0
  let z2 = 0
  for (let block = 0; block < squares.length; block++) {
    let sum = 0
    for (let i = block * hop; i < (block + 1) * hop; i++) {
      const x = samples[i]! / fullScale
      const y = s[0] * x + s[1] * x1 + s[2] * x2 - s[3] * y1 - s[4] * y2
      const z = h[0] * y + h[1] * y1 + h[2] * y2 - h[3] * z1 - h[4] * z2
      x2 = x1
      x1 = x
      y2 = y1
      y1 = y
      z2 = z1
      z1 = z
      sum += z * z
    }
    squares[block] = sum
  }
  const blocks: number[] = []
  for (let i = 3; i < squares.length; i++)
    blocks.push((squares[i - 3]! + squares[i - 2]! + squares[i - 1]! + squares[i]!) / (4 * hop))
  const lufs = (power: number) => -0.691 + 10 * Math.log10(power)
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
  const audible = blocks.filter(z => lufs(z) > -70)
  if (!audible.length)
    return -Infinity
  const gate = lufs(mean(audible)) - 10
  return lufs(mean(audible.filter(z => lufs(z) > gate)))
}

/** The gain that brings these samples to −16 LUFS; 1 for silence (nothing to bring up). */
export function gainToTarget(samples: ArrayLike<number>, rate: number): number {
  const loudness = integratedLoudness(samples, rate)
  return loudness > -70 ? 10 ** ((LOUDNESS.integrated - loudness) / 20) : 1
}

/**
 * Pass 2's filter for what pass 1 measured. When one gain brings the track to
 * −16 LUFS with its true peak under the limit (and its range within
 * loudnorm's), it is a plain `volume`: the very gain loudnorm's linear mode
 * would apply, without loudnorm's 192 kHz resampling (about a third of the
 * encode's CPU for a 25-minute talk). Otherwise loudnorm evens the loudness
 * dynamically.
 */
export function normalizer(measured: Ebur128Summary): string {
  const gain = LOUDNESS.integrated - measured.integrated
  if (measured.truePeak !== undefined && measured.truePeak + gain <= LOUDNESS.truePeak && measured.range <= LOUDNESS.range)
    return `volume=${gain.toFixed(2)}dB`
  return `loudnorm=I=${LOUDNESS.integrated}:TP=${LOUDNESS.truePeak}:LRA=${LOUDNESS.range}:measured_I=${measured.integrated}:measured_TP=${measured.truePeak}:measured_LRA=${measured.range}:measured_thresh=${measured.threshold}:offset=0:linear=true:print_format=json`
}

/** Speech peaks sit ~20 dB over its loudness, too high for one gain to −16 LUFS under −1.5 dBTP: a lookahead limiter at −3 dBFS first. */
const LIMITER = `alimiter=limit=${10 ** (-3 / 20)}:level=false:latency=true`
/** The true-peak ceiling, as a lookahead limiter (sample peaks at −2 dBFS leave room for the true peak between samples). */
const PEAK_LIMITER = `alimiter=limit=${10 ** ((LOUDNESS.truePeak - 0.5) / 20)}:level=false:latency=true`
const FFMPEG_BASE = ['-hide_banner', '-nostdin', '-nostats', '-y']

export type TrackInput = {
  /** The samples as 32-bit float mono at `rate`, in chunks; called once per pass. */
  chunks: () => Iterable<Float32Array>
  rate: number
} | {
  /** A media file ffmpeg reads (its first audio stream), so a long recording is never held in memory. */
  file: string
  /** Filters before the loudness ones: where the track starts and ends on the video's clock. */
  filter?: string
}

function rawInput(track: TrackInput) {
  return 'file' in track
    ? ['-i', track.file, '-map', '0:a:0', '-ac', '1']
    : ['-f', 'f32le', '-ar', String(track.rate), '-ac', '1', '-i', 'pipe:0']
}
const prefix = (track: TrackInput) => 'file' in track && track.filter ? `${track.filter},` : ''
function* bytesOf(track: TrackInput) {
  if ('file' in track)
    return
  for (const chunk of track.chunks())
    yield new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)
}
const inputOf = (track: TrackInput) => 'file' in track ? {} : { input: bytesOf(track) }

/**
 * The track as AAC at 48 kHz and −16 LUFS in `output` (an MP4 audio file).
 * Returns pass 1's measurement and whether loudnorm kept to one gain
 * (it falls back to its dynamic mode by itself when the peaks do not fit).
 */
export async function encodeNormalizedTrack(track: TrackInput, output: string, options: { gainThenLimit?: boolean } = {}): Promise<{ measured: Ebur128Summary, linear: boolean }> {
  const ffmpeg = findFfmpeg()
  const measure = async (filters: string) => parseEbur128Summary((await runProcessOutput(ffmpeg, [...FFMPEG_BASE, ...rawInput(track), '-af', `${prefix(track)}${filters}ebur128=framelog=verbose:peak=true`, '-f', 'null', '-'], { ...inputOf(track), quiet: true, label: 'ffmpeg (measuring the sound\'s loudness)' })).stderr)
  const measured = await measure(options.gainThenLimit ? '' : `${LIMITER},`)
  const audible = Number.isFinite(measured.integrated) && measured.integrated > -70
  let filter = !audible ? '' : `${LIMITER},${normalizer(measured)},`
  if (audible && options.gainThenLimit) {
    // A whole recorded talk (not evened slide by slide as the narration is):
    // its peaks rarely fit under one gain, and loudnorm's dynamic fallback then
    // lands short of the target (−18.5 LUFS on a test talk). So: one gain,
    // then the lookahead limiter at the true-peak ceiling. Limiting costs
    // loudness (2 LU on the test talk), so the gain is found by measuring the
    // limited sound at several gains in one pass and interpolating.
    const unlimited = LOUDNESS.integrated - measured.integrated
    const tries = [0, 2, 4, 7].map(extra => unlimited + extra)
    const graph = `[0:a:0]aformat=channel_layouts=mono,${prefix(track)}asplit=${tries.length}${tries.map((_, i) => `[s${i}]`).join('')};${tries.map((g, i) => `[s${i}]volume=${g.toFixed(2)}dB,${PEAK_LIMITER},ebur128[o${i}]`).join(';')}`
    const out = await runProcessOutput(ffmpeg, [...FFMPEG_BASE, ...rawInput(track).slice(0, 'file' in track ? 2 : undefined), '-filter_complex', graph, ...tries.flatMap((_, i) => ['-map', `[o${i}]`, '-f', 'null', '-'])], { ...inputOf(track), quiet: true, label: 'ffmpeg (measuring the limited sound\'s loudness)' })
    const levels = summaries(out.stderr).map(x => x.integrated)
    filter = `volume=${gainFor(tries, levels, LOUDNESS.integrated).toFixed(2)}dB,${PEAK_LIMITER},`
  }
  // Back to 48 kHz and straight into the AAC encoder ("fast" coder: a quarter
  // of the default's CPU, and ffmpeg's advice above 64 kb/s).
  const pass2 = await runProcessOutput(ffmpeg, [...FFMPEG_BASE, ...rawInput(track), '-af', `${prefix(track)}${filter}aresample=${SAMPLE_RATE}`, '-ac', '1', '-c:a', 'aac', '-aac_coder', 'fast', '-b:a', '128k', '-ar', String(SAMPLE_RATE), '-f', 'mp4', output], { ...inputOf(track), quiet: true, label: 'ffmpeg (normalizing and encoding the narration)' })
  return { measured, linear: !audible || !filter.includes('loudnorm') || /"normalization_type"\s*:\s*"linear"/.test(pass2.stderr) }
}
