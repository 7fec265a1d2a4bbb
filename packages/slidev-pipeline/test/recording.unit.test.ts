import type { Deck } from '../src/support/deck'
/**
 * The recorded talk's pure parts: the log read and checked, the plan made from
 * it, the chapters' visits, the cross-correlation, the recogniser's output,
 * the transcript timed, the word error rate and the rehearsal report.
 */
import { describe, expect, it } from 'vitest'
import { gainFor } from '../src/outputs/narration/loudness'
import { alignTracks, crossCorrelate } from '../src/outputs/recording/align'
import { levelsOffset, logToFile } from '../src/outputs/recording/levels'
import { chapterVisits, checkLogDeck, parseLog, planFromLog, shiftLog } from '../src/outputs/recording/log'
import { findRecogniser, parseRecognised, PART_SECONDS, partCuts, SEARCH_SECONDS, wordCues, wordErrorRate } from '../src/outputs/recording/recognise'
import { rehearsal, rehearsalText } from '../src/outputs/recording/rehearsal'
import { alignTranscript, speechSegments, spreadTranscript } from '../src/outputs/recording/transcript'
import { planTiming } from '../src/outputs/video/timing'
import { artifactsIn, talkOf } from '../src/support/paths'

const deck = {
  entry: '/talks/my talk/slides.md',
  headmatter: { duration: '1min' },
  slides: [1, 2, 3].map(no => ({ no, title: no === 3 ? '' : `Slide title ${no}`, file: 'slides.md', notes: 'one two three four five six seven eight nine ten', frontmatter: {} })),
} as unknown as Deck

const start = '{"type":"start","version":1,"deck":"slides.md","title":"T","slides":3,"mimeType":"audio/webm","startedAt":"2026-12-10T09:00:00Z","camera":false}'
const log = (...lines: object[]) => [start, ...lines.map(l => JSON.stringify(l))].join('\n')

