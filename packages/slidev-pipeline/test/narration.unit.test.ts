import type { StepSound } from '../src/outputs/video/speech'
/** Narration for `slidev-pipeline video --voice`: lexicon, sentences, the timing plan made from speech and recordings, captions, recordings' names. Pure, no voice. */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { applyLexicon, LexiconError, readLexicon, sayVersion } from '../src/outputs/narration/lexicon'
import { gainToTarget, integratedLoudness, normalizer, parseEbur128Summary } from '../src/outputs/narration/loudness'
import { findRecordings, parseRecordingName, RecordingError } from '../src/outputs/narration/recordings'
import { narrationScript } from '../src/outputs/narration/script'
import { hasWords, sentencesOf } from '../src/outputs/narration/sentences'
import { parseWav, wavBuffer } from '../src/outputs/narration/wav'
import { speechCues, timeAt } from '../src/outputs/video/captions'
import { planTiming } from '../src/outputs/video/timing'
import { speakable } from '../src/support/deck'
import { findFfmpeg } from '../src/support/executable'
import { deckOf, words } from './helpers/deck'

const temp = () => mkdtempSync(join(tmpdir(), 'narration-unit-'))

describe('lexicon', () => {
  const lexicon = { words: { AKS: 'A K S' } }

  it('changes only whole words, with their case', () => {
    expect(applyLexicon('AKS runs; AKSes, aks and Aks do not.', lexicon)).toBe('A K S runs; AKSes, aks and Aks do not.')
  })

  it('reads version numbers and ISO dates as people say them', () => {
    expect(sayVersion('1.31')).toBe('1 point 31')
    expect(sayVersion('22.04')).toBe('22 point oh 4')
    expect(sayVersion('2.61.0')).toBe('2 point 61 point oh')
    expect(applyLexicon('Kubernetes 1.31 and Ubuntu 3.0, API 2021-03-01.', lexicon))
      .toBe('Kubernetes 1 point 31 and Ubuntu 3 point oh, API 2021, oh 3, oh 1.')
  })

  it('turns typography into plain ASCII for the voice', () => {
    expect(applyLexicon('It’s here — at last', { words: {} })).toBe('It\'s here, at last')
  })

  it('names the file and the entry when the lexicon is bad', () => {
    const dir = temp()
    try {
      const file = join(dir, 'lexicon.json')
      writeFileSync(file, JSON.stringify({ words: { 'two words': 'x' } }))
      expect(() => readLexicon(file)).toThrow(LexiconError)
      expect(() => readLexicon(file)).toThrow(`${file}: words.two words: a lexicon key is one word`)
      writeFileSync(file, '{ "words": { "AKS": "A K S", } }')
      expect(() => readLexicon(file)).toThrow(file)
    }
    finally {
      rmSync(dir, { recursive: true })
    }
  })
})

describe('sentences', () => {
  it('cuts at sentence ends and keeps where each sits in the text', () => {
    const text = 'Hello there. Is it “1.31”? Yes! Done'
    const sentences = sentencesOf(text)
    expect(sentences.map(s => s.text)).toEqual(['Hello there.', 'Is it “1.31”?', 'Yes!', 'Done'])
    for (const s of sentences)
      expect(text.slice(s.from, s.to)).toBe(s.text)
    expect(sentencesOf('')).toEqual([])
    expect([hasWords('—'), hasWords('A.')]).toEqual([false, true])
  })
})

describe('timing from the narration', () => {
  const voice = (seconds: number): StepSound => ({ kind: 'voice', seconds, spans: [] })
  const silent: StepSound = { kind: 'silent' }
  /** The plan made once, from the notes and the measured speech. */
  const narrated = (deck: ReturnType<typeof deckOf>, clicks: number[], steps: StepSound[], slides = new Map<number, number>()) => planTiming(deck, clicks, {}, { steps, slides })

  it('lasts as long as the speech plus a pause, in whole frames', () => {
    const plan = narrated(deckOf([{ notes: `${words(150)} [click] ${words(10)}` }, { notes: '' }]), [1, 0], [voice(3.01), voice(0.4), silent])
    // 3.01 + 0.6 s pause = 3.61 s -> 109 frames; a very short step gets 1.5 s; a silent one keeps 3 s.
    expect(plan.steps.map(s => s.frames)).toEqual([109, 45, 90])
    expect(plan.total).toBeCloseTo((109 + 45 + 90) / 30, 9)
    expect(plan.steps[1]!.start).toBeCloseTo(109 / 30, 9)
    expect(plan.extended).toEqual([])
  })

  it('gives a recorded step exactly the recording, and a recorded slide the whole recording split by its notes', () => {
    const plan = narrated(deckOf([{ notes: `${words(100)} [click] ${words(50)}` }, { notes: words(20) }]), [1, 0], [silent, silent, { kind: 'recording', seconds: 5.21 }], new Map([[1, 9]]))
    expect(plan.slides[0]!.duration).toBeCloseTo(9, 9)
    expect(plan.slides[0]!.steps.map(s => s.frames)).toEqual([180, 90])
    expect(plan.slides[1]!.steps[0]!.frames).toBe(157)
    expect(plan.slides[1]!.start).toBeCloseTo(9, 9)
  })

  it('lets frontmatter win: longer times pad the speech, shorter ones are extended and reported', () => {
    const plan = narrated(deckOf([
      { frontmatter: { durations: [2, 8] }, notes: 'a [click] b' },
      { frontmatter: { duration: 10 }, notes: 'c [click] d' },
      { frontmatter: { duration: 2 }, notes: 'e' },
    ]), [1, 1, 0], [voice(3), voice(1), voice(2), voice(1), silent], new Map([[3, 5]]))
    expect(plan.slides[0]!.steps.map(s => s.duration)).toEqual([3.6, 8])
    // 2.6 s and 1.6 s of speech, the rest of the 10 s shared in proportion.
    expect(plan.slides[1]!.duration).toBeCloseTo(10, 1)
    expect(plan.slides[1]!.steps[0]!.duration / plan.slides[1]!.steps[1]!.duration).toBeCloseTo(2.6 / 1.6, 1)
    expect(plan.slides[2]!.duration).toBe(5)
    expect(plan.extended).toEqual([{ slide: 1, clicks: 0, set: 2, needed: 3.6 }, { slide: 3, set: 2, needed: 5 }])
  })

  it('refuses speech that does not match the deck\'s click steps', () => {
    expect(() => narrated(deckOf([{ notes: 'x' }]), [0], [])).toThrow(/speech for 0 steps, but the deck has 1/)
  })
})

