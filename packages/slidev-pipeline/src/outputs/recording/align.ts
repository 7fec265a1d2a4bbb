/**
 * Where a better recording of the talk (the sound desk's, a phone's) sits on
 * the browser recording's clock, found by cross-correlating the two sounds.
 *
 * Both are decoded to mono at RATE (8 kHz keeps the speech band and makes a
 * 25-minute talk 12 M samples). Then two passes:
 *   1. coarse: the loudness envelopes (mean |x| per 5 ms) of the whole of both,
 *      cross-correlated by FFT: any offset, to ±5 ms, in well under a second;
 *   2. fine, in each half of the talk: 20 s of the browser's track around
 *      its loudest part against the same stretch of the other file ±0.25 s
 *      (the two offsets give the clocks' drift), at 8 kHz, with the phase
 *      transform (GCC-PHAT: each frequency weighted alike, so a different
 *      microphone and room colour the sound without moving the peak), the
 *      peak refined by a parabola to a fraction of a sample.
 *
 * The FFT is our own, 40 lines: a radix-2 complex FFT is all this needs, and
 * the npm packages for it are either unmaintained (fft.js, last release 2017)
 * or bring WebAssembly builds and APIs much larger than this file.
 */

export const ALIGN_RATE = 8000
const ENVELOPE_HOP = 40 // samples at 8 kHz: 5 ms
const FINE_WINDOW = 20 // seconds
const FINE_SEARCH = 0.25 // seconds either side of the coarse offset

/** In-place iterative radix-2 FFT of (re, im); `inverse` for the inverse (unscaled). Length a power of two. */
export function fft(re: Float64Array, im: Float64Array, inverse = false) {
  const n = re.length
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1
    for (; j & bit; bit >>= 1)
      j ^= bit
    j ^= bit
    if (i < j) {
      [re[i], re[j]] = [re[j]!, re[i]!];
      [im[i], im[j]] = [im[j]!, im[i]!]
    }
  }
  for (let size = 2; size <= n; size <<= 1) {
    const angle = (inverse ? 2 : -2) * Math.PI / size
    const wr = Math.cos(angle)
    const wi = Math.sin(angle)
    const half = size >> 1
    for (let start = 0; start < n; start += size) {
      let cr = 1
      let ci = 0
      for (let k = 0; k < half; k++) {
        const a = start + k
        const b = a + half
        const tr = re[b]! * cr - im[b]! * ci
        const ti = re[b]! * ci + im[b]! * cr
        re[b] = re[a]! - tr
        im[b] = im[a]! - ti
        re[a] = re[a]! + tr
        im[a] = im[a]! + ti
        const next = cr * wr - ci * wi
        ci = cr * wi + ci * wr
        cr = next
      }
    }
  }
}

const pow2 = (n: number) => 2 ** Math.ceil(Math.log2(Math.max(2, n)))

/**
 * Cross-correlation of `a` and `b` by FFT: `result(lag)` = Σ a[i + lag]·b[i],
 * for lag from -(b.length - 1) to a.length - 1; returned as a function of lag.
 * `phat` whitens the cross-spectrum (GCC-PHAT).
 */
export function crossCorrelate(a: ArrayLike<number>, b: ArrayLike<number>, phat = false): (lag: number) => number {
  const n = pow2(a.length + b.length)
  const ar = new Float64Array(n)
  const ai = new Float64Array(n)
  const br = new Float64Array(n)
  const bi = new Float64Array(n)
  for (let i = 0; i < a.length; i++)
    ar[i] = a[i]!
  for (let i = 0; i < b.length; i++)
    br[i] = b[i]!
  fft(ar, ai)
  fft(br, bi)
  // A · conj(B)
  for (let k = 0; k < n; k++) {
    const re = ar[k]! * br[k]! + ai[k]! * bi[k]!
    const im = ai[k]! * br[k]! - ar[k]! * bi[k]!
    const scale = phat ? 1 / (Math.hypot(re, im) + 1e-12) : 1
    ar[k] = re * scale
    ai[k] = im * scale
  }
  fft(ar, ai, true)
  return lag => ar[((lag % n) + n) % n]! / n
}

/** Mean absolute value per `hop` samples, minus its mean: the loudness envelope. */
function envelope(samples: Float32Array, hop: number): Float64Array {
  const out = new Float64Array(Math.floor(samples.length / hop))
  let total = 0
  for (let f = 0; f < out.length; f++) {
    let sum = 0
    for (let i = f * hop; i < (f + 1) * hop; i++)
      sum += Math.abs(samples[i]!)
    out[f] = sum / hop
    total += out[f]!
  }
  const mean = total / (out.length || 1)
  for (let f = 0; f < out.length; f++)
    out[f] = out[f]! - mean
  return out
}

/** The lag with the largest value in [from, to], refined by a parabola through it and its neighbours. */
function peak(corr: (lag: number) => number, from: number, to: number) {
  let best = from
  for (let lag = from; lag <= to; lag++) {
    if (corr(lag) > corr(best))
      best = lag
  }
  const [l, c, r] = [corr(best - 1), corr(best), corr(best + 1)]
  const denom = l - 2 * c + r
  const shift = denom < 0 && best > from && best < to ? 0.5 * (l - r) / denom : 0
  return { lag: best + shift, value: c }
}

