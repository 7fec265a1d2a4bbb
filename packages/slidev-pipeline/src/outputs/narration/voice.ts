import type { RunOptions } from '../../support/process.ts'
import type { Pcm } from './wav.ts'
/**
 * The offline voices: Festival with the HTS voice cmu_us_slt_arctic_hts
 * (Debian's festvox-us-slt-hts; far less robotic than formant synthesis)
 * and espeak-ng as the fallback. Each sentence is synthesized
 * once into a cache keyed by a hash of the spoken text and the voice, so a
 * re-render only speaks what changed.
 */
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { findOnPath } from '../../support/executable.ts'
import { runProcess } from '../../support/process.ts'
import { readWav } from './wav.ts'

export const FESTIVAL_VOICE = 'cmu_us_slt_arctic_hts'
export const VOICE_PACKAGES = 'festival festvox-us-slt-hts'

export interface Voice {
  engine: 'festival' | 'espeak-ng'
  command: string
  /** Names the voice in cache keys and logs. */
  id: string
}

export class VoiceNotFoundError extends Error {
  constructor(detail: string) {
    super([
      `No offline voice for --voice (${detail}).`,
      'Install it with:',
      `  - Debian/Ubuntu:   apt-get install ${VOICE_PACKAGES}`,
      '    (or run bash scripts/setup.sh, which installs it when it is missing)',
      '  - the smaller fallback voice:   apt-get install espeak-ng',
    ].join('\n'))
    this.name = 'VoiceNotFoundError'
  }
}

const run = (command: string, args: string[], env?: NodeJS.ProcessEnv, how: SynthesisOptions = {}) => runProcess(command, args, { env, quiet: true, ...how })

/** Whether this Festival has the HTS voice (it prints the voices it can load). */
async function festivalHasVoice(festival: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  const out = await run(festival, ['-b', `(if (member '${FESTIVAL_VOICE} (voice.list)) (print "found"))`], env).catch(() => '')
  return out.includes('found')
}

/**
 * The voice to use: $NARRATION_VOICE (festival or espeak-ng) if set, else
 * Festival with the HTS voice, else espeak-ng. Tools are looked up on env.PATH.
 */
export async function findVoice(env: NodeJS.ProcessEnv = process.env): Promise<Voice> {
  const wanted = env.NARRATION_VOICE
  if (wanted && wanted !== 'festival' && wanted !== 'espeak-ng')
    throw new VoiceNotFoundError(`NARRATION_VOICE=${wanted} is neither festival nor espeak-ng`)
  if (wanted !== 'espeak-ng') {
    const festival = findOnPath(['festival'], env.PATH)
    if (festival && await festivalHasVoice(festival, env))
      return { engine: 'festival', command: festival, id: `festival/${FESTIVAL_VOICE}` }
    if (wanted === 'festival')
      throw new VoiceNotFoundError(festival ? `festival is there, but not its voice ${FESTIVAL_VOICE}` : 'no festival on PATH')
  }
  const espeak = findOnPath(['espeak-ng'], env.PATH)
  if (espeak)
    return { engine: 'espeak-ng', command: espeak, id: 'espeak-ng/en-us' }
  throw new VoiceNotFoundError(`looked for festival with ${FESTIVAL_VOICE}, and for espeak-ng, on PATH`)
}

/** Where a deck's spoken clips are kept: node_modules/.cache/narration beside its entry, where tools keep their caches. */
export const narrationCacheOf = (entry: string) => join(dirname(entry), 'node_modules', '.cache', 'narration')
/** For callers that name no deck: the working directory's. */
export const defaultCacheDir = join(process.cwd(), 'node_modules', '.cache', 'narration')

/** Bump when the way clips are made changes, so old clips are not reused. */
const CLIP_FORMAT = 1

export function clipKey(voice: Voice, spoken: string) {
  return createHash('sha256').update(JSON.stringify([CLIP_FORMAT, voice.id, spoken])).digest('hex').slice(0, 32)
}

/** Festival's Scheme string: backslash and double quote escaped. */
const schemeString = (text: string) => `"${text.replace(/[\\"]/g, c => `\\${c}`)}"`

/** One Festival process speaks a list of sentences into WAV files. */
async function festivalBatch(voice: Voice, jobs: { spoken: string, file: string }[], work: string, worker: number, how: SynthesisOptions) {
  const script = join(work, `batch-${worker}.scm`)
  await writeFile(script, [
    `(voice_${FESTIVAL_VOICE})`,
    ...jobs.map(j => `(set! utt (utt.synth (Utterance Text ${schemeString(j.spoken)})))\n(utt.save.wave utt ${schemeString(j.file)} 'riff)`),
    '',
  ].join('\n'))
  await run(voice.command, ['-b', script], undefined, how)
}

async function espeakBatch(voice: Voice, jobs: { spoken: string, file: string }[], how: SynthesisOptions) {
  for (const job of jobs)
    await run(voice.command, ['-v', 'en-us', '-s', '160', '-w', job.file, '--', job.spoken], undefined, how)
}

/** How the voice's processes run when speaking ahead: stoppable, and on idle CPU only. */
export type SynthesisOptions = Pick<RunOptions, 'signal' | 'niceness'>

export interface SynthesisResult {
  clips: Map<string, Pcm>
  spoken: number
  cached: number
}

/** Where the cache keeps the clip of `text` in this voice. */
const clipFile = (voice: Voice, cacheDir: string, text: string) => join(cacheDir, 'clips', `${clipKey(voice, text)}.wav`)

/**
 * Puts every text's audio in the cache, speaking the missing ones on `workers`
 * processes; returns how many it spoke. A clip enters the cache only once
 * complete.
 */
export async function speakIntoCache(voice: Voice, texts: string[], cacheDir = defaultCacheDir, workers = 2, how: SynthesisOptions = {}): Promise<number> {
  const dir = join(cacheDir, 'clips')
  await mkdir(dir, { recursive: true })
  const missing = [...new Set(texts)].filter(t => !existsSync(clipFile(voice, cacheDir, t)))
  if (!missing.length)
    return 0
  const work = await mkdtemp(join(dir, '.work-'))
  try {
    // Longest first, dealt out in turn, so the workers finish together.
    const order = missing.map((spoken, i) => ({ spoken, file: join(work, `${i}.wav`), target: clipFile(voice, cacheDir, spoken) }))
      .sort((a, b) => b.spoken.length - a.spoken.length)
    const batches = Array.from({ length: Math.min(workers, order.length) }, (_, w) => order.filter((_, i) => i % workers === w))
    await Promise.all(batches.map((batch, w) => voice.engine === 'festival' ? festivalBatch(voice, batch, work, w, how) : espeakBatch(voice, batch, how)))
    for (const job of order) {
      await readWav(job.file) // a clip the voice did not finish is not cached
      await rename(job.file, job.target)
    }
  }
  finally {
    await rm(work, { recursive: true, force: true })
  }
  return missing.length
}

/** Every text as audio, from the cache or spoken now; returns the clips by text. */
export async function synthesize(voice: Voice, texts: string[], cacheDir = defaultCacheDir, workers = 2): Promise<SynthesisResult> {
  const unique = [...new Set(texts)]
  const spoken = await speakIntoCache(voice, unique, cacheDir, workers)
  const clips = new Map<string, Pcm>()
  for (const text of unique)
    clips.set(text, await readWav(clipFile(voice, cacheDir, text)))
  return { clips, spoken, cached: unique.length - spoken }
}