describe('captions from the speech', () => {
  it('starts and ends each cue when its sentences are spoken, with the words as written', () => {
    const text = speakable('Use **kubectl** now. Then wait.')
    const [one, two] = sentencesOf(text)
    const cues = speechCues([{ text, spans: [{ ...one!, start: 10, end: 11.5 }, { ...two!, start: 11.7, end: 12.4 }] }], { lineLength: 20, lines: 1 })
    expect(cues).toEqual([{ start: 10, end: 11.5, text: 'Use kubectl now.' }, { start: 11.7, end: 12.4, text: 'Then wait.' }])
  })

  it('spreads a recording over its length by the characters, inside it', () => {
    const text = 'A short one. And then a much longer sentence follows it here.'
    const cues = speechCues([{ text, spans: [{ from: 0, to: text.length, start: 5, end: 11 }] }], { lineLength: 30, lines: 1 })
    expect(cues[0]!.start).toBe(5)
    expect(cues.at(-1)!.end).toBe(11)
    expect(cues[0]!.end - cues[0]!.start).toBeLessThan(cues[1]!.end - cues[1]!.start)
    cues.slice(1).forEach((c, i) => expect(c.start).toBeGreaterThanOrEqual(cues[i]!.end))
  })

  it('maps a place in the text to a time: gaps belong to the next sentence at a start, to the last at an end', () => {
    const spans = [{ from: 0, to: 10, start: 0, end: 2 }, { from: 11, to: 21, start: 3, end: 5 }]
    expect([timeAt(spans, 5, 'start'), timeAt(spans, 10, 'start'), timeAt(spans, 10, 'end'), timeAt(spans, 21, 'end')]).toEqual([1, 3, 2, 5])
  })
})

describe('recordings in narration/', () => {
  it('reads slide and click step from the name', () => {
    expect(parseRecordingName('07.m4a')).toEqual({ slide: 7, step: undefined })
    expect(parseRecordingName('07-2.WAV')).toEqual({ slide: 7, step: 2 })
    expect(parseRecordingName('intro.m4a')).toBeUndefined()
  })

  it('finds recordings and ignores other files', () => {
    const dir = temp()
    try {
      for (const name of ['01.m4a', '02-1.wav', 'lexicon.json', 'take-notes.txt'])
        writeFileSync(join(dir, name), '')
      expect(findRecordings(dir, [1, 3])).toEqual([{ file: join(dir, '01.m4a'), slide: 1, step: undefined }, { file: join(dir, '02-1.wav'), slide: 2, step: 1 }])
      expect(findRecordings(join(dir, 'none'), [1])).toEqual([])
    }
    finally {
      rmSync(dir, { recursive: true })
    }
  })

  it.each([
    ['intro.m4a', /intro\.m4a: name a recording NN\.m4a/],
    ['09.m4a', /09\.m4a: the deck has no slide 9 \(it has 2\)/],
    ['02-3.mp3', /02-3\.mp3: slide 2 has click steps 0 to 2, not 3/],
    ['02-1.m4a', /02\.m4a: slide 2 already has .*02-1\.m4a/],
  ])('names %s when it cannot be used', (name, message) => {
    const dir = temp()
    try {
      writeFileSync(join(dir, name), '')
      if (name === '02-1.m4a')
        writeFileSync(join(dir, '02.m4a'), '')
      expect(() => findRecordings(dir, [1, 3])).toThrow(RecordingError)
      expect(() => findRecordings(dir, [1, 3])).toThrow(message)
    }
    finally {
      rmSync(dir, { recursive: true })
    }
  })
})

