/**
 * Content Chromium paints outside the structure tree (what `aria-hidden`
 * hides: icons, section numbers, decorative quote marks, rules and
 * backgrounds) marked as /Artifact, so a reader skips it on purpose instead
 * of meeting content that is neither tagged nor declared decoration.
 *
 * The page's content stream is read as operations; each painting operation
 * outside any marked-content sequence (text shown, a path painted, an image
 * or shading drawn) is wrapped in `/Artifact BMC … EMC`, a path together with
 * its construction (marked content may not split a path object), consecutive
 * ones in one sequence that ends before tagged content and at the edge of a
 * text object. A stream with literal strings or inline images is left as it
 * is (Chromium writes neither): the tokens below would not read them safely.
 */
import type { PDFPage } from 'pdf-lib'
import { deflateSync, inflateSync } from 'node:zlib'
import { decodePDFRawStream, PDFArray, PDFName, PDFRawStream, PDFRef } from 'pdf-lib'

const TOKEN = /<<|>>|<[\da-f\s]*>|[[\]]|\/[^\s/<>[\]()%{}]*|[+-]?(?:\d+\.?\d*|\.\d+)|[a-z'"*]+\d?|\S/gi
const PAINT_TEXT = new Set(['Tj', 'TJ', '\'', '"'])
const PAINT_PATH = new Set(['f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'S', 's'])
const BUILD_PATH = new Set(['m', 'l', 'c', 'v', 'y', 'h', 're'])
const DRAW = new Set(['Do', 'sh'])

/** The content with unmarked painting wrapped as artifacts; undefined when it cannot be read safely. */
export function withArtifacts(content: string): string | undefined {
  if (/\(|\bBI\b/.test(content))
    return undefined
  // Where to insert the markers, as offsets into `content`: the stream is copied once, in slices.
  const marks: { at: number, text: string }[] = []
  let opStart = -1
  let depth = 0
  let pathStart = -1
  // One artifact runs over consecutive unmarked painting; it ends before tagged content and at a text object's edge.
  let open = false
  const begin = (at: number) => {
    marks.push({ at, text: '/Artifact BMC\n' })
    open = true
  }
  const close = (at: number) => {
    if (open)
      marks.push({ at, text: '\nEMC\n' })
    open = false
  }
  for (const m of content.matchAll(TOKEN)) {
    const token = m[0]
    if (opStart < 0)
      opStart = m.index
    if (!/^[a-z'"]/i.test(token) || token === 'true' || token === 'false' || token === 'null')
      continue
    const from = opStart
    opStart = -1
    if (token === 'BDC' || token === 'BMC') {
      if (depth === 0)
        close(from)
      depth++
    }
    else if (token === 'EMC') {
      depth = Math.max(0, depth - 1)
    }
    else if (depth === 0) {
      if (token === 'BT' || token === 'ET') {
        close(from)
      }
      else if (BUILD_PATH.has(token)) {
        if (!open && pathStart < 0)
          pathStart = from
      }
      else if (PAINT_PATH.has(token)) {
        if (!open && pathStart >= 0)
          begin(pathStart)
        pathStart = -1
      }
      else if (PAINT_TEXT.has(token) || DRAW.has(token)) {
        if (!open)
          begin(from)
      }
      else if (token === 'n') {
        pathStart = -1
      }
    }
  }
  close(content.length)
  let out = ''
  let last = 0
  for (const { at, text } of marks) {
    out += content.slice(last, at) + text
    last = at
  }
  return out + content.slice(last)
}

/** Rewrites the page's content with its unmarked painting as artifacts (a tagged page only). */
export function markArtifacts(page: PDFPage) {
  const { context } = page.doc
  if (page.node.get(PDFName.of('StructParents')) === undefined)
    return
  const contents = page.node.Contents()
  const streams = contents instanceof PDFArray ? contents.asArray().map(r => context.lookup(r)) : [contents]
  if (!streams.every(s => s instanceof PDFRawStream))
    return
  // Node's zlib for Chromium's Flate streams: pdf-lib's JavaScript inflate and deflate took most of the time.
  const decode = (s: PDFRawStream) => String(s.dict.get(PDFName.of('Filter'))) === '/FlateDecode' && !s.dict.has(PDFName.of('DecodeParms'))
    ? inflateSync(s.contents)
    : Buffer.from(decodePDFRawStream(s).decode())
  const text = streams.map(s => decode(s as PDFRawStream).toString('latin1')).join('\n')
  const marked = withArtifacts(text)
  if (marked === undefined)
    return
  // The old streams go: pdf-lib writes every object it holds, referenced or not.
  const old = page.node.get(PDFName.of('Contents'))
  for (const ref of old instanceof PDFArray ? old.asArray() : [old]) {
    if (ref instanceof PDFRef)
      context.delete(ref)
  }
  page.node.set(PDFName.of('Contents'), context.register(context.stream(deflateSync(Buffer.from(marked, 'latin1')), { Filter: 'FlateDecode' })))
}
