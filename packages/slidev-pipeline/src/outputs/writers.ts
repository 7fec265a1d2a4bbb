import type { Browser } from '../capture/browser.ts'
import type { Still } from '../capture/capture.ts'
import type { HandoutExtras } from '../check/deck-config.ts'
import type { Deck } from '../support/deck.ts'
import type { HandoutLayout } from './handout/handout.ts'
import type { VideoOutputs } from './video/video.ts'
/**
 * One writer per artifact: each takes what the capture made and writes its
 * file (or folder) atomically, so a failed export never leaves a broken one
 * and the previous file stays until the new one is whole. Each returns the
 * files it wrote. The pipeline (src/pipeline.ts) calls them once the gate has
 * passed; it loads this module only then, with what the writers need
 * (pdf-lib, PptxGenJS, the handout).
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { writeAtomically, writeFileAtomically } from '../support/atomic.ts'
import { makeHandout } from './handout/handout.ts'
import { makePptx } from './pptx/pptx.ts'
import { makeStoryboard } from './storyboard/storyboard.ts'
import { makeVideo } from './video/video.ts'

/** The slides PDF, as the capture printed and finished it. */
export async function writePdf(path: string, slidesPdf: Uint8Array): Promise<string[]> {
  await writeFileAtomically(path, slidesPdf)
  return [path]
}

/** A folder of one PNG per slide (`01.png` …), each in its final click state. */
export async function writePngs(path: string, finals: Still[], slideCount: number): Promise<string[]> {
  const digits = Math.max(2, String(slideCount).length)
  await writeAtomically(path, async (tmp) => {
    await mkdir(tmp)
    await Promise.all(finals.map(s => writeFile(join(tmp, `${String(s.no).padStart(digits, '0')}.png`), s.png)))
  })
  return [path]
}

/** The PowerPoint: each slide's final still as its picture, its notes as notes. */
export async function writePptx(path: string, deck: Deck, finals: Still[]): Promise<string[]> {
  await writeFileAtomically(path, await makePptx(deck, finals.map(s => s.png)))
  return [path]
}

/** The A4 handout, laid out by Chromium around the slides PDF. */
export async function writeHandout(path: string, browser: Browser, deck: Deck, slidesPdf: Uint8Array, extras?: HandoutExtras): Promise<{ files: string[], layout: HandoutLayout }> {
  const made = await makeHandout(browser, deck, slidesPdf, extras)
  await writeFileAtomically(path, made.pdf)
  return { files: [path], layout: made.layout }
}

/** The storyboard: every click step of each slide side by side, from the stills' files. */
export async function writeStoryboard(path: string, browser: Browser, deck: Deck, stills: { no: number, clicks: number, file: string }[]): Promise<string[]> {
  await writeFileAtomically(path, await makeStoryboard(browser, deck, stills))
  return [path]
}

/** The video and its captions, chapters and thumbnail (makeVideo writes each atomically). */
export async function writeVideo(outputs: VideoOutputs, options: Omit<Parameters<typeof makeVideo>[0], 'outputs'>): Promise<string[]> {
  await makeVideo({ ...options, outputs })
  return [outputs.video, outputs.captions, outputs.chapters, outputs.thumbnail]
}