describe('the log', () => {
  it('reads the entries, the stop and the last time; a torn last line is dropped', () => {
    const parsed = parseLog(`${log({ type: 'slide', t: 0, slide: 1, click: 0 }, { type: 'pause', t: 1000 }, { type: 'resume', t: 1000 }, { type: 'slide', t: 2500, slide: 2, click: 0 })}\n{"type":"sli`, 'log.jsonl')
    expect(parsed.steps.map(s => s.t)).toEqual([0, 2500])
    expect(parsed.stop).toBeUndefined()
    expect(parsed.last).toBe(2.5)
    expect(parseLog(log({ type: 'slide', t: 0, slide: 1, click: 0 }, { type: 'stop', t: 4000, reason: 'control' }), 'l').stop).toBe(4)
  })

  it('names the line of what is wrong', () => {
    expect(() => parseLog('{"type":"slide"}', 'a/log.jsonl')).toThrow('a/log.jsonl:1: the first line must be the start entry')
    expect(() => parseLog(log({ type: 'slide', t: 0, slide: 0, click: 0 }), 'l')).toThrow('l:2: a slide entry needs "slide" (from 1)')
    expect(() => parseLog(log({ type: 'slide', t: 5, slide: 1, click: 0 }, { type: 'slide', t: 2, slide: 2, click: 0 }), 'l')).toThrow('l:3: time goes backwards')
    expect(() => parseLog(`${start}\nnot json\n{"type":"stop","t":1}`, 'l')).toThrow('l:2: not a JSON object')
    expect(() => parseLog(start, 'l')).toThrow('l has no slide entry')
    expect(() => parseLog(start.replace('"version":1', '"version":2'), 'l')).toThrow('log version 2; this toolkit reads version 1')
  })

  it('belongs to this deck: same entry and slide count', () => {
    const parsed = parseLog(log({ type: 'slide', t: 0, slide: 1, click: 0 }), 'log.jsonl')
    expect(() => checkLogDeck(parsed, deck, 'log.jsonl')).not.toThrow()
    expect(() => checkLogDeck({ ...parsed, start: { ...parsed.start, slides: 9 } }, deck, 'log.jsonl')).toThrow('log.jsonl was recorded from another deck: it names slides.md with 9 slides ("T"), this is slides.md with 3 slides')
    expect(() => checkLogDeck({ ...parsed, start: { ...parsed.start, deck: 'other.md' } }, deck, 'log.jsonl')).toThrow('recorded from another deck')
  })

  it('becomes a plan: each step from its logged time to the next, in whole frames that never drift', () => {
    // 1001 steps of 1.0337 s: rounding each step alone would drift by up to 1001 × 1/60 s.
    const entries = Array.from({ length: 1001 }, (_, i) => ({ type: 'slide', t: Math.round(i * 1033.7), slide: (i % 3) + 1, click: 0 }))
    const parsed = parseLog(log(...entries), 'l')
    const { plan } = planFromLog(parsed, deck, [0, 0, 0], 1040)
    expect(plan.steps).toHaveLength(1001)
    plan.steps.forEach((step, i) => expect(Math.abs(step.start - (i ? entries[i]!.t / 1000 : 0))).toBeLessThanOrEqual(1 / 60 + 1e-9))
    expect(plan.total).toBe(1040)
    expect(plan.steps.reduce((n, s) => n + s.frames, 0)).toBe(plan.totalFrames)
  })

  it('shows a click the deck no longer has as the slide\'s last step, and merges repeats', () => {
    const parsed = parseLog(log({ type: 'slide', t: 500, slide: 1, click: 0 }, { type: 'slide', t: 1000, slide: 1, click: 0 }, { type: 'slide', t: 2000, slide: 2, click: 5 }, { type: 'slide', t: 3000, slide: 2, click: 1 }), 'l')
    const { plan, clamped } = planFromLog(parsed, deck, [0, 1, 0], 4)
    expect(plan.steps.map(s => [s.slide, s.clicks, s.start, s.duration])).toEqual([[1, 0, 0, 2], [2, 1, 2, 2]])
    expect(clamped.map(s => s.click)).toEqual([5])
  })

  it('makes one chapter per visit, folding a slide flicked past (under 5 s) into the one before', () => {
    // Slide 2 for 2 s, back to 1 for 1 s, then slide 2 for real: its chapter starts at 13 s.
    const parsed = parseLog(log({ type: 'slide', t: 0, slide: 1, click: 0 }, { type: 'slide', t: 10_000, slide: 2, click: 0 }, { type: 'slide', t: 12_000, slide: 1, click: 0 }, { type: 'slide', t: 13_000, slide: 2, click: 0 }, { type: 'slide', t: 30_000, slide: 1, click: 0 }), 'l')
    const { plan } = planFromLog(parsed, deck, [0, 0, 0], 40)
    expect(plan.slides.map(s => [s.no, s.start])).toEqual([[1, 0], [2, 10], [1, 12], [2, 13], [1, 30]])
    expect(chapterVisits(plan).map(s => [s.no, s.start, s.duration])).toEqual([[1, 0, 13], [2, 13, 17], [1, 30, 10]])
  })
})

/** Reproducible noise in [-0.5, 0.5). */
function noise(n: number, seed: number) {
  let x = seed
  return Float32Array.from({ length: n }, () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648) - 0.5)
}

describe('cross-correlation', () => {
  it('finds the lag of one signal in another', () => {
    const b = noise(1000, 1)
    const a = new Float32Array(1500)
    a.set(b, 321)
    const corr = crossCorrelate(a, b)
    const lags = Array.from({ length: 2499 }, (_, i) => i - 999)
    expect(lags.reduce((best, lag) => corr(lag) > corr(best) ? lag : best)).toBe(321)
  })

  it('aligns a quieter, noisier copy that started 3.2 s earlier, to within a millisecond', () => {
    const rate = 8000
    const reference = new Float32Array(40 * rate)
    const bursts = noise(40, 7)
    // Speech-like: bursts of noise at irregular times.
    bursts.forEach((v, k) => reference.set(noise(2000, k + 3), Math.floor((v + 0.5) * 38 * rate)))
    const other = new Float32Array(reference.length + Math.round(3.2 * rate))
    const hiss = noise(other.length, 99)
    other.forEach((_, i) => (other[i] = 0.02 * hiss[i]!))
    reference.forEach((v, i) => (other[i + Math.round(3.2 * rate)]! += 0.4 * v))
    const found = alignTracks(reference, other, rate)
    expect(Math.abs(found.offset - 3.2)).toBeLessThan(0.001)
    expect(found.drift).toBe(0)
    expect(found.confidence).toBeGreaterThan(5)
  })

  it('finds the other clock\'s drift (a copy 1.5 s late whose clock runs 200 ppm slow), to within 2 ms at either end of 5 minutes', () => {
    const rate = 8000
    const reference = new Float32Array(300 * rate)
    noise(300, 11).forEach((v, k) => reference.set(noise(2000, k + 5), Math.floor((v + 0.5) * 298 * rate)))
    // The other device took 0.9998 s for each of the browser's seconds (60 ms over the 5 minutes), and started 1.5 s after it.
    const drift = -0.0002
    const other = new Float32Array(Math.round(reference.length * (1 + drift)))
    other.forEach((_, i) => {
      const x = i / (1 + drift) + 1.5 * rate
      const j = Math.floor(x)
      other[i] = j + 1 < reference.length && j >= 0 ? 0.5 * (reference[j]! * (j + 1 - x) + reference[j + 1]! * (x - j)) : 0
    })
    const found = alignTracks(reference, other, rate)
    expect(Math.abs(found.drift - drift)).toBeLessThan(0.00001)
    // Where the other file is at the browser's 2 s and 295 s, against the truth.
    for (const x of [2, 295])
      expect(Math.abs(found.offset + x * (1 + found.drift) - (x - 1.5) * (1 + drift))).toBeLessThan(0.002)
  }, 30_000)
})

