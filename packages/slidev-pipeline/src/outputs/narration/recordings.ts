/**
 * The speaker's own recordings in narration/: `07.m4a` speaks all of slide 7,
 * `07-2.m4a` its click step 2 (step 0 is before the first click). Each one
 * replaces the synthesized voice where it applies.
 */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

export const AUDIO_EXTENSIONS = ['m4a', 'mp3', 'wav', 'flac', 'ogg', 'opus', 'aac', 'webm'] as const
const NAME = new RegExp(`^(\\d+)(?:-(\\d+))?\\.(${AUDIO_EXTENSIONS.join('|')})$`, 'i')
const AUDIO = new RegExp(`\\.(?:${AUDIO_EXTENSIONS.join('|')})$`, 'i')

export interface Recording {
  file: string
  slide: number
  /** Click step, or undefined for the whole slide. */
  step?: number
}

export class RecordingError extends Error {
  constructor(problem: string) {
    super(problem)
    this.name = 'RecordingError'
  }
}

/** "07-2.m4a" -> slide 7, step 2; "intro.m4a" -> undefined. */
export function parseRecordingName(name: string): { slide: number, step?: number } | undefined {
  const match = name.match(NAME)
  if (!match)
    return undefined
  return { slide: Number(match[1]), step: match[2] === undefined ? undefined : Number(match[2]) }
}

/** Recording file names for slide `no` and its step `step` (what the narration script asks for). */
export function recordingName(no: number, step?: number) {
  return `${String(no).padStart(2, '0')}${step === undefined ? '' : `-${step}`}.m4a`
}

/**
 * The recordings in `dir` for a deck whose slide i + 1 has `steps[i]` click
 * steps. Bad names, unknown slides or steps, and two recordings for the same
 * thing are errors that name the files.
 */
export function findRecordings(dir: string, steps: number[]): Recording[] {
  let names: string[]
  try {
    names = readdirSync(dir)
  }
  catch {
    return []
  }
  const problems: string[] = []
  const found: Recording[] = []
  for (const name of names.filter(n => AUDIO.test(n)).sort()) {
    const file = join(dir, name)
    const parsed = parseRecordingName(name)
    if (!parsed) {
      problems.push(`${file}: name a recording NN.m4a (a whole slide, e.g. 07.m4a) or NN-K.m4a (click step K of slide NN, e.g. 07-2.m4a)`)
      continue
    }
    const count = steps[parsed.slide - 1]
    if (count === undefined) {
      problems.push(`${file}: the deck has no slide ${parsed.slide} (it has ${steps.length})`)
      continue
    }
    if (parsed.step !== undefined && parsed.step >= count) {
      problems.push(`${file}: slide ${parsed.slide} has click steps 0 to ${count - 1}, not ${parsed.step}`)
      continue
    }
    const clash = found.find(r => r.slide === parsed.slide && (r.step === undefined || parsed.step === undefined || r.step === parsed.step))
    if (clash) {
      problems.push(`${file}: slide ${parsed.slide} already has ${clash.file}; keep one recording for the slide, or one per click step`)
      continue
    }
    found.push({ file, ...parsed })
  }
  if (problems.length)
    throw new RecordingError(`Narration recordings:\n  ${problems.join('\n  ')}`)
  return found
}
