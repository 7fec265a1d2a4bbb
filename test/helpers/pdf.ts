/**
 * Reading a PDF the way a reader's viewer does: text per page, link
 * annotations, outline, metadata, embedded fonts, and pages rendered to PNG.
 */
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/types/src/display/api'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { PNG } from 'pngjs'

export interface PdfPage { text: string, links: string[], width: number, height: number }
export interface PdfReport {
  pages: PdfPage[]
  outline: string[]
  info: Record<string, string>
}

/** The file opened with pdf.js, as a viewer opens it; call destroy() when done. */
export async function openPdf(path: string): Promise<PDFDocumentProxy> {
  return getDocument({ data: new Uint8Array(readFileSync(path)), verbosity: 0 }).promise
}

/** A page's text in reading order: a newline where pdf.js ends a line, runs of spaces as one. */
export async function pageText(page: PDFPageProxy): Promise<string> {
  const content = await page.getTextContent()
  return content.items.map(item => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('').replace(/[ \t]+/g, ' ')
}

export async function readPdf(path: string): Promise<PdfReport> {
  const doc = await openPdf(path)
  const pages: PdfPage[] = []
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i)
    const text = await pageText(page)
    const links = (await page.getAnnotations()).filter(a => a.subtype === 'Link' && a.url).map(a => a.url as string)
    const [, , width, height] = page.view
    pages.push({ text, links, width: width!, height: height! })
  }
  const flatten = (items: { title: string, items?: any[] }[] | null): string[] =>
    (items ?? []).flatMap(i => [i.title, ...flatten(i.items ?? [])])
  const outline = flatten(await doc.getOutline())
  const info = (await doc.getMetadata()).info as Record<string, string>
  await doc.destroy()
  return { pages, outline, info }
}

/** Every font in the file: its name, subtype and whether its program is embedded. */
export async function fontsOf(path: string) {
  const pdf = await PDFDocument.load(readFileSync(path), { updateMetadata: false })
  const fonts: { name: string, subtype: string, embedded: boolean }[] = []
  for (const [, obj] of pdf.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || obj.get(PDFName.of('Type'))?.toString() !== '/Font')
      continue
    const subtype = obj.get(PDFName.of('Subtype'))?.toString() ?? ''
    if (subtype === '/Type0')
      continue // its descendant CIDFont carries the descriptor and is listed on its own
    const descriptor = obj.lookupMaybe(PDFName.of('FontDescriptor'), PDFDict)
    const embedded = !!descriptor && ['FontFile', 'FontFile2', 'FontFile3'].some(k => descriptor.has(PDFName.of(k)))
    fonts.push({ name: obj.get(PDFName.of('BaseFont'))?.toString() ?? '', subtype, embedded })
  }
  return fonts
}

/** Renders pages with poppler's pdftoppm; returns decoded PNGs in page order. */
export function renderPages(path: string, dpi = 30, first?: number, last?: number): PNG[] {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-pages-'))
  execFileSync('pdftoppm', ['-r', String(dpi), '-png', ...(first ? ['-f', String(first)] : []), ...(last ? ['-l', String(last)] : []), path, join(dir, 'p')])
  const pngs = readdirSync(dir).sort().map(f => PNG.sync.read(readFileSync(join(dir, f))))
  rmSync(dir, { recursive: true, force: true })
  return pngs
}

/** Share of pixels that differ from the most common colour: 0 means a blank page. */
export function inkRatio(png: PNG): number {
  const counts = new Map<number, number>()
  const { data } = png
  for (let i = 0; i < data.length; i += 4) {
    const key = (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  const top = Math.max(...counts.values())
  return 1 - top / (data.length / 4)
}

/** Image XObjects drawn on each page (counting those inside form XObjects), with pdf-lib. */
export async function imagesPerPage(path: string): Promise<number[]> {
  const pdf = await PDFDocument.load(readFileSync(path), { updateMetadata: false })
  const count = (resources: PDFDict | undefined, seen: Set<unknown>): number => {
    const xobjects = resources?.lookupMaybe(PDFName.of('XObject'), PDFDict)
    let n = 0
    for (const [, ref] of xobjects?.entries() ?? []) {
      const obj = pdf.context.lookup(ref)
      if (seen.has(obj) || !(obj && 'dict' in obj && obj.dict instanceof PDFDict))
        continue
      seen.add(obj)
      const subtype = obj.dict.get(PDFName.of('Subtype'))?.toString()
      if (subtype === '/Image')
        n++
      else if (subtype === '/Form')
        n += count(obj.dict.lookupMaybe(PDFName.of('Resources'), PDFDict), seen)
    }
    return n
  }
  return pdf.getPages().map(page => count(page.node.Resources(), new Set()))
}