describe('captions', () => {
  it('reads pocketsphinx\'s word times, without fillers and alternates', () => {
    expect(parseRecognised('the first client\n<s> 0.100 0.140 0.999400\nthe 0.150 0.250 0.95\n<sil> 1.190 1.220 0.71\nfor(3) 5.710 5.890 0.90\n[NOISE] 6.0 6.1 1\n</s> 9.700 9.720 1.000000\n', 10))
      .toEqual([{ word: 'the', start: 10.15, end: 10.25 }, { word: 'for', start: 15.71, end: 15.89 }])
  })

  it('groups words into cues at pauses and at two lines, never overlapping', () => {
    const words = 'one two three'.split(' ').map((word, i) => ({ word, start: i * 0.4, end: i * 0.4 + 0.3 }))
    const later = 'four five'.split(' ').map((word, i) => ({ word, start: 5 + i * 0.4, end: 5 + i * 0.4 + 0.3 }))
    expect(wordCues([...words, ...later])).toEqual([{ start: 0, end: 1.1, text: 'one two three' }, { start: 5, end: 5.7, text: 'four five' }])
  })

  it('counts the word error rate as (S + D + I) / N', () => {
    expect(wordErrorRate('The cat sat on the mat.', 'the cat sat on a mat')).toBeCloseTo(1 / 6)
    expect(wordErrorRate('a b c d', 'a c d e f')).toBeCloseTo(3 / 4)
  })

  it('times a transcript by the recognised words it matches, the rest in between', () => {
    const recognised = [['we', 1], ['start', 1.3], ['whiff', 1.7], ['an', 2], ['empty', 2.2], ['list', 2.6]].map(([word, start]) => ({ word: word as string, start: start as number, end: (start as number) + 0.25 }))
    const timed = alignTranscript('We start with an empty, empty list.', recognised)
    expect(timed.map(w => w.word)).toEqual(['We', 'start', 'with', 'an', 'empty,', 'empty', 'list.'])
    expect(timed.map(w => w.start)).toEqual([1, 1.3, 1.7, 2, expect.any(Number), expect.any(Number), 2.6])
    expect(wordCues(timed)).toEqual([{ start: 1, end: 2.85, text: 'We start with an empty, empty list.' }])
  })

  it('without the recogniser, spreads a transcript over the speech', () => {
    const rate = 1000
    const samples = new Int16Array(10 * rate)
    samples.fill(3000, 1 * rate, 3 * rate)
    samples.fill(3000, 6 * rate, 8 * rate)
    const segments = speechSegments(samples, rate)
    expect(segments).toEqual([{ start: 1, end: 3 }, { start: 6, end: 8 }])
    const words = spreadTranscript('aaa bbb ccc ddd', segments)
    expect(words.map(w => [w.start, w.end])).toEqual([[1, 2], [2, 3], [6, 7], [7, 8]])
  })

  it('finds no recogniser on an empty PATH', () => {
    expect(findRecogniser({ PATH: '' })).toBeUndefined()
  })
})

