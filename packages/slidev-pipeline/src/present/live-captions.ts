/**
 * Captions recognised while the talk is given. pocketsphinx needs about an
 * eighth of the talk's length in CPU; done at the render, a 25-minute talk
 * waits minutes for it. The presenting machine is mostly idle while the
 * speaker talks, so the server recognises each minute-long part of the
 * recording (recognise.ts: partCuts) once it is settled, at the lowest
 * priority, one part at a time, into the cache `video --recording` reads.
 * When the recording stops, the last part too. Nothing here is needed: a
 * part it did not reach (a crash, Ctrl-C) is recognised by the render.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PART_SECONDS, recognise, SEARCH_SECONDS } from '../outputs/recording/recognise.ts'
import { AHEAD_NICENESS, browserSound, decode16k, recognitionCacheOf } from '../outputs/recording/recording.ts'

/** The last part's priority, once the recording has stopped. */
const AFTER_NICENESS = 10

export interface LiveCaptions {
  /** The recording reached `ms` of media time (a chunk was written). */
  progress: (ms: number) => void
  /** The recording stopped: recognise what is left. Resolves when done. */
  stopped: () => Promise<void>
  /** The server is going: stop recognising now. */
  abort: () => void
}

export function liveCaptions(webm: string, entry: string, recogniser: string, log: (line: string) => void): LiveCaptions {
  const controller = new AbortController()
  /** Media time at which the next part is settled (its end cut can no longer move). */
  let nextAt = (PART_SECONDS + SEARCH_SECONDS + 2) * 1000
  let running: Promise<void> = Promise.resolve()
  let failed = false

  const pass = (final: boolean) => {
    running = running.then(async () => {
      if (controller.signal.aborted || failed)
        return
      let workDir: string | undefined
      try {
        const { track } = await browserSound(webm)
        const samples = await decode16k(track, controller.signal)
        workDir = await mkdtemp(join(tmpdir(), 'recognise-live-'))
        // During the talk on what the presenter view leaves idle; after Stop the talk is over, and a
        // nice-19 pass starved behind any other work for minutes (a loaded test machine).
        await recognise(recogniser, samples, workDir, { cacheDir: recognitionCacheOf(entry), jobs: 1, niceness: final ? AFTER_NICENESS : AHEAD_NICENESS, signal: controller.signal, settledOnly: !final })
      }
      catch (error) {
        // The render recognises what this did not: one line, and no more tries for this recording.
        if (!controller.signal.aborted) {
          failed = true
          log(`  (captions could not be recognised during the talk: ${String((error as Error).message).split('\n')[0]}; the render will recognise them)`)
        }
      }
      finally {
        if (workDir)
          await rm(workDir, { recursive: true, force: true })
      }
    })
    return running
  }

  return {
    progress(ms) {
      if (ms < nextAt)
        return
      nextAt = ms + PART_SECONDS * 1000
      pass(false)
    },
    stopped: () => pass(true),
    abort: () => controller.abort(),
  }
}
