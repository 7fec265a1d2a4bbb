/**
 * Puts the slides into the boxes Chromium left for them: each slide page is
 * embedded as a form XObject (vector, text stays selectable), its web links
 * are carried over as live annotations, and the document metadata is set.
 */
import type { PDFNumber } from 'pdf-lib'
import type { PdfMetadata } from '../pdf/slides-pdf'
import { PDFArray, PDFDict, PDFDocument, PDFName } from 'pdf-lib'
import { setMetadata } from '../pdf/slides-pdf'

export interface SlideBox {
  no: number
  /** 1-based page of the handout. */
  page: number
  /** CSS px from the sheet's top left corner. */
  x: number
  y: number
  width: number
  height: number
}

export async function stampSlides(handoutBytes: Uint8Array, slidesBytes: Uint8Array, boxes: SlideBox[], sheetWidth: number, meta: PdfMetadata) {
  const doc = await PDFDocument.load(handoutBytes)
  const slides = await PDFDocument.load(slidesBytes)
  const embedded = await doc.embedPages(slides.getPages())

  for (const box of boxes) {
    const page = doc.getPage(box.page - 1)
    const scale = page.getWidth() / sheetWidth
    const slide = embedded[box.no - 1]
    // Fit the slide into the box, keeping its aspect ratio, centred.
    const fit = Math.min(box.width * scale / slide.width, box.height * scale / slide.height)
    const width = slide.width * fit
    const height = slide.height * fit
    const x = box.x * scale + (box.width * scale - width) / 2
    const y = page.getHeight() - box.y * scale - (box.height * scale + height) / 2
    page.drawPage(slide, { x, y, width, height })

    for (const link of uriLinks(slides.getPage(box.no - 1).node.Annots())) {
      const [x1, y1, x2, y2] = link.rect
      const annot = doc.context.obj({
        Type: 'Annot',
        Subtype: 'Link',
        Rect: [x + x1 * fit, y + y1 * fit, x + x2 * fit, y + y2 * fit],
        Border: [0, 0, 0],
        A: { Type: 'Action', S: 'URI', URI: link.uri },
      })
      page.node.addAnnot(doc.context.register(annot))
    }
  }

  setMetadata(doc, meta, 'Slidev deck and handout printed by Chromium, slides stamped with pdf-lib')
  return doc.save()
}

/** Web links of a slide page, with their rectangles in the slide's coordinates. */
function uriLinks(annots: PDFArray | undefined) {
  const links = []
  for (let i = 0; i < (annots?.size() ?? 0); i++) {
    const annot = annots!.lookup(i, PDFDict)
    const action = annot.lookup(PDFName.of('A'))
    if (!(action instanceof PDFDict) || action.get(PDFName.of('S')) !== PDFName.of('URI'))
      continue
    const rect = annot.lookup(PDFName.of('Rect'), PDFArray).asArray().map(n => (n as PDFNumber).asNumber())
    links.push({ rect, uri: action.get(PDFName.of('URI'))! })
  }
  return links
}
