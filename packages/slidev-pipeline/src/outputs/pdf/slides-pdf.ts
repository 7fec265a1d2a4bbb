import type { PDFRef } from 'pdf-lib'
import type { Deck } from '../../support/deck.ts'
/**
 * What Chromium's print lacks and a reader expects, added with pdf-lib (as
 * Slidev's exporter does): title, author, subject, keywords, and an outline
 * with one entry per slide pointing at its page.
 */
import { PDFDocument, PDFHexString, PDFName } from 'pdf-lib'
import { slideLabel } from '../../support/deck.ts'
import { speakerOf } from '../../support/speaker.ts'
import { markArtifacts } from './artifacts.ts'

/** `author` is undefined while the deck names no speaker: the PDF then carries no Author. */
export interface PdfMetadata { title: string, author?: string, subject: string, keywords: string[] }

export function metadataOf(deck: Deck): PdfMetadata {
  const h = deck.headmatter
  const keywords = Array.isArray(h.keywords) ? h.keywords.map(String) : String(h.keywords ?? '').split(',')
  return {
    title: String(h.title ?? deck.slides[0]?.title ?? ''),
    author: speakerOf(h),
    subject: String(h.info ?? '').replace(/\s+/g, ' ').trim(),
    keywords: keywords.map(k => k.trim()).filter(Boolean),
  }
}

export function setMetadata(doc: PDFDocument, meta: PdfMetadata, creator: string) {
  doc.setTitle(meta.title, { showInWindowTitleBar: true })
  if (meta.author)
    doc.setAuthor(meta.author)
  doc.setSubject(meta.subject)
  doc.setKeywords(meta.keywords)
  doc.setLanguage('en')
  doc.setCreator(creator)
  doc.setProducer('pdf-lib')
}

/** A flat outline: `entries` in order, each opening its page fitted to the window. */
export function setOutline(doc: PDFDocument, entries: { title: string, page: number }[]) {
  if (!entries.length)
    return
  const { context } = doc
  const outlinesRef = context.nextRef()
  const refs: PDFRef[] = entries.map(() => context.nextRef())
  entries.forEach((entry, i) => {
    const item = context.obj({
      Title: PDFHexString.fromText(entry.title),
      Parent: outlinesRef,
      Dest: [doc.getPage(entry.page - 1).ref, PDFName.of('Fit')],
      ...(i > 0 ? { Prev: refs[i - 1] } : {}),
      ...(i < refs.length - 1 ? { Next: refs[i + 1] } : {}),
    })
    context.assign(refs[i]!, item)
  })
  context.assign(outlinesRef, context.obj({ Type: 'Outlines', First: refs[0], Last: refs.at(-1), Count: refs.length }))
  doc.catalog.set(PDFName.of('Outlines'), outlinesRef)
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'))
}

/** The printed slides with metadata and outline; refuses a print whose page count is not the deck's. */
export async function finishSlidesPdf(printed: Uint8Array, deck: Deck): Promise<Uint8Array> {
  const doc = await PDFDocument.load(printed)
  if (doc.getPageCount() !== deck.slides.length)
    throw new Error(`Chromium printed ${doc.getPageCount()} pages for ${deck.slides.length} slides of ${deck.entry}`)
  // Decoration (aria-hidden icons, section numbers, rules) becomes /Artifact: a reader skips it on purpose.
  doc.getPages().forEach(markArtifacts)
  setMetadata(doc, metadataOf(deck), 'Slidev deck printed by Chromium (slidev-pipeline)')
  // One entry per page, as a reader pages through: an untitled slide is "Slide N", not left out.
  setOutline(doc, deck.slides.map(s => ({ title: slideLabel(s), page: s.no })))
  return doc.save()
}
