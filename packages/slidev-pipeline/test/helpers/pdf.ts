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

/** One element of a tagged PDF's structure tree, with the text of the content it holds. */
export interface StructNode { role: string, alt?: string, lang?: string, text: string, children: StructNode[], annotations: number }
export interface PdfStructure {
  marked: boolean
  lang: string | undefined
  /** /ViewerPreferences /DisplayDocTitle: the window shows the title, not the file name (WCAG 2.4.2). */
  displayTitle: boolean
  /** One tree per page (null: the page has no structure), roots first. */
  pages: (StructNode | null)[]
  /** Per page: text painted outside any marked content (neither tagged nor an artifact), and text marked /Artifact. */
  untagged: string[]
  artifacts: string[]
}

/**
 * The structure tree as a screen reader gets it, read with pdf.js: MarkInfo,
 * the document language, and per page the tree of `getStructTree()` with the
 * text of each marked-content sequence put where the tree points at it.
 */
export async function readStructure(path: string): Promise<PdfStructure> {
  const doc = await openPdf(path)
  const pages: (StructNode | null)[] = []
  const untagged: string[] = []
  const artifacts: string[] = []
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i)
    const content = await page.getTextContent({ includeMarkedContent: true })
    const texts = new Map<string, string>()
    const open: string[] = []
    const tags: string[] = []
    let loose = ''
    let artifact = ''
    for (const item of content.items as any[]) {
      if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') {
        open.push(item.id ?? '')
        tags.push(item.tag ?? '')
      }
      else if (item.type === 'endMarkedContent') {
        open.pop()
        tags.pop()
      }
      else if ('str' in item) {
        if (!open.length)
          loose += item.str
        else if (tags.includes('Artifact'))
          artifact += item.str
        else if (open.some(Boolean)) // a sequence without an id (a /Span with /ActualText) belongs to the one around it
          texts.set(open.findLast(Boolean)!, (texts.get(open.findLast(Boolean)!) ?? '') + item.str)
      }
    }
    untagged.push(loose)
    artifacts.push(artifact)
    const walk = (node: any): StructNode => {
      const kids = (node.children ?? []) as any[]
      const children = kids.filter(k => k.role).map(walk)
      const own = kids.filter(k => k.type === 'content').map(k => texts.get(k.id) ?? '').join('')
      return {
        role: node.role,
        alt: node.alt,
        lang: node.lang,
        children,
        annotations: kids.filter(k => k.type === 'annotation' || k.type === 'object').length,
        text: (own + children.map(c => c.text).join('')).replace(/\s+/g, ' '),
      }
    }
    const tree = await page.getStructTree()
    pages.push(tree ? walk(tree) : null)
  }
  const marked = (await doc.getMarkInfo())?.Marked === true
  const lang = ((await doc.getMetadata()).info as Record<string, string>).Language
  const displayTitle = ((await doc.getViewerPreferences()) as Record<string, unknown> | null)?.DisplayDocTitle === true
  await doc.destroy()
  return { marked, lang, displayTitle, pages, untagged, artifacts }
}

/** Every element of the tree (the node itself first) whose role is `role`. */
export function elementsOf(node: StructNode | null, role: string): StructNode[] {
  if (!node)
    return []
  return [...(node.role === role ? [node] : []), ...node.children.flatMap(c => elementsOf(c, role))]
}
