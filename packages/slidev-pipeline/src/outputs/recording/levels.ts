import type { Levels } from './log.ts'
/**
 * Where the recording's sound sits against its log's clock, measured rather
 * than assumed. The page logs the microphone's level every frame (about 10 ms)
 * at the media time Chromium captured it (`levels` entries); the file's own
 * level is computed on the same 10 ms grid; the lag that best lines the two up
 * is how far the file's sound is from the log's times. Nothing in
 * MediaRecorder's API says which captured frame its file begins with; a file a
 * few hundred ms off would change every slide that long before or after its words.
 */

const STEP_MS = 10
/**
 * How far either way the lag is looked for: measured lags are tens of ms, and a wider search finds a
 * rhythmic sound's other periods (a beep a second matched its neighbours a second away).
 */
const SEARCH_MS = 500
/** Below this normalised correlation the levels do not match the file: no correction. */
const MIN_MATCH = 0.5

export interface LevelsOffset {
  /** Milliseconds to add to the log's times to get the file's position of the same moment. */
  ms: number
  /** Normalised correlation at the lag (1: the same shape). */
  match: number
}

/** The file's level in whole dB per 10 ms, from its samples at `rate`. */
function fileLevels(samples: Float32Array, rate: number): Float64Array {
  const hop = Math.round(rate * STEP_MS / 1000)
  const out = new Float64Array(Math.floor(samples.length / hop))
  for (let k = 0; k < out.length; k++) {
    let sum = 0
    for (let i = k * hop; i < (k + 1) * hop; i++)
      sum += samples[i]! * samples[i]!
    out[k] = Math.max(-100, 10 * Math.log10(sum / hop + 1e-12))
  }
  return out
}

/** The lag, or undefined when the log has no levels (an older recorder) or they match nothing. */
export function levelsOffset(levels: Levels, samples: Float32Array, rate: number): LevelsOffset | undefined {
  if (levels.at.length < 500)
    return undefined
  const file = fileLevels(samples, rate)
  // The log's levels on the same grid, by media time; a slot with no frame is NaN and left out.
  // Not Math.min(...at): a talk has 150 000 of them, past the arguments a call can take.
  const first = Math.round(levels.at.reduce((a, b) => Math.min(a, b)) / STEP_MS)
  const slots = Math.round(levels.at.reduce((a, b) => Math.max(a, b)) / STEP_MS) - first + 1
  const logged = new Float64Array(slots).fill(Number.NaN)
  levels.at.forEach((at, i) => (logged[Math.round(at / STEP_MS) - first] = levels.db[i]!))
  const present = logged.filter(v => !Number.isNaN(v))
  const logMean = present.reduce((a, b) => a + b, 0) / present.length
  const fileMean = file.reduce((a, b) => a + b, 0) / (file.length || 1)
  const search = SEARCH_MS / STEP_MS
  const score = (lag: number) => {
    let dot = 0
    let a2 = 0
    let b2 = 0
    // Slot i is media time (first + i)·10 ms, at file slot first + i + lag.
    const from = Math.max(0, -(first + lag))
    const to = Math.min(slots, file.length - (first + lag))
    for (let i = from; i < to; i++) {
      const v = logged[i]!
      if (Number.isNaN(v))
        continue
      const a = v - logMean
      const b = file[first + lag + i]! - fileMean
      dot += a * b
      a2 += a * a
      b2 += b * b
    }
    return dot / (Math.sqrt(a2 * b2) || 1)
  }
  let best = 0
  let bestScore = -Infinity
  const scores = new Map<number, number>()
  for (let lag = -search; lag <= search; lag++) {
    const value = score(lag)
    scores.set(lag, value)
    if (value > bestScore) {
      bestScore = value
      best = lag
    }
  }
  if (bestScore < MIN_MATCH)
    return undefined
  // A parabola through the peak and its neighbours: a fraction of the 10 ms step.
  const [l, c, r] = [scores.get(best - 1) ?? bestScore, bestScore, scores.get(best + 1) ?? bestScore]
  const denom = l - 2 * c + r
  const shift = denom < 0 ? 0.5 * (l - r) / denom : 0
  return { ms: Math.round((best + shift) * STEP_MS), match: bestScore }
}

/**
 * Where each stretch of the log between a resume and the next sits in the file: its own lag, since
 * MediaRecorder's pause and resume take effect when they do, not at their events' times (86 ms
 * apart once, at load average 7). A stretch too short to measure takes the one before it.
 * Returns undefined when nothing can be measured; `lags` for the log line.
 */
export function logToFile(log: { entries: { type: string, t: number }[], levels: Levels }, samples: Float32Array, rate: number): { at: (t: number) => number, lags: number[] } | undefined {
  const starts = [0, ...log.entries.filter(e => e.type === 'resume').map(e => e.t)]
  const lags: (number | undefined)[] = starts.map((from, i) => {
    const to = starts[i + 1] ?? Infinity
    // Not the frames next to a pause or a resume: which of them the file kept is what is being measured.
    const keep = log.levels.at.map((at, j) => at >= from + 300 && at < to - 300 ? j : -1).filter(j => j >= 0)
    return levelsOffset({ at: keep.map(j => log.levels.at[j]!), db: keep.map(j => log.levels.db[j]!) }, samples, rate)?.ms
  })
  if (lags.every(lag => lag === undefined))
    return undefined
  const filled = lags.map((lag, i) => lag ?? lags.slice(0, i).reverse().find(l => l !== undefined) ?? lags.find(l => l !== undefined)!)
  return {
    lags: filled,
    at: (t) => {
      let i = 0
      while (i + 1 < starts.length && t >= starts[i + 1]!)
        i++
      return filled[i]!
    },
  }
}
