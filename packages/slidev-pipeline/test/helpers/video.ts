import type { VideoOutputs } from '../../src/outputs/video/video'
import type { PipelineOptions, PipelineResult } from '../../src/pipeline'
/**
 * What the video and narration tests share: the fixture deck, `npm run video`
 * as a function, where its files go, ffprobe, a WebVTT parser and a tone to
 * stand in for a speaker's recording.
 */
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { runPipeline } from '../../src/pipeline'
import { findFfmpeg, findFfprobe } from '../../src/support/executable'
import { fixture } from './paths'

/** Four slides, eight click steps, `duration`/`durations` frontmatter, about 15 s. */
export const VIDEO_FIXTURE = fixture('video-deck', 'slides.md')

export const ffprobe = (args: string[]) => execFileSync(findFfprobe(), ['-v', 'error', ...args], { encoding: 'utf8' })

/** The video's files in `dir`. */
export function videoOutputs(dir: string): VideoOutputs {
  return { video: join(dir, 'v.mp4'), captions: join(dir, 'v.vtt'), chapters: join(dir, 'chapters.txt'), thumbnail: join(dir, 'thumb.png') }
}

/** `npm run video` as a function: the pipeline with the video alone. */
export function renderVideo(options: Omit<PipelineOptions, 'artifacts'>): Promise<PipelineResult> {
  // Fixture decks test the video, not the export gate (test/export.gate.test.ts): their default-theme fonts would stop the export.
  return runPipeline({ gate: false, ...options, artifacts: ['video'] })
}

/** A 440 Hz tone of `seconds` as AAC: a recording anyone can tell from the voice. */
export function writeTone(file: string, seconds: number) {
  execFileSync(findFfmpeg(), ['-v', 'error', '-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`, '-c:a', 'aac', file])
}

export interface VttCue { start: number, end: number, lines: string[], text: string }

export function parseVtt(text: string): VttCue[] {
  if (!text.startsWith('WEBVTT\n'))
    throw new Error(`not WebVTT: ${text.slice(0, 40)}`)
  const seconds = (t: string) => t.split(':').reduce((sum, part) => sum * 60 + Number(part), 0)
  return text.split(/\n{2,}/).slice(1).filter(Boolean).map((block) => {
    const lines = block.trim().split('\n')
    const timing = lines.findIndex(l => l.includes(' --> '))
    const [start, end] = lines[timing]!.split(' --> ').map(seconds)
    const cueLines = lines.slice(timing + 1)
    return { start: start!, end: end!, lines: cueLines, text: cueLines.join(' ') }
  })
}
