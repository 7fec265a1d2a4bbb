import type { Deck } from '../../support/deck.ts'
import type { Chapter, Cue } from './captions.ts'
import type { Speech } from './speech.ts'
import type { TimingOptions, TimingPlan } from './timing.ts'
/**
 * The video from the timing plan and the stills: MP4 (captions track,
 * chapters), WebVTT captions, chapter list and thumbnail. The plan is made
 * once (planVideo) and everything else follows it. Everything is made
 * in a work folder first; each output then replaces its old version
 * atomically, the MP4 first, so a failure leaves the last good files.
 */
import { copyFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { writeAtomically, writeFileAtomically } from '../../support/atomic.ts'
import { speakerOf } from '../../support/speaker.ts'
import { captionCues, chapters, chapterText, ffmetadata, toWebVTT } from './captions.ts'
import { encodeVideo, scaleImage } from './encode.ts'
import { planTiming } from './timing.ts'

export interface VideoOutputs { video: string, captions: string, chapters: string, thumbnail: string }

export interface VideoPlan {
  plan: TimingPlan
  cues: Cue[]
  chapters: Chapter[]
  /** Length of the MP4: the plan's total, or the audio's if longer. */
  length: number
}

export const thumbnailSize = { width: 1280, height: 720 }

/**
 * The one timing plan and what follows from it: captions, chapters, length.
 * `speech` (what the narration measured per step) retimes the steps and
 * times the captions by the words; `audioLength` (one --audio file) only
 * holds the last slide until the audio ends.
 */
export function planVideo(deck: Deck, clicks: number[], options: { timing?: Partial<TimingOptions>, speech?: Speech, audioLength?: number } = {}): VideoPlan {
  const plan = planTiming(deck, clicks, options.timing, options.speech)
  return { plan, cues: captionCues(plan, options.speech), chapters: chapters(plan), length: Math.max(plan.total, options.audioLength ?? 0) }
}

/** `stillOf(slide, clicks)` is the PNG file of that step. */
export async function makeVideo(options: {
  deck: Deck
  video: VideoPlan
  stillOf: (slide: number, clicks: number) => string
  outputs: VideoOutputs
  workDir: string
  audio?: string
  /** The audio is AAC already (the narration track): copied, not encoded again. */
  copyAudio?: boolean
  /** The WebVTT to mux and write instead of the cues' (a recorded talk's); null: no captions at all. */
  captionsText?: string | null
  /** A video file whose picture is shown small in the bottom-right corner (a recorded talk's camera). */
  camera?: string
  onProgress?: (done: number, total: number) => void
}) {
  const { deck, video, workDir } = options
  const { plan } = video
  const captionsFile = join(workDir, 'captions.vtt')
  const metadataFile = join(workDir, 'chapters.ffmetadata')
  const withCaptions = options.captionsText !== null
  await writeFile(captionsFile, options.captionsText ?? toWebVTT(video.cues))
  await writeFile(metadataFile, ffmetadata(String(deck.headmatter.title ?? deck.slides[0]?.title ?? ''), video.chapters, speakerOf(deck.headmatter)))
  const thumbnailFile = join(workDir, 'thumbnail.png')
  const first = plan.slides[0]!
  await scaleImage(options.stillOf(first.no, first.steps.length - 1), thumbnailFile, thumbnailSize.width, thumbnailSize.height)

  await writeAtomically(options.outputs.video, output => encodeVideo({
    steps: plan.steps.map(step => ({ still: options.stillOf(step.slide, step.clicks), seconds: step.duration })),
    fps: plan.fps,
    total: video.length,
    captions: withCaptions ? captionsFile : undefined,
    metadata: metadataFile,
    audio: options.audio,
    copyAudio: options.copyAudio,
    camera: options.camera,
    output,
    workDir,
    onProgress: options.onProgress,
  }))
  if (withCaptions)
    await writeAtomically(options.outputs.captions, tmp => copyFile(captionsFile, tmp))
  await writeFileAtomically(options.outputs.chapters, chapterText(video.chapters))
  await writeAtomically(options.outputs.thumbnail, tmp => copyFile(thumbnailFile, tmp))
}
