import type { Deck } from '../../support/deck.ts'
import type { TimingOptions } from '../video/timing.ts'
import type { VideoPlan } from '../video/video.ts'
import type { StepSource } from './index.ts'
/**
 * How `npm run video` decides on its narration, before it builds anything:
 * --voice finds the voice (or stops with the package to install), recordings
 * in narration/ are used wherever they are, --audio (one recording for the
 * whole talk) replaces both.
 *
 * With the voice, the notes are spoken ahead into the cache while the deck
 * builds and its stills are taken, at the lowest priority, so the voice runs
 * on what Vite and Chromium leave idle instead of after them. The sentences
 * come from the notes' [click] marks; the narration stage, once the stills
 * have counted the real click steps, speaks whatever is still missing.
 *
 * The narration stage then runs one way: speak (seconds per step) -> the
 * video's one timing plan (planVideo) -> the track mixed to that plan.
 */
import { existsSync, readdirSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { clickMarkCount } from '../../support/deck.ts'
import { clickSteps } from '../video/timing.ts'
import { planVideo } from '../video/video.ts'
import { checkRecording, mixTrack, sentencesToSpeak, speak } from './index.ts'
import { readLexicon } from './lexicon.ts'
import { AUDIO_EXTENSIONS, findRecordings } from './recordings.ts'
import { findVoice, narrationCacheOf, speakIntoCache } from './voice.ts'

export interface NarrationChoice {
  audio?: string
  voice?: boolean
  narrationDir?: string
  /** The voice's lexicon (deck.config.ts `lexicon`), relative to the entry's folder. */
  lexicon?: string
  /** Where synthesized clips and finished tracks are kept (default node_modules/.cache/narration). */
  narrationCache?: string
  env?: NodeJS.ProcessEnv
}

export const narrationDirOf = (deck: Deck, choice: NarrationChoice) => choice.narrationDir ?? join(dirname(deck.entry), 'narration')

/** The audio files in the narration folder (none when it does not exist). */
function audioFilesIn(dir: string): string[] {
  try {
    return readdirSync(dir).filter(name => AUDIO_EXTENSIONS.some(ext => name.toLowerCase().endsWith(`.${ext}`))).map(name => join(dir, name))
  }
  catch {
    return []
  }
}

/** A narrated video: its plan (made from the speech) and its track. */
export interface Narration {
  video: VideoPlan
  /** The finished track (AAC, 48 kHz, −16 LUFS), exactly as long as the plan. */
  audio: string
  sources: StepSource[]
  /** Sentences spoken now / taken from the cache. */
  spoken: number
  cached: number
}

export interface Narrator {
  /** The narrated video for the click steps the stills counted; `titled`: the deck with the titles its pages draw (the chapters' names). */
  narrate: (clicks: number[], timing?: Partial<TimingOptions>, titled?: Deck) => Promise<Narration>
  /** Stops speaking ahead (when the render fails before the narration stage). */
  stop: () => void
}

/** Lowest priority: speaking ahead must not slow the build or the capture it overlaps. */
const AHEAD_NICENESS = 19

/** Undefined when the video stays silent or takes one --audio file; else what makes the narration. */
export async function prepareNarration(deck: Deck, choice: NarrationChoice, log: (line: string) => void): Promise<Narrator | undefined> {
  const dir = narrationDirOf(deck, choice)
  const recordingFiles = audioFilesIn(dir)
  const recorded = recordingFiles.length > 0
  if (choice.audio) {
    if (choice.voice)
      throw new Error('--audio is the narration of the whole talk; leave out --voice, or leave out --audio to speak the notes')
    if (recorded)
      log(`  --audio replaces the recordings in ${relative(process.cwd(), dir) || dir}`)
    return undefined
  }
  if (!choice.voice && !recorded)
    return undefined
  const voice = choice.voice ? await findVoice(choice.env) : undefined
  // Each recording decoded once, before the build: one ffmpeg cannot read stops here, naming the file.
  await Promise.all(recordingFiles.map(checkRecording))
  // The deck's own lexicon: the config's (a missing file stops), else in the narration folder, else narration/ beside the entry; none is no lexicon.
  const lexiconFile = choice.lexicon
    ? resolve(dirname(deck.entry), choice.lexicon)
    : [join(dir, 'lexicon.json'), join(dirname(deck.entry), 'narration', 'lexicon.json')].find(existsSync)
  const lexicon = lexiconFile ? readLexicon(lexiconFile) : { words: {} }
  const cacheDir = choice.narrationCache ?? narrationCacheOf(deck.entry)
  const ahead = new AbortController()
  let speakingAhead: Promise<number> = Promise.resolve(0)
  if (voice) {
    // Anything wrong here (a bad recording name, a voice that fails) is left
    // for the narration stage, which reports it with file and line.
    speakingAhead = (async () => {
      const clicks = deck.slides.map(s => clickMarkCount(s.notes))
      const texts = sentencesToSpeak(clickSteps(deck, clicks), findRecordings(dir, clicks.map(c => c + 1)), lexicon, voice)
      return await speakIntoCache(voice, texts, cacheDir, 2, { signal: ahead.signal, niceness: AHEAD_NICENESS })
    })().catch(() => 0)
  }
  return {
    async narrate(clicks, timing, titled = deck) {
      const spokenAhead = await speakingAhead
      const recordings = findRecordings(dir, clicks.map(c => c + 1))
      if (!voice)
        log(`  narration: ${recordings.length} recordings from ${relative(process.cwd(), dir) || dir}; steps without one stay silent (add --voice to speak them)`)
      const speech = await speak({ steps: clickSteps(deck, clicks), voice, lexicon, recordings, cacheDir, spokenAhead })
      const video = planVideo(titled, clicks, { timing, speech })
      const { audio, made } = await mixTrack(speech, video.plan, { cacheDir, log })
      log(`  narration: ${speech.sources.filter(s => s === 'voice').length} steps by ${speech.voice ?? 'no voice'} (${speech.spoken} sentences spoken, ${speech.cached} from the cache), ${speech.recordings} recordings, track ${made ? 'made' : 'from the cache'}`)
      for (const e of video.plan.extended)
        log(`  slide ${e.slide}${e.clicks === undefined ? '' : `, click step ${e.clicks}`}: the frontmatter asks for ${e.set.toFixed(1)} s, the narration needs ${e.needed.toFixed(1)} s; extended`)
      return { video, audio, sources: speech.sources, spoken: speech.spoken, cached: speech.cached }
    },
    stop: () => ahead.abort(),
  }
}