describe('the rehearsal report', () => {
  it('compares each slide with the notes\' plan and names what ran long', () => {
    const parsed = parseLog(log({ type: 'slide', t: 0, slide: 1, click: 0 }, { type: 'slide', t: 5000, slide: 2, click: 0 }, { type: 'pause', t: 30_000 }, { type: 'resume', t: 30_000 }, { type: 'slide', t: 40_000, slide: 1, click: 0 }), 'l')
    const plan = planTiming(deck, [0, 0, 0])
    const { plan: recorded } = planFromLog(parsed, deck, [0, 0, 0], 45)
    const report = rehearsal(deck, plan, recorded, parsed)
    expect(report.slides.map(s => [s.no, s.spent, s.planned, s.shown])).toEqual([[1, 10, 4, true], [2, 35, 4, true], [3, 0, 4, false]])
    expect(report.long.map(s => s.no)).toEqual([2])
    const text = rehearsalText(report, 'T', '2026-12-10T09:00:00Z')
    expect(text).toContain('Spoken 0:45 against a plan of 0:12 from the notes; the slot is 1:00 (1 pause not counted)')
    expect(text).toContain('     2     0:35     0:04     +0:31         +0:37   Slide title 2   ← ran long')
    expect(text).toContain('     3     0:00     0:04     −0:04         +0:33   Slide 3   (not shown)')
    expect(text).toContain('Cut first: slide 2 "Slide title 2", 0:35 spoken for 0:04 planned.')
  })
})

describe('loudness and names', () => {
  it('interpolates the gain that reaches the target between measured tries', () => {
    expect(gainFor([7, 9, 11, 14], [-18.3, -16.8, -15.2, -13], -16)).toBeCloseTo(10)
    expect(gainFor([7, 9], [-20, -19], -16)).toBeCloseTo(15)
  })

  it('names a recorded talk\'s video beside the narrated one', () => {
    const talk = talkOf(artifactsIn('/x/exports', 'deck'))
    expect([talk.video, talk.captions, talk.chapters, talk.thumbnail]).toEqual(['/x/exports/deck-talk.mp4', '/x/exports/deck-talk.vtt', '/x/exports/deck-talk-chapters.txt', '/x/exports/deck-talk-thumbnail.png'])
    expect(talk.pdf).toBe('/x/exports/deck.pdf')
  })
})

describe('the parts the recogniser takes', () => {
  // Speech-like noise with a quiet 300 ms every 7 s, at 1 kHz (the cuts do not care about the rate).
  const rate = 1000
  const talk = new Int16Array(400 * rate)
  let seed = 7
  for (let i = 0; i < talk.length; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    talk[i] = (i % (7 * rate)) < 300 ? 0 : (seed % 2000) - 1000
  }

  it('cuts about every PART_SECONDS, at a quiet moment within SEARCH_SECONDS', () => {
    const cuts = partCuts(talk, rate)
    expect(cuts[0]).toBe(0)
    expect(cuts.at(-1)).toBe(talk.length)
    expect(cuts.length).toBe(2 + Math.floor((400 - SEARCH_SECONDS - 0.1) / PART_SECONDS))
    cuts.slice(1, -1).forEach((cut, k) => {
      expect(Math.abs(cut - (k + 1) * PART_SECONDS * rate)).toBeLessThanOrEqual(SEARCH_SECONDS * rate)
      expect(talk[cut]).toBe(0)
    })
  })

  it('cuts a talk still being recorded where it cuts the finished one', () => {
    const full = partCuts(talk, rate)
    for (const seconds of [50, 71, 75, 130, 200, 333]) {
      const sofar = partCuts(talk.subarray(0, seconds * rate), rate)
      // Every cut but the end of what is recorded so far is a cut of the finished talk.
      expect(sofar.slice(0, -1), `${seconds} s`).toEqual(full.slice(0, sofar.length - 1))
    }
  })
})

