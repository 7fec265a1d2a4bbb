/**
 * Puts the slides into the boxes Chromium left for them: each slide page is
 * embedded as a form XObject (vector, text stays selectable), its web links
 * are carried over as live annotations, and the document metadata is set.
 *
 * The handout is a tagged PDF (Chromium prints its HTML tagged). Each box is
 * an image with alt text in the HTML (`role="img"`: the slide's text as a
 * screen reader hears it in the slides PDF), which Chromium tags as a
 * /Figure with /Alt. The stamp becomes that Figure's content (a marked-content
 * sequence with its own MCID in the page's parent tree), and each carried-over
 * link a /Link element after it, so a reader meets the slide, then its links.
 * The slide pages' own marked content is taken out before embedding: its MCIDs
 * would point into the handout page's structure, at the wrong elements.
 */
import type { PDFNumber, PDFPage, PDFRef } from 'pdf-lib'
import type { PdfMetadata } from '../pdf/slides-pdf.ts'
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFOperator, PDFOperatorNames, PDFRawStream, PDFString } from 'pdf-lib'
import { setMetadata } from '../pdf/slides-pdf.ts'

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
  slides.getPages().forEach(withoutMarkedContent)
  const embedded = await doc.embedPages(slides.getPages())
  const structure = StructureEditor.of(doc)

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
    const figure = structure?.figureFor(box.no)
    const mcid = figure ? structure!.markContent(page, figure) : undefined
    if (mcid !== undefined)
      page.pushOperators(PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [PDFName.of('Figure'), `<< /MCID ${mcid} >>`]))
    page.drawPage(slide, { x, y, width, height })
    if (mcid !== undefined)
      page.pushOperators(PDFOperator.of(PDFOperatorNames.EndMarkedContent))

    for (const link of uriLinks(slides.getPage(box.no - 1).node.Annots())) {
      const [x1, y1, x2, y2] = link.rect
      const annot = doc.context.obj({
        Type: 'Annot',
        Subtype: 'Link',
        Rect: [x + x1 * fit, y + y1 * fit, x + x2 * fit, y + y2 * fit],
        Border: [0, 0, 0],
        A: { Type: 'Action', S: 'URI', URI: link.uri },
        // What a reader announces for the link: where it goes.
        Contents: PDFString.of(link.text),
      })
      const ref = doc.context.register(annot)
      page.node.addAnnot(ref)
      if (figure)
        structure!.tagLink(page, figure, ref, annot, link.text)
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
    const uri = action.get(PDFName.of('URI'))!
    links.push({ rect, uri, text: uri instanceof PDFString ? uri.decodeText() : String(uri) })
  }
  return links
}

/**
 * The page's content without marked-content operators (`/Tag <<…>> BDC`,
 * `/Tag /Props BDC`, `/Tag BMC`, `EMC`). Chromium writes text as hex strings,
 * so these words only occur as operators; a literal string would make that
 * uncertain, and such a page is left as it is.
 */
function withoutMarkedContent(page: PDFPage) {
  const { context } = page.doc
  const contents = page.node.Contents()
  const streams = contents instanceof PDFArray ? contents.asArray().map(r => context.lookup(r)) : [contents]
  if (!streams.every(s => s instanceof PDFRawStream))
    return
  const text = streams.map(s => Buffer.from(decodePDFRawStream(s as PDFRawStream).decode()).toString('latin1')).join('\n')
  if (/\((?!\))/.test(text))
    return
  const stripped = text
    .replace(/\/[^\s/<>[\]()]+\s*(?:<<[\s\S]*?>>|\/[^\s/<>[\]()]+)\s*BDC(?=\s|$)/g, ' ')
    .replace(/\/[^\s/<>[\]()]+\s+BMC(?=\s|$)/g, ' ')
    .replace(/(^|\s)EMC(?=\s|$)/g, '$1')
  page.node.set(PDFName.of('Contents'), context.register(context.flateStream(Buffer.from(stripped, 'latin1'))))
}