describe('narration script', () => {
  it('gives each slide and step its text, file and target length', () => {
    const plan = planTiming(deckOf([{ title: 'Intro', notes: words(25) }, { title: 'Points', notes: 'First **bold**. [click] Second.' }]), [0, 1])
    const script = narrationScript(plan, 'Talk')
    expect(script).toContain('## Slide 1: Intro\n\n`narration/01.m4a`, about 10 s\n\n> word0 word1')
    expect(script).toContain('### Click step 1\n\n`narration/02-1.m4a`, about 3 s\n\n> Second.')
    expect(script).toContain('> First bold.')
  })
})

describe('audio plumbing', () => {
  it('reads the EBU R128 summary ffmpeg prints, silence included', () => {
    const stderr = '[Parsed_ebur128_0 @ 0x1] t: 1 M: -20 I: -30.0 LUFS\n[Parsed_ebur128_0 @ 0x1] Summary:\n\n  Integrated loudness:\n    I:         -27.1 LUFS\n    Threshold: -37.2 LUFS\n\n  Loudness range:\n    LRA:         3.2 LU\n    Threshold: -47.2 LUFS\n    LRA low:   -28.8 LUFS\n    LRA high:  -25.5 LUFS\n\n  True peak:\n    Peak:       -5.5 dBFS\n'
    expect(parseEbur128Summary(stderr)).toEqual({ integrated: -27.1, threshold: -37.2, range: 3.2, truePeak: -5.5 })
    const silent = stderr.replace('-27.1 LUFS', '-70.0 LUFS').replace('-5.5 dBFS', '-inf dBFS')
    expect(parseEbur128Summary(silent)).toMatchObject({ integrated: -70, truePeak: -Infinity })
    expect(parseEbur128Summary(stderr.slice(0, stderr.indexOf('  True peak'))).truePeak).toBeUndefined()
    expect(() => parseEbur128Summary('no summary')).toThrow(/ebur128 printed no I:/)
  })

  it('applies one plain gain when the peaks fit under it, and loudnorm only when they do not', () => {
    const measured = { integrated: -19, threshold: -29, range: 4, truePeak: -5 }
    expect(normalizer(measured)).toBe('volume=3.00dB')
    expect(normalizer({ ...measured, truePeak: -4 })).toMatch(/^loudnorm=I=-16:TP=-1.5:.*measured_I=-19:measured_TP=-4:.*linear=true/)
    expect(normalizer({ ...measured, range: 12 })).toMatch(/^loudnorm=/)
    expect(normalizer({ ...measured, truePeak: undefined })).toMatch(/^loudnorm=/)
  })

  /** Speech-like test signal: a 300 Hz tone under a louder 2 kHz burst, a pause, then quiet noise (which the relative gate drops). */
  function testSignal(rate: number) {
    let seed = 1
    const noise = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5)
    return Int16Array.from({ length: 8 * rate }, (_, i) => {
      const t = i / rate
      if (t < 3)
        return 6000 * Math.sin(2 * Math.PI * 300 * t) + (t > 1 && t < 2 ? 9000 * Math.sin(2 * Math.PI * 2000 * t) : 0)
      return t < 5 ? 0 : 300 * noise()
    })
  }

  it.each([32000, 22050, 48000])('measures integrated loudness as ffmpeg\'s ebur128 does, at %i Hz', (rate) => {
    const dir = temp()
    try {
      const samples = testSignal(rate)
      const file = join(dir, 'signal.wav')
      writeFileSync(file, wavBuffer({ rate, samples }))
      const { stderr: log } = spawnSync(findFfmpeg(), ['-hide_banner', '-nostats', '-i', file, '-af', 'ebur128=framelog=verbose', '-f', 'null', '-'], { encoding: 'utf8' })
      const ffmpeg = parseEbur128Summary(log).integrated
      expect(Math.abs(integratedLoudness(samples, rate) - ffmpeg), `ours ${integratedLoudness(samples, rate)} LUFS, ffmpeg ${ffmpeg} LUFS`).toBeLessThan(0.1)
      // The gain lands it on -16 LUFS; silence keeps its gain of 1.
      const gain = gainToTarget(samples, rate)
      expect(integratedLoudness(Float32Array.from(samples, x => x * gain), rate)).toBeCloseTo(-16, 6)
      expect(integratedLoudness(new Int16Array(rate), rate)).toBe(-Infinity)
      expect(gainToTarget(new Int16Array(rate), rate)).toBe(1)
    }
    finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('writes and reads 16-bit mono WAV', () => {
    const samples = Int16Array.from([0, 1000, -32768, 32767])
    const back = parseWav(wavBuffer({ rate: 32000, samples }))
    expect(back.rate).toBe(32000)
    expect([...back.samples]).toEqual([...samples])
    expect(() => parseWav(Buffer.from('nope nope nope'), 'x.wav')).toThrow('x.wav: not a WAV file')
  })
})
