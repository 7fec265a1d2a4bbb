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
 * text object. A stream
 * with literal strings or inline images is left as it is (Chromium writes
 * neither): the tokens below would not read them safely.
 */
import type { PDFPage } from 'pdf-lib'
import { decodePDFRawStream, PDFArray, PDFName, PDFRawStream, PDFRef } from 'pdf-lib'

const TOKEN = /<<|>>|<[\da-f\s]*>|\[|\]|\/[^\s/<>[\]()%{}]*|[+-]?(?:\d+\.?\d*|\.\d+)|[a-z'"*]+\d?|\S/gi
const PAINT_TEXT = new Set(['Tj', 'TJ', '\'', '"'])
const PAINT_PATH = new Set(['f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'S', 's'])
const BUILD_PATH = new Set(['m', 'l', 'c', 'v', 'y', 'h', 're'])
const DRAW = new Set(['Do', 'sh'])

/** The content with unmarked painting wrapped as artifacts; undefined when it cannot be read safely. */
export function withArtifacts(content: string): string | undefined {
  if (/\(|\bBI\b/.test(content))
    return undefined
  const out: string[] = []
  let operands: string[] = []
  let depth = 0
  let pathStart = -1
  // One artifact runs over consecutive unmarked painting; it ends before tagged content and at a text object's edge.
  let open = false
  const close = () => {
    if (open)
      out.push('EMC')
    open = false
  }
  for (const [token] of content.matchAll(TOKEN)) {
    if (!/^[a-z'"]/i.test(token) || token === 'true' || token === 'false' || token === 'null') {
      operands.push(token)
      continue
    }
    const op = `${operands.join(' ')}${operands.length ? ' ' : ''}${token}`
    operands = []
    if (token === 'BDC' || token === 'BMC') {
      if (depth === 0)
        close()
      depth++
    }
    else if (token === 'EMC') {
      depth = Math.max(0, depth - 1)
    }
    else if (depth === 0) {
      if (token === 'BT' || token === 'ET') {
        close()
      }
      else if (BUILD_PATH.has(token)) {
        if (!open && pathStart < 0)
          pathStart = out.length
      }
      else if (PAINT_PATH.has(token)) {
        if (!open && pathStart >= 0) {
          out.splice(pathStart, 0, '/Artifact BMC')
          open = true
        }
        pathStart = -1
      }
      else if (PAINT_TEXT.has(token) || DRAW.has(token)) {
        if (!open)
          out.push('/Artifact BMC')
        open = true
      }
      else if (token === 'n') {
        pathStart = -1
      }
    }
    out.push(op)
  }
  close()
  return out.join('\n')
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
  const text = streams.map(s => Buffer.from(decodePDFRawStream(s as PDFRawStream).decode()).toString('latin1')).join('\n')
  const marked = withArtifacts(text)
  if (marked === undefined)
    return
  // The old streams go: pdf-lib writes every object it holds, referenced or not.
  const old = page.node.get(PDFName.of('Contents'))
  for (const ref of old instanceof PDFArray ? old.asArray() : [old]) {
    if (ref instanceof PDFRef)
      context.delete(ref)
  }
  page.node.set(PDFName.of('Contents'), context.register(context.flateStream(Buffer.from(marked, 'latin1'))))
}
