import type { Narration } from '.'
import type { Deck } from '../deck'
import type { TimingPlan } from '../video/timing'
/**
 * How `npm run video` decides on its narration, before it builds anything:
 * --voice finds the voice (or stops with the package to install), recordings
 * in narration/ are used wherever they are, --audio (one recording for the
 * whole talk) replaces both.
 */
import { existsSync, readdirSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { narrate } from '.'
import { root } from '../paths'
import { defaultLexiconFile, readLexicon } from './lexicon'
import { AUDIO_EXTENSIONS, findRecordings } from './recordings'
import { findVoice } from './voice'

export interface NarrationChoice {
  audio?: string
  voice?: boolean
  narrationDir?: string
  /** Where synthesized clips and finished tracks are kept (default node_modules/.cache/narration). */
  narrationCache?: string
  env?: NodeJS.ProcessEnv
}

export const narrationDirOf = (deck: Deck, choice: NarrationChoice) => choice.narrationDir ?? join(dirname(deck.entry), 'narration')

function hasRecordings(dir: string) {
  try {
    return readdirSync(dir).some(name => AUDIO_EXTENSIONS.some(ext => name.toLowerCase().endsWith(`.${ext}`)))
  }
  catch {
    return false
  }
}

/** Undefined when the video stays silent or takes one --audio file; else what makes the narration. */
export async function prepareNarration(deck: Deck, choice: NarrationChoice, log: (line: string) => void) {
  const dir = narrationDirOf(deck, choice)
  const recorded = hasRecordings(dir)
  if (choice.audio) {
    if (choice.voice)
      throw new Error('--audio is the narration of the whole talk; leave out --voice, or leave out --audio to speak the notes')
    if (recorded)
      log(`  --audio replaces the recordings in ${relative(root, dir)}`)
    return undefined
  }
  if (!choice.voice && !recorded)
    return undefined
  const voice = choice.voice ? await findVoice(choice.env) : undefined
  const lexiconFile = existsSync(join(dir, 'lexicon.json')) ? join(dir, 'lexicon.json') : defaultLexiconFile
  const lexicon = readLexicon(lexiconFile)
  return async (plan: TimingPlan, clicks: number[]): Promise<Narration> => {
    const recordings = findRecordings(dir, clicks.map(c => c + 1))
    if (!voice)
      log(`  narration: ${recordings.length} recordings from ${relative(root, dir)}; steps without one stay silent (add --voice to speak them)`)
    return narrate({ plan, voice, lexicon, recordings, log, cacheDir: choice.narrationCache })
  }
}
