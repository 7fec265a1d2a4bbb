/**
 * Nothing overflows or is clipped: the innermost elements of slide `slideNo`
 * that stick out of the slide canvas, boxes whose content is cut (scrollable or clipped code
 * blocks, text wider than its box), and content covered by the source
 * footnote. Ignored, because nobody sees them: zero-size and display:none
 * elements, visually hidden text for screen readers (.sr-only, and any box
 * clipped to a pixel the way KaTeX hides its MathML) and SVG metadata. An
 * element is judged by the part of it its clipping ancestors let show (a
 * KaTeX root sign's long path, Monaco's huge layer of lines), and a box cuts
 * its content only when something drawn in it (text, an image, a canvas, an
 * SVG) lies past its edge: an editor's scroll area is far larger than its
 * box but draws only the lines that show.
 */
import type { Page } from 'playwright-core'
import type { SlideArg } from './slide.ts'
import { inPage } from '../inPage.ts'

/** Runs in the page (sent as source text: self-contained, no imports). `scope` selects the print container holding this instance of the slide. */
export function overflowInPage([n, scope]: SlideArg): string[] {
  const slide = (scope ? document.querySelector(scope) : document)?.querySelector(`.slidev-page-${n}`) as HTMLElement | null
  if (!slide)
    return [`slide ${n}: not rendered`]
  const frame = slide.getBoundingClientRect()
  const tolerance = 1
  const out: string[] = []
  const past = new Map<Element, string>()
  const describe = (el: Element) => {
    const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 50)
    const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : ''
    // An image is named by its file as the deck wrote it, so the report finds its line.
    const src = el.getAttribute('src')
    return `<${el.tagName.toLowerCase()}${cls}${src && !src.startsWith('data:') ? ` src="${src}"` : ''}>${text ? ` "${text}"` : ''}`
  }
  interface Box { left: number, top: number, right: number, bottom: number }
  const all: Box = { left: -Infinity, top: -Infinity, right: Infinity, bottom: Infinity }
  const meet = (a: Box, b: Box): Box => ({ left: Math.max(a.left, b.left), top: Math.max(a.top, b.top), right: Math.min(a.right, b.right), bottom: Math.min(a.bottom, b.bottom) })
  const clips = (el: Element, style: CSSStyleDeclaration) => style.overflowX !== 'visible' || style.overflowY !== 'visible' || (el instanceof SVGSVGElement && style.overflow !== 'visible')
  // Visually hidden the screen-reader way: an absolutely placed box clipped away, or clipped to at most 1×1 px.
  const srOnly = (el: Element, style: CSSStyleDeclaration) => {
    if ((style.position === 'absolute' || style.position === 'fixed') && (/rect\(\s*(?:0|1)px,?\s*(?:0|1)px,?\s*(?:0|1)px,?\s*(?:0|1)px\s*\)/.test(style.clip) || style.clipPath === 'inset(50%)'))
      return true
    const r = el.getBoundingClientRect()
    return clips(el, style) && r.width <= 1 && r.height <= 1
  }
  // The area an element may show in: its clipping ancestors' boxes met, up to the slide (memoised: one walk per element).
  const shown = new Map<Element, Box>()
  const hidden = new Map<Element, boolean>()
  const areaOf = (el: Element): Box => {
    const parent = el.parentElement
    // The slide's own clip is the edge this check measures against: it never hides an overflow.
    if (!parent || el === slide || parent === slide)
      return all
    let area = shown.get(el)
    if (!area) {
      const style = getComputedStyle(parent)
      area = clips(parent, style) ? meet(areaOf(parent), parent.getBoundingClientRect()) : areaOf(parent)
      shown.set(el, area)
    }
    return area
  }
  const isHidden = (el: Element): boolean => {
    if (el === slide || !el.parentElement)
      return false
    let h = hidden.get(el)
    if (h === undefined) {
      h = srOnly(el, getComputedStyle(el)) || isHidden(el.parentElement)
      hidden.set(el, h)
    }
    return h
  }
  /** Whether something drawn inside `box` (text, image, canvas, SVG, video) lies past its client area. */
  const inkPast = (box: HTMLElement): boolean => {
    const r = box.getBoundingClientRect()
    const inner = { left: r.left + box.clientLeft, top: r.top + box.clientTop, right: r.left + box.clientLeft + box.clientWidth, bottom: r.top + box.clientTop + box.clientHeight }
    const past = (b: DOMRect) => b.width > 0 && b.height > 0 && (b.left < inner.left - tolerance || b.right > inner.right + tolerance || b.top < inner.top - tolerance || b.bottom > inner.bottom + tolerance)
    // A hidden element's subtree draws nothing: REJECT skips it whole.
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT, {
      acceptNode: (node) => {
        if (!(node instanceof Element))
          return NodeFilter.FILTER_ACCEPT
        const style = getComputedStyle(node)
        return style.display === 'none' || style.visibility === 'hidden' || isHidden(node) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT
      },
    })
    const range = document.createRange()
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node instanceof Element) {
        if (/^(?:img|canvas|video|svg|iframe)$/i.test(node.tagName) && past(node.getBoundingClientRect()))
          return true
      }
      else if (node.textContent?.trim()) {
        range.selectNodeContents(node)
        if ([...range.getClientRects()].some(past))
          return true
      }
    }
    return false
  }
  for (const el of slide.querySelectorAll('*')) {
    if (el.closest('.sr-only, title, desc, style, script'))
      continue
    const style = getComputedStyle(el)
    if (style.display === 'none' || style.visibility === 'hidden')
      continue
    const r = el.getBoundingClientRect()
    if (r.width === 0 || r.height === 0 || isHidden(el))
      continue
    const v = meet(r, areaOf(el))
    if (v.right - v.left <= 0 || v.bottom - v.top <= 0)
      continue
    const outside = [
      v.left < frame.left - tolerance && 'left',
      v.right > frame.right + tolerance && 'right',
      v.top < frame.top - tolerance && 'top',
      v.bottom > frame.bottom + tolerance && 'bottom',
    ].filter(Boolean)
    if (outside.length)
      past.set(el, outside.join(' and '))
    if (el instanceof HTMLElement && (style.overflowX !== 'visible' || style.overflowY !== 'visible')) {
      if ((el.scrollWidth > el.clientWidth + tolerance || el.scrollHeight > el.clientHeight + tolerance) && inkPast(el))
        out.push(`slide ${n}: ${describe(el)} cuts its content (${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight})`)
    }
  }
  // Name the innermost elements past an edge (the bullet, not the list and the layout around it).
  for (const [el, edges] of past) {
    if (![...el.children].some(child => past.get(child) === edges))
      out.push(`slide ${n}: ${describe(el)} extends past the slide's ${edges} edge`)
  }
  // The footnote sits at the bottom, absolutely positioned: it must not cover content.
  const note = slide.querySelector('.source-note')
  if (note) {
    const noteBox = note.getBoundingClientRect()
    for (const el of slide.querySelectorAll('pre, p, li, table, svg, img, h1, h2, figure, .claim-check')) {
      if (note.contains(el) || el.contains(note) || el.closest('.sr-only'))
        continue
      const r = el.getBoundingClientRect()
      if (r.width && r.height && r.bottom > noteBox.top + tolerance && r.top < noteBox.bottom - tolerance && r.right > noteBox.left && r.left < noteBox.right)
        out.push(`slide ${n}: ${describe(el)} is covered by the source footnote`)
    }
  }
  return out
}

export const overflowOf = (page: Page, slideNo: number, scope?: string): Promise<string[]> => inPage(page, overflowInPage, [slideNo, scope])
