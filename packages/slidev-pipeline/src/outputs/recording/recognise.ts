import type { Cue } from '../video/captions.ts'
/**
 * Captions for a talk that was spoken, not read: words and their times from
 * an offline recogniser, Debian's pocketsphinx (`pocketsphinx_continuous` with
 * the `pocketsphinx-en-us` model; nothing is downloaded, nothing leaves the
 * machine). Debian packages no Vosk or whisper.cpp model, and npm's packages
 * for them download their weights, so pocketsphinx is what installs here.
 *
 * It is not accurate (README: the word error rate measured on the talk), so
 * the captions it makes say so in the WebVTT (AUTOMATIC_NOTE) and are never
 * presented as what was said. It runs at about a quarter of real time on one
 * core: the talk is cut at quiet moments into one part per core, recognised
 * side by side.
 */
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { delimiter, join } from 'node:path'
import { writeFileAtomically } from '../../support/atomic.ts'
import { runProcess } from '../../support/process.ts'
import { wavBuffer } from '../narration/wav.ts'
import { splitCaption } from '../video/captions.ts'

export const RECOGNISER_RATE = 16_000
const MODEL = '/usr/share/pocketsphinx/model/en-us'

export interface Word { word: string, start: number, end: number }

export const AUTOMATIC_NOTE = 'Automatic captions: recognised offline by pocketsphinx from the recording, not a verbatim transcript; expect wrong words. Correct them and render again with --captions FILE.vtt.'

/** pocketsphinx_continuous and its English model, or undefined when either is missing. */
export function findRecogniser(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!existsSync(join(MODEL, 'en-us')))
    return undefined
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const file = join(dir, 'pocketsphinx_continuous')
    if (existsSync(file))
      return file
  }
  return undefined
}

/** `pocketsphinx_continuous -time yes` output: one `word start end prob` line per word; fillers and sentence marks dropped. */
export function parseRecognised(text: string, offset = 0): Word[] {
  const words: Word[] = []
  for (const line of text.split('\n')) {
    const m = line.trim().match(/^(\S+) (\d+\.\d+) (\d+\.\d+) ([\d.e-]+)$/)
    if (!m || /^(?:<.*>|\[.*\]|\+\+.*\+\+)$/.test(m[1]!))
      continue
    words.push({ word: m[1]!.replace(/\(\d+\)$/, ''), start: Number(m[2]) + offset, end: Number(m[3]) + offset })
  }
  return words
}

/** Where to cut `samples` into `parts` pieces: at the quietest 100 ms within 10 s of each even cut. */
export function quietCuts(samples: Int16Array, rate: number, parts: number): number[] {
  const cuts = [0]
  const frame = Math.round(rate / 10)
  for (let p = 1; p < parts; p++) {
    const target = Math.round(samples.length * p / parts)
    let best = target
    let quietest = Infinity
    for (let at = Math.max(cuts.at(-1)! + frame, target - 10 * rate); at + frame < Math.min(samples.length, target + 10 * rate); at += frame) {
      let energy = 0
      for (let i = at; i < at + frame; i += 4)
        energy += Math.abs(samples[i]!)
      if (energy < quietest) {
        quietest = energy
        best = at + Math.round(frame / 2)
      }
    }
    cuts.push(best)
  }
  cuts.push(samples.length)
  return cuts
}

/** Bump when what is recognised, or how, changes. */
const CACHE_VERSION = 1

/**
 * Every word of the talk with its time, recognised in one part per core.
 * Kept in `cacheDir` by a hash of the sound, so rendering the same talk again
 * (a slide fixed, the captions given) does not recognise it again.
 */
export async function recognise(recogniser: string, samples: Int16Array, workDir: string, options: { cacheDir?: string, jobs?: number, signal?: AbortSignal, niceness?: number } = {}): Promise<Word[]> {
  const key = createHash('sha256').update(`${CACHE_VERSION} ${recogniser} ${MODEL}\n`).update(new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength)).digest('hex').slice(0, 32)
  const cached = options.cacheDir && join(options.cacheDir, `${key}.json`)
  if (cached && existsSync(cached))
    return JSON.parse(await readFile(cached, 'utf8')) as Word[]
  const words = await recogniseParts(recogniser, samples, workDir, options.jobs ?? Math.max(1, Math.min(4, availableParallelism())), options)
  if (cached)
    await writeFileAtomically(cached, JSON.stringify(words))
  return words
}

async function recogniseParts(recogniser: string, samples: Int16Array, workDir: string, jobs: number, options: { signal?: AbortSignal, niceness?: number }): Promise<Word[]> {
  const rate = RECOGNISER_RATE
  // Parts under a minute are not worth a second model load.
  const parts = Math.max(1, Math.min(jobs, Math.floor(samples.length / rate / 60)))
  const cuts = quietCuts(samples, rate, parts)
  const results = await Promise.all(cuts.slice(0, -1).map(async (from, i) => {
    const file = join(workDir, `recognise-${i}.wav`)
    await writeFile(file, wavBuffer({ rate, samples: samples.subarray(from, cuts[i + 1]) }))
    const out = await runProcess(recogniser, ['-infile', file, '-time', 'yes', '-logfn', '/dev/null', '-hmm', join(MODEL, 'en-us'), '-lm', join(MODEL, 'en-us.lm.bin'), '-dict', join(MODEL, 'cmudict-en-us.dict')], { quiet: true, signal: options.signal, niceness: options.niceness, label: 'pocketsphinx (recognising the talk\'s words)' })
    return parseRecognised(out, from / rate)
  }))
  return results.flat()
}

/**
 * Timed words into cues of at most two lines of about 42 characters (as the
 * notes' captions): a pause of `gap` seconds, or `.?!` in the text, ends a cue.
 */
export function wordCues(words: Word[], gap = 0.8, maxChars = 84): Cue[] {
  const cues: Cue[] = []
  let group: Word[] = []
  const flush = () => {
    if (!group.length)
      return
    const [text] = splitCaption(group.map(w => w.word).join(' '), { lineLength: 42, lines: 2 })
    cues.push({ start: group[0]!.start, end: Math.max(group.at(-1)!.end, group[0]!.start + 0.5), text: text! })
    group = []
  }
  for (const word of words) {
    const length = group.reduce((n, w) => n + w.word.length + 1, 0) + word.word.length
    if (group.length && (word.start - group.at(-1)!.end > gap || length > maxChars))
      flush()
    group.push(word)
    if (/[.?!]["”’)]*$/.test(word.word))
      flush()
  }
  flush()
  // Never overlapping: a cue ends when the next begins.
  cues.forEach((cue, i) => {
    const next = cues[i + 1]
    if (next && cue.end > next.start)
      cue.end = next.start
  })
  return cues
}

/** Word error rate of `hypothesis` against `reference` (words, case and punctuation ignored): (S + D + I) / N. */
export function wordErrorRate(reference: string, hypothesis: string): number {
  const words = (text: string) => text.toLowerCase().replace(/[^a-z0-9' ]+/g, ' ').split(/\s+/).filter(Boolean)
  const ref = words(reference)
  const hyp = words(hypothesis)
  let prev = Array.from({ length: hyp.length + 1 }, (_, j) => j)
  for (let i = 1; i <= ref.length; i++) {
    const row = [i]
    for (let j = 1; j <= hyp.length; j++)
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (ref[i - 1] === hyp[j - 1] ? 0 : 1))
    prev = row
  }
  return ref.length ? prev[hyp.length]! / ref.length : 0
}