describe('where the sound sits against the log\'s clock', () => {
  const rate = 8000
  // Speech-like: 60 s of bursts of noise at irregular times.
  const sound = new Float32Array(60 * rate)
  noise(50, 21).forEach((v, k) => sound.set(noise(3000, k + 40).map(x => x * (0.2 + Math.abs(v))), Math.floor((v + 0.5) * 58 * rate)))
  /** The page's levels of `sound`, frames of 10 ms captured at media times `lag` ms before their place in the file, ±2 ms of jitter. */
  const pageLevels = (lag: number) => {
    const levels = { at: [] as number[], db: [] as number[] }
    const jitter = noise(6000, 5)
    for (let k = 0; k * 80 + 80 <= sound.length; k++) {
      let sum = 0
      for (let i = k * 80; i < k * 80 + 80; i++)
        sum += sound[i]! ** 2
      levels.at.push(Math.round(k * 10 - lag + 2 * jitter[k % jitter.length]!))
      levels.db.push(Math.max(-100, Math.round(10 * Math.log10(sum / 80 + 1e-12))))
    }
    return levels
  }

  it('finds the file 320 ms later than the log\'s clock, and 0 when it is not', () => {
    expect(Math.abs(levelsOffset(pageLevels(320), sound, rate)!.ms - 320)).toBeLessThanOrEqual(3)
    expect(Math.abs(levelsOffset(pageLevels(-45), sound, rate)!.ms + 45)).toBeLessThanOrEqual(3)
    expect(Math.abs(levelsOffset(pageLevels(0), sound, rate)!.ms)).toBeLessThanOrEqual(3)
  })

  it('reads the levels of a whole talk: 25 minutes, 150 000 frames', () => {
    const talk = new Float32Array(25 * 60 * rate)
    for (let i = 0; i < talk.length; i += sound.length)
      talk.set(sound.subarray(0, Math.min(sound.length, talk.length - i)).map((x, j) => x * (1 + ((i / sound.length) % 3) * (j % 977 === 0 ? 1 : 0.2))), i)
    const levels = { at: [] as number[], db: [] as number[] }
    for (let k = 0; k * 80 + 80 <= talk.length; k++) {
      let sum = 0
      for (let i = k * 80; i < k * 80 + 80; i++)
        sum += talk[i]! ** 2
      levels.at.push(k * 10 - 140)
      levels.db.push(Math.max(-100, Math.round(10 * Math.log10(sum / 80 + 1e-12))))
    }
    expect(levels.at.length).toBe(150_000)
    expect(Math.abs(levelsOffset(levels, talk, rate)!.ms - 140)).toBeLessThanOrEqual(3)
  }, 30_000)

  it('says nothing without levels (an older recorder) or when they match nothing', () => {
    expect(levelsOffset({ at: [], db: [] }, sound, rate)).toBeUndefined()
    const other = pageLevels(0)
    other.db = other.db.map((_, i) => other.db[(i * 7919) % other.db.length]!)
    expect(levelsOffset(other, sound, rate)).toBeUndefined()
  })

  it('measures each stretch between resumes apart: a pause that took effect 90 ms before its event', () => {
    // The file kept the sound up to 30 s and from 32 s on; the page's clock cut 30.09 s to 32 s.
    const before = pageLevels(10)
    const levels = { at: [] as number[], db: [] as number[] }
    before.at.forEach((at, i) => {
      const file = at + 10
      if (file < 30_000 || file >= 32_000) {
        levels.at.push(file < 30_000 ? at : at - 2000 + 90)
        levels.db.push(before.db[i]!)
      }
    })
    // The file without the cut stretch: what MediaRecorder wrote.
    const file = new Float32Array(sound.length - 2 * rate)
    file.set(sound.subarray(0, 30 * rate))
    file.set(sound.subarray(32 * rate), 30 * rate)
    const entries = [{ type: 'slide', t: 0 }, { type: 'pause', t: 30_090 }, { type: 'resume', t: 30_090 }, { type: 'slide', t: 40_000 }]
    const sync = logToFile({ entries, levels }, file, rate)!
    expect(Math.abs(sync.lags[0]! - 10)).toBeLessThanOrEqual(3)
    expect(Math.abs(sync.lags[1]! - (10 - 90))).toBeLessThanOrEqual(3)
    expect(sync.at(40_000)).toBe(sync.lags[1])
  }, 30_000)

  it('reads the levels from the log and moves every entry by the lag', () => {
    const parsed = parseLog(log({ type: 'slide', t: 0, slide: 1, click: 0 }, { type: 'levels', t: 0, at: [-20, -10, 0], db: [-50, -40, -30] }, { type: 'slide', t: 2500, slide: 2, click: 0 }, { type: 'levels', t: 10, at: [10], db: [-20] }, { type: 'stop', t: 4000 }), 'log.jsonl')
    expect(parsed.levels).toEqual({ at: [-20, -10, 0, 10], db: [-50, -40, -30, -20] })
    const moved = shiftLog(parsed, 320)
    expect(moved.steps.map(s => s.t)).toEqual([320, 2820])
    expect(moved.stop).toBe(4.32)
    expect(shiftLog(parsed, -100).steps.map(s => s.t)).toEqual([0, 2400])
  })
})
