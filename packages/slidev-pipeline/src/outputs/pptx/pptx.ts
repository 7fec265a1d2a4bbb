import type { Deck } from '../../support/deck.ts'
/**
 * PowerPoint from the pipeline's stills, as Slidev's own exporter makes it
 * (pptxgenjs, the version @slidev/cli 52.20.1 uses): one slide per deck slide,
 * its still (final click state, 1920×1080) as the picture, its speaker notes
 * as the notes. No second pass over the deck: the PNGs' stills are reused.
 */
import PptxGenJS from 'pptxgenjs'
import { CLICK_MARK } from '../../support/deck.ts'
import { speakerOf } from '../../support/speaker.ts'

/** Notes as the speaker wrote them, without the `[click]` marks the presenter view uses. */
export function pptxNotes(markdown: string): string {
  return markdown.replace(CLICK_MARK, '').replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').trim()
}

/** `stills`: one PNG per slide, in slide order (slide n at index n - 1). */
export async function makePptx(deck: Deck, stills: Buffer[], size = { width: 1920, height: 1080 }): Promise<Uint8Array> {
  if (stills.length !== deck.slides.length)
    throw new Error(`PowerPoint: ${stills.length} pictures for ${deck.slides.length} slides`)
  const pptx = new PptxGenJS()
  // Slidev's layout: the picture's pixels at 96 per inch.
  pptx.defineLayout({ name: 'deck', width: size.width / 96, height: size.height / 96 })
  pptx.layout = 'deck'
  const { headmatter } = deck
  const speaker = speakerOf(headmatter)
  if (speaker)
    pptx.author = speaker
  pptx.title = String(headmatter.title ?? deck.slides[0]?.title ?? '')
  if (typeof headmatter.info === 'string')
    pptx.subject = headmatter.info.trim()
  deck.slides.forEach((slide, i) => {
    const page = pptx.addSlide()
    page.background = { data: `data:image/png;base64,${stills[i]!.toString('base64')}` }
    const notes = pptxNotes(slide.notes)
    if (notes)
      page.addNotes(notes)
  })
  return new Uint8Array(await pptx.write({ outputType: 'nodebuffer' }) as Buffer)
}
