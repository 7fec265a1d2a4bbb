import type { Word } from './recognise.ts'
/**
 * The speaker's own transcript (plain text: what they said, corrected) timed
 * to the recording. Two ways, and the render says which it used:
 *   - aligned: the transcript's words matched to the recogniser's words
 *     (edit-distance alignment, as a WER is counted); a matched word takes
 *     the recognised word's time, the words between two matches share the
 *     time between them;
 *   - spread: without the recogniser, the words are spread over the stretches
 *     of speech (100 ms frames louder than the quiet floor) in proportion to
 *     their length, so captions pause where the speaker paused.
 */

const normal = (word: string) => word.toLowerCase().replace(/[^a-z0-9']/g, '')

/** The transcript's words, each timed by the recognised words it matches. */
export function alignTranscript(transcript: string, recognised: Word[]): Word[] {
  const words = transcript.split(/\s+/).filter(Boolean)
  const a = words.map(normal)
  const b = recognised.map(w => normal(w.word))
  const n = a.length
  const m = b.length
  // Edit distance with a backtrace: 0 diagonal, 1 up (transcript word unmatched), 2 left (recognised word extra).
  const from = new Uint8Array((n + 1) * (m + 1))
  let prev = new Int32Array(m + 1).map((_, j) => j)
  for (let j = 1; j <= m; j++)
    from[j] = 2
  for (let i = 1; i <= n; i++) {
    const row = new Int32Array(m + 1)
    row[0] = i
    from[i * (m + 1)] = 1
    for (let j = 1; j <= m; j++) {
      const diagonal = prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)
      const up = prev[j]! + 1
      const left = row[j - 1]! + 1
      if (diagonal <= up && diagonal <= left) {
        row[j] = diagonal
        from[i * (m + 1) + j] = 0
      }
      else if (up <= left) {
        row[j] = up
        from[i * (m + 1) + j] = 1
      }
      else {
        row[j] = left
        from[i * (m + 1) + j] = 2
      }
    }
    prev = row
  }
  const times: ({ start: number, end: number } | undefined)[] = Array.from({ length: n })
  for (let i = n, j = m; i > 0 || j > 0;) {
    const move = from[i * (m + 1) + j]
    if (move === 0) {
      // Substitutions keep their time too: a misrecognised word was still spoken there.
      times[i - 1] = { start: recognised[j - 1]!.start, end: recognised[j - 1]!.end }
      i--
      j--
    }
    else if (move === 1) {
      i--
    }
    else {
      j--
    }
  }
  // Unmatched words share the time between their matched neighbours.
  const out: Word[] = []
  for (let i = 0; i < n;) {
    if (times[i]) {
      out.push({ word: words[i]!, ...times[i]! })
      i++
      continue
    }
    let k = i
    while (k < n && !times[k])
      k++
    const start = out.at(-1)?.end ?? recognised[0]?.start ?? 0
    const end = times[k]?.start ?? recognised.at(-1)?.end ?? start + (k - i) * 0.4
    const each = Math.max(0, end - start) / (k - i)
    for (let w = i; w < k; w++)
      out.push({ word: words[w]!, start: start + each * (w - i), end: start + each * (w - i + 1) })
    i = k
  }
  return out
}

/** Stretches of speech in 16-bit mono samples: 100 ms frames above a floor set from the quietest tenth, joined over gaps under 0.3 s. */
export function speechSegments(samples: Int16Array, rate: number): { start: number, end: number }[] {
  const frame = Math.round(rate / 10)
  const levels: number[] = []
  for (let at = 0; at + frame <= samples.length; at += frame) {
    let sum = 0
    for (let i = at; i < at + frame; i++)
      sum += samples[i]! * samples[i]!
    levels.push(Math.sqrt(sum / frame))
  }
  const sorted = [...levels].sort((x, y) => x - y)
  const floor = sorted[Math.floor(sorted.length / 10)] ?? 0
  const loud = sorted[Math.floor(sorted.length * 0.9)] ?? 0
  const threshold = Math.max(floor * 3, floor + (loud - floor) * 0.1, 30)
  const segments: { start: number, end: number }[] = []
  levels.forEach((level, f) => {
    if (level < threshold)
      return
    const last = segments.at(-1)
    if (last && f / 10 - last.end < 0.3)
      last.end = (f + 1) / 10
    else
      segments.push({ start: f / 10, end: (f + 1) / 10 })
  })
  return segments
}

/** The transcript's words spread over the speech, in proportion to their length. */
export function spreadTranscript(transcript: string, segments: { start: number, end: number }[]): Word[] {
  const words = transcript.split(/\s+/).filter(Boolean)
  const speech = segments.reduce((t, s) => t + s.end - s.start, 0)
  const chars = words.reduce((t, w) => t + w.length + 1, 0)
  const out: Word[] = []
  let seg = 0
  let at = segments[0]?.start ?? 0
  for (const word of words) {
    let left = (word.length + 1) / chars * speech
    // A word that would start where a stretch ends starts at the next one.
    if (seg + 1 < segments.length && at >= segments[seg]!.end - 1e-9)
      at = segments[++seg]!.start
    const start = at
    while (seg < segments.length && left > 1e-9) {
      const room = segments[seg]!.end - at
      if (left <= room) {
        at += left
        left = 0
      }
      else {
        left -= room
        seg++
        at = segments[seg]?.start ?? at + room
      }
    }
    out.push({ word, start: Math.min(start, at), end: at })
  }
  return out
}
