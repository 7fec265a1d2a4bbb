import type { Browser } from '../../capture/browser.ts'
import type { HandoutExtras } from '../../check/deck-config.ts'
import type { Deck } from '../../support/deck.ts'
import type { HandoutLayout } from './paginate.ts'
/**
 * The attendee handout, an A4 PDF: a cover (QR codes), every slide in its
 * final click state beside its speaker notes, and the references. Chromium
 * lays the pages out (paginate.ts) and prints them; pdf-lib then stamps the
 * slides, from the slides PDF, into their boxes as vectors. What the cover
 * links to and the references come from the deck's config (deck.config.ts:
 * `handout`); without one, the handout is the cover and the slides with notes.
 */
import { relative } from 'node:path'
import { PDFDocument } from 'pdf-lib'
import { inPage } from '../../capture/inPage.ts'
import { metadataOf } from '../pdf/slides-pdf.ts'
import { handoutHtml, slideBoxLabel } from './html.ts'
import { paginate } from './paginate.ts'
import { slideAltTexts } from './slide-alt.ts'
import { stampSlides } from './stamp.ts'

export type { HandoutLayout }

/** Lays out and prints the handout of `deck` around `slidesPdf` (one page per slide). */
export async function makeHandout(browser: Browser, deck: Deck, slidesPdf: Uint8Array, extras: HandoutExtras = {}): Promise<{ pdf: Uint8Array, layout: HandoutLayout }> {
  const slidesDoc = await PDFDocument.load(slidesPdf)
  if (slidesDoc.getPageCount() !== deck.slides.length)
    throw new Error(`The slides PDF has ${slidesDoc.getPageCount()} pages but ${relative(process.cwd(), deck.entry)} has ${deck.slides.length} slides; export the deck again.`)
  const first = slidesDoc.getPage(0)
  const html = handoutHtml({
    deck,
    links: extras.links ?? [],
    sources: extras.sources ?? [],
    referencesNote: extras.referencesNote,
    meta: extras.meta ?? '',
    slideAspect: first.getWidth() / first.getHeight(),
  })
  // Read while Chromium lays the handout out (another process): the boxes get it before printing.
  const altTexts = slideAltTexts(slidesPdf)
  altTexts.catch(() => {})
  const page = await browser.newPage({ viewport: { width: 794, height: 1123 }, colorScheme: 'light' })
  try {
    await page.emulateMedia({ media: 'print', colorScheme: 'light' })
    await page.setContent(html, { waitUntil: 'load' })
    await inPage(page, () => document.fonts.ready)
    const layout = await inPage(page, paginate)
    const labels = (await altTexts).map((text, i) => slideBoxLabel(i + 1, text))
    await inPage(page, (labels) => {
      document.querySelectorAll<HTMLElement>('.slide-box').forEach(box => box.setAttribute('aria-label', labels[Number(box.dataset.no) - 1]!))
    }, labels)
    const printed = await page.pdf({ preferCSSPageSize: true, printBackground: true, outline: true, tagged: true })
    const pdf = await stampSlides(printed, slidesPdf, layout.slides, layout.sheetWidth, metadataOf(deck))
    return { pdf, layout }
  }
  finally {
    await page.close()
  }
}
