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
 * presented as what was said. It takes about an eighth of the talk's length
 * in CPU: the talk is cut at quiet moments into parts of about a minute,
 * recognised side by side, and `present --record` recognises them while the
 * talk is given (src/present/live-captions.ts), so the render has little left.
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

/** About how long a part is: one pocketsphinx run (its model loads in 0.7 s; a minute of talk takes about 8 s of CPU). */
export const PART_SECONDS = 60
/** How far from its target a cut may move to find a quiet moment, either way. */
export const SEARCH_SECONDS = 10

/**
 * Where the talk is cut into parts: near every PART_SECONDS, at the quietest
 * 100 ms within SEARCH_SECONDS of it. A cut depends only on the sound around
 * it, so the cuts of a talk still being recorded are those of the finished
 * one: `present --record` recognises the parts as the speaker goes, and the
 * render finds them in the cache. Returns [0, …cuts, samples.length].
 */
export function partCuts(samples: Int16Array, rate: number): number[] {
  const cuts = [0]
  const frame = Math.round(rate / 10)
  const search = SEARCH_SECONDS * rate
  for (let target = PART_SECONDS * rate; target + search + frame <= samples.length; target += PART_SECONDS * rate) {
    let best = target
    let quietest = Infinity
    for (let at = target - search; at + frame <= target + search; at += frame) {
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
const CACHE_VERSION = 2

export interface Recognised {
  words: Word[]
  /** How many parts the talk has, and how many were in the cache (recognised during the talk, or by an earlier render). */
  parts: number
  cached: number
}

/**
 * The talk's words with their times, part by part (partCuts), up to `jobs`
 * parts at a time. Each part's words are kept in `cacheDir` by a hash of its
 * sound, so a part recognised while the talk was recorded, or by an earlier
 * render, is not recognised again. `settledOnly` (a recording still going):
 * all parts but the last, which runs to the sound's current end and will grow.
 */
export async function recognise(recogniser: string, samples: Int16Array, workDir: string, options: { cacheDir?: string, jobs?: number, signal?: AbortSignal, niceness?: number, settledOnly?: boolean } = {}): Promise<Recognised> {
  const rate = RECOGNISER_RATE
  const cuts = partCuts(samples, rate)
  const parts = cuts.slice(0, options.settledOnly ? -2 : -1).map((from, i) => ({ from, to: cuts[i + 1]! }))
  let cached = 0
  const queue = parts.map((part, i) => async () => {
    const sound = samples.subarray(part.from, part.to)
    const key = createHash('sha256').update(`${CACHE_VERSION} ${recogniser} ${MODEL} ${rate}\n`).update(new Uint8Array(sound.buffer, sound.byteOffset, sound.byteLength)).digest('hex').slice(0, 32)
    const file = options.cacheDir && join(options.cacheDir, `${key}.json`)
    let words: Word[]
    if (file && existsSync(file)) {
      words = JSON.parse(await readFile(file, 'utf8')) as Word[]
      cached++
    }
    else {
      const wav = join(workDir, `recognise-${i}.wav`)
      await writeFile(wav, wavBuffer({ rate, samples: sound }))
      const out = await runProcess(recogniser, ['-infile', wav, '-time', 'yes', '-logfn', '/dev/null', '-hmm', join(MODEL, 'en-us'), '-lm', join(MODEL, 'en-us.lm.bin'), '-dict', join(MODEL, 'cmudict-en-us.dict')], { quiet: true, signal: options.signal, niceness: options.niceness, label: 'pocketsphinx (recognising the talk\'s words)' })
      words = parseRecognised(out)
      if (file)
        await writeFileAtomically(file, JSON.stringify(words))
    }
    return words.map(w => ({ ...w, start: w.start + part.from / rate, end: w.end + part.from / rate }))
  })
  const results: Word[][] = []
  const jobs = Math.max(1, options.jobs ?? Math.min(4, availableParallelism()))
  let next = 0
  await Promise.all(Array.from({ length: Math.min(jobs, queue.length) }, async () => {
    for (let i = next++; i < queue.length; i = next++)
      results[i] = await queue[i]!()
  }))
  return { words: results.flat(), parts: parts.length, cached }
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
