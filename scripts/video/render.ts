/**
 * The whole pipeline: deck → timing plan → stills → MP4 + captions + chapters
 * + thumbnail. Everything is made in a temporary folder first; each output
 * then replaces its old version atomically, the MP4 first, so a failure
 * leaves the last good files in place.
 */
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { launchChromium } from '../browser'
import type { ServedDeck } from '../deck-server'
import { buildAndServe } from '../deck-server'
import { loadDeck } from '../deck'
import { writeAtomically } from '../atomic'
import { artifacts, root } from '../paths'
import { captionCues, chapterText, chapters, ffmetadata, toWebVTT } from './captions'
import type { Chapter, Cue } from './captions'
import { encodeVideo, findTool, probeDuration, scaleImage } from './encode'
import { countClicks, renderFrames } from './frames'
import type { TimingOptions, TimingPlan } from './timing'
import { checkTimingFrontmatter, planTiming } from './timing'
import { prepareNarration } from '../lib/narration/render'
import type { Narration } from '../lib/narration'

export interface VideoOutputs { video: string, captions: string, chapters: string, thumbnail: string }

export interface VideoOptions {
  /** Deck entry, relative to the project root. */
  entry?: string
  outputs?: VideoOutputs
  /** Narration to mux in; the video is held on its last frame if the audio is longer. */
  audio?: string
  /** Speak the notes with the offline voice (steps without a recording in `narrationDir`). */
  voice?: boolean
  /** The speaker's recordings (07.m4a, 07-2.m4a); default: narration/ next to the deck. */
  narrationDir?: string
  narrationCache?: string
  /** Where tools (the voice) are looked up; default: process.env. */
  env?: NodeJS.ProcessEnv
  timing?: Partial<TimingOptions>
  /** An existing build to use instead of building the deck. */
  served?: ServedDeck
  /** Stop after the timing plan (no frames, no files). */
  planOnly?: boolean
  log?: (line: string) => void
  progress?: (label: string, done: number, total: number) => void
}

export interface VideoResult {
  plan: TimingPlan
  cues: Cue[]
  chapters: Chapter[]
  /** Length of the MP4 (the plan's total, or the audio's if longer). */
  length: number
  seconds: number
  /** The narration, when there is a voice or recordings. */
  narration?: Narration
}

export const thumbnailSize = { width: 1280, height: 720 }

export async function renderVideo(options: VideoOptions = {}): Promise<VideoResult> {
  const started = performance.now()
  const log = options.log ?? (() => {})
  const progress = options.progress ?? (() => {})
  const entry = options.entry ?? 'slides.md'
  const outputs = options.outputs ?? artifacts
  const deck = await loadDeck(resolve(root, entry))
  checkTimingFrontmatter(deck)
  if (!options.planOnly) {
    findTool('ffmpeg')
    findTool('ffprobe')
  }
  const audioLength = options.audio ? await probeDuration(options.audio) : 0
  const narrator = await prepareNarration(deck, options, log)

  let served = options.served
  if (!served)
    log(`Building ${entry} …`)
  served ??= await buildAndServe({ entry })
  const browser = await launchChromium()
  const work = await mkdtemp(join(tmpdir(), 'video-'))
  try {
    const clicks = await countClicks(browser, served, deck.slides.length)
    const notesPlan = planTiming(deck, clicks, options.timing)
    // The narration is made while Chromium takes the stills: they do not depend on its timing.
    const narrating = narrator?.(notesPlan, clicks)
    const narration = options.planOnly ? await narrating : undefined
    let plan = narration?.plan ?? notesPlan
    let cues = narration?.cues ?? captionCues(plan)
    let chapterList = chapters(plan)
    let length = Math.max(plan.total, audioLength)
    const result = (n = narration) => ({ plan, cues, chapters: chapterList, length, narration: n, seconds: (performance.now() - started) / 1000 })
    if (options.planOnly)
      return result()

    log(`Timing: ${plan.steps.length} click steps, ${plan.total.toFixed(1)} s of video`)
    let phase = performance.now()
    const [frames, narrated] = await Promise.all([
      renderFrames(browser, served, plan.steps, work, (done, step) =>
        progress(`frames (slide ${step.slide}, click ${step.clicks})`, done, plan.steps.length)),
      narrating,
    ])
    if (narrated) {
      plan = narrated.plan
      cues = narrated.cues
      chapterList = chapters(plan)
      length = plan.total
    }
    await browser.close()
    log(`  ${frames.length} stills in ${((performance.now() - phase) / 1000).toFixed(1)} s`)
    phase = performance.now()

    const captionsFile = join(work, 'captions.vtt')
    const metadataFile = join(work, 'chapters.ffmetadata')
    await writeFile(captionsFile, toWebVTT(cues))
    await writeFile(metadataFile, ffmetadata(String(deck.headmatter.title ?? deck.slides[0]?.title ?? ''), chapterList))
    const thumbnailFile = join(work, 'thumbnail.png')
    await scaleImage(frames[plan.slides[0]!.steps.length - 1]!, thumbnailFile, thumbnailSize.width, thumbnailSize.height)

    await writeAtomically(outputs.video, output => encodeVideo({
      frames: plan.steps.map((step, i) => ({ path: frames[i]!, seconds: step.duration })),
      fps: plan.fps,
      total: length,
      captions: captionsFile,
      metadata: metadataFile,
      audio: narrated?.audio ?? options.audio,
      copyAudio: Boolean(narrated),
      output,
      listFile: join(work, 'frames.ffconcat'),
      onProgress: s => progress('encoding', Math.min(s, length), length),
    }))
    log(`  encoded in ${((performance.now() - phase) / 1000).toFixed(1)} s`)
    await writeAtomically(outputs.captions, tmp => copyFile(captionsFile, tmp))
    await writeAtomically(outputs.chapters, tmp => writeFile(tmp, chapterText(chapterList)))
    await writeAtomically(outputs.thumbnail, tmp => copyFile(thumbnailFile, tmp))
    return result(narrated)
  }
  finally {
    await browser.close()
    await rm(work, { recursive: true, force: true })
    if (!options.served)
      await served.close()
  }
}