/** The few edits of Chromium's structure tree the stamps need. */
class StructureEditor {
  private constructor(private doc: PDFDocument, private root: PDFDict, private nums: PDFArray, private figures: Map<number, PDFRef>) {}

  /** Undefined when the handout is not tagged, or its parent tree is not one flat /Nums array (Chromium writes one). */
  static of(doc: PDFDocument): StructureEditor | undefined {
    const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict)
    const nums = root?.lookupMaybe(PDFName.of('ParentTree'), PDFDict)?.lookupMaybe(PDFName.of('Nums'), PDFArray)
    if (!root || !nums)
      return undefined
    // The slide boxes: Figures whose alt text starts "Slide N:" (html.ts).
    const figures = new Map<number, PDFRef>()
    for (const [ref, obj] of doc.context.enumerateIndirectObjects()) {
      if (!(obj instanceof PDFDict) || obj.get(PDFName.of('S')) !== PDFName.of('Figure'))
        continue
      const alt = obj.lookup(PDFName.of('Alt'))
      const no = (alt instanceof PDFString || alt?.constructor.name === 'PDFHexString') ? (alt as PDFString).decodeText().match(/^Slide (\d+):/)?.[1] : undefined
      if (no)
        figures.set(Number(no), ref)
    }
    return new StructureEditor(doc, root, nums, figures)
  }

  figureFor(no: number): PDFRef | undefined {
    return this.figures.get(no)
  }

  /** A new MCID on `page` whose content belongs to `figure`. */
  markContent(page: PDFPage, figure: PDFRef): number | undefined {
    const key = page.node.get(PDFName.of('StructParents'))
    const entry = this.entry(key ? Number(String(key)) : Number.NaN)
    if (!(entry instanceof PDFArray))
      return undefined
    const mcid = entry.size()
    entry.push(figure)
    const element = this.doc.context.lookup(figure, PDFDict)
    const kids = element.get(PDFName.of('K'))
    const list = kids instanceof PDFArray ? kids : this.doc.context.obj(kids === undefined ? [] : [kids])
    list.push(this.doc.context.obj({ Type: 'MCR', Pg: page.ref, MCID: mcid }))
    element.set(PDFName.of('K'), list)
    return mcid
  }

  /** A /Link element for `annot`, right after `figure` among its parent's children. */
  tagLink(page: PDFPage, figure: PDFRef, ref: PDFRef, annot: PDFDict, text: string) {
    const { context } = this.doc
    const parentRef = context.lookup(figure, PDFDict).get(PDFName.of('P')) as PDFRef
    const parent = context.lookup(parentRef, PDFDict)
    const key = Number(String(this.root.get(PDFName.of('ParentTreeNextKey')) ?? this.nums.size() / 2))
    const link = context.register(context.obj({ Type: 'StructElem', S: 'Link', P: parentRef, Pg: page.ref, Alt: PDFString.of(text), K: { Type: 'OBJR', Obj: ref, Pg: page.ref } }))
    annot.set(PDFName.of('StructParent'), context.obj(key))
    this.nums.push(context.obj(key))
    this.nums.push(link)
    this.root.set(PDFName.of('ParentTreeNextKey'), context.obj(key + 1))
    const kids = parent.get(PDFName.of('K'))
    const list = kids instanceof PDFArray ? kids : context.obj(kids === undefined ? [] : [kids])
    const at = list.asArray().findIndex(k => k === figure)
    list.insert(at < 0 ? list.size() : at + 1, link)
    parent.set(PDFName.of('K'), list)
    page.node.set(PDFName.of('Tabs'), PDFName.of('S'))
  }

  /** The parent-tree entry for `key` (the array of a page's MCIDs), or undefined. */
  private entry(key: number) {
    for (let i = 0; i < this.nums.size(); i += 2) {
      if (Number(String(this.nums.get(i))) === key)
        return this.nums.lookup(i + 1)
    }
    return undefined
  }
}