export interface Alignment {
  /** Seconds: the other file's sound at time offset + x·(1 + drift) is the browser's at x (positive: it started earlier). */
  offset: number
  /**
   * The other clock against the browser's: its seconds per browser second, less 1 (positive: it runs fast).
   * Two devices' clocks differ by up to about 100 ppm: 0.15 s over 25 minutes. 0 when under 10 ms over the talk.
   */
  drift: number
  /** Fine peak height against the mean correlation around it, the worse of the two windows: below ~5 the match is doubtful. */
  confidence: number
}

/** Where `other` (the better recording) lies against `reference` (the browser's), both mono at ALIGN_RATE. */
export function alignTracks(reference: Float32Array, other: Float32Array, rate = ALIGN_RATE): Alignment {
  let found = alignOnce(reference, other, rate)
  const seconds = reference.length / rate
  // A drifting clock smears each window's peak (1000 ppm: 20 ms over 20 s), so the drift is measured again
  // on the other file put onto the browser's clock by the first estimate, until what is left is negligible.
  for (let round = 0; round < 3 && found.confidence > 0 && Math.abs(found.drift) * seconds > 0.001; round++) {
    const residual = alignOnce(reference, onClock(other, found, reference.length, rate), rate)
    if (!residual.confidence)
      break
    // other at offset + (o + x(1 + d))(1 + drift) is the browser's at x.
    found = { offset: found.offset + residual.offset * (1 + found.drift), drift: (1 + found.drift) * (1 + residual.drift) - 1, confidence: residual.confidence }
  }
  if (Math.abs(found.drift) * seconds < 0.01)
    return { offset: found.offset + found.drift * seconds / 2, drift: 0, confidence: found.confidence }
  return found
}

/** `other` on the reference's clock by `found` (linear interpolation; silence outside it), `length` samples. */
function onClock(other: Float32Array, found: Alignment, length: number, rate: number): Float32Array {
  const out = new Float32Array(length)
  for (let i = 0; i < length; i++) {
    const x = found.offset * rate + i * (1 + found.drift)
    const j = Math.floor(x)
    if (j >= 0 && j + 1 < other.length)
      out[i] = other[j]! + (other[j + 1]! - other[j]!) * (x - j)
  }
  return out
}

/** One measurement: the coarse offset, then the fine offset in each half of the talk; their difference is the drift. */
function alignOnce(reference: Float32Array, other: Float32Array, rate: number): Alignment {
  const hop = Math.round(ENVELOPE_HOP * rate / ALIGN_RATE)
  const envRef = envelope(reference, hop)
  const envOther = envelope(other, hop)
  // corr(lag) = Σ other[i + lag]·ref[i]: other at i + lag matches ref at i.
  const coarse = peak(crossCorrelate(envOther, envRef), -(envRef.length - 1), envOther.length - 1)
  const coarseSamples = Math.round(coarse.lag * hop)
  const window = Math.min(Math.round(FINE_WINDOW * rate), Math.floor(reference.length / 4))
  const half = Math.floor(reference.length / 2)
  const early = fineOffset(reference, other, coarseSamples, window, 0, half, rate)
  const late = fineOffset(reference, other, coarseSamples, window, half, reference.length, rate)
  if (!early || !late)
    return { offset: (early ?? late)?.offset ?? coarseSamples / rate, drift: 0, confidence: (early ?? late)?.confidence ?? 0 }
  const drift = (late.offset - early.offset) / (late.at - early.at)
  return { offset: early.offset - early.at * drift, drift, confidence: Math.min(early.confidence, late.confidence) }
}

/**
 * The offset at the loudest `window` of the reference starting in [from, to − window] that the other
 * file also covers: `at` (the window's middle, s), `offset` (s), `confidence`; undefined when none is.
 */
function fineOffset(reference: Float32Array, other: Float32Array, coarseSamples: number, window: number, from: number, to: number, rate: number) {
  const step = Math.max(1, Math.round(rate / 4))
  let bestStart = -1
  let bestEnergy = -1
  for (let start = from; start + window <= to; start += step) {
    const otherStart = start + coarseSamples
    if (otherStart < 0 || otherStart + window > other.length)
      continue
    let energy = 0
    for (let i = start; i < start + window; i += 8)
      energy += reference[i]! * reference[i]!
    if (energy > bestEnergy) {
      bestEnergy = energy
      bestStart = start
    }
  }
  const search = Math.round(FINE_SEARCH * rate)
  const lo = Math.max(0, bestStart + coarseSamples - search)
  const hi = Math.min(other.length, bestStart + coarseSamples + window + search)
  if (bestStart < 0 || hi - lo < window)
    return undefined
  const refPart = reference.subarray(bestStart, bestStart + window)
  const otherPart = other.subarray(lo, hi)
  const corr = crossCorrelate(otherPart, refPart, true)
  const expected = bestStart + coarseSamples - lo
  const first = Math.max(0, expected - search)
  const last = Math.min(otherPart.length - window, expected + search)
  const fine = peak(corr, first, last)
  let around = 0
  for (let lag = first; lag <= last; lag++)
    around += Math.abs(corr(lag))
  return { at: (bestStart + window / 2) / rate, offset: (lo + fine.lag - bestStart) / rate, confidence: fine.value / (around / (last - first + 1) || 1) }
}
