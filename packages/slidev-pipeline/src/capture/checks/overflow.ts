/**
 * Nothing overflows or is clipped: the innermost elements of slide `slideNo`
 * whose drawn content sticks out of the slide canvas, boxes whose content is
 * cut (scrollable or clipped code blocks, text wider than its box), and
 * content covered by an overlay the deck names (its config's `overlays`: a
 * footnote pinned to the slide's bottom, say).
 *
 * What is judged is what is drawn and visible at that click step: text (the
 * boxes of its lines), images, canvases, videos, frames, SVG shapes, and
 * boxes that paint something (a background, a border, a shadow). A box that
 * paints nothing is not drawn: a column whose text ends well inside is fine,
 * however tall its box. Not drawn at all, so never judged: display:none,
 * opacity 0 or visibility:hidden (on the element or above it), an element a
 * click has not revealed yet (Slidev's `.slidev-vclick-hidden`), visually
 * hidden text for screen readers (.sr-only, and any box clipped to a pixel
 * the way KaTeX hides its MathML) and SVG metadata. An element is judged by
 * the part of it its clipping ancestors let show (a KaTeX root sign's long
 * path, Monaco's huge layer of lines), and a box cuts its content only when
 * something drawn in it lies past its edge: an editor's scroll area is far
 * larger than its box but draws only the lines that show.
 *
 * A bleed is intent: an element marked `data-bleed`, `.bleed` or
 * `aria-hidden="true"` (and all inside it) may run off the slide and is not
 * named. A shape that holds no text or image (a bar, a rule, a blob: only
 * painted boxes, unnamed SVG shapes, `alt=""` images) and is not marked is
 * named with a hint to mark it; the gate only warns about it (check `bleed`).
 */
import type { Page } from 'playwright-core'
import type { SlideArg } from './slide.ts'
import { inPage } from '../inPage.ts'

/** The end of the message for a shape with nothing to read in it past an edge: the gate warns about it (check `bleed`) and does not stop. */
export const BLEED_HINT = /: a shape with no text or image in it \(mark it data-bleed if it bleeds on purpose\)$/

/** An element drawn over the slide (absolutely positioned, say) that must not cover the content under it. */
export interface Overlay {
  /** How messages name it: `… is covered by ${name}`. */
  name: string
  /** CSS selector of the overlay on a slide. */
  selector: string
  /** CSS selector of what it must not cover (default: text blocks, tables, pictures and headings). */
  content?: string
}

/** Runs in the page (sent as source text: self-contained, no imports). `scope` selects the print container holding this instance of the slide. */
export function overflowInPage([n, scope, overlays = []]: [...SlideArg, Overlay[]?]): string[] {
  const slide = (scope ? document.querySelector(scope) : document)?.querySelector(`.slidev-page-${n}`) as HTMLElement | null
  if (!slide)
    return [`slide ${n}: not rendered`]
  const frame = slide.getBoundingClientRect()
  const tolerance = 1
  const out: string[] = []
  const describe = (el: Element) => {
    const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 50)
    const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : ''
    // An image is named by its file as the deck wrote it, so the report finds its line.
    const src = el.getAttribute('src')
    return `<${el.tagName.toLowerCase()}${cls}${src && !src.startsWith('data:') ? ` src="${src}"` : ''}>${text ? ` "${text}"` : ''}`
  }
  interface Box { left: number, top: number, right: number, bottom: number }
  const all: Box = { left: -Infinity, top: -Infinity, right: Infinity, bottom: Infinity }
  const nothing: Box = { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity }
  const meet = (a: Box, b: Box): Box => ({ left: Math.max(a.left, b.left), top: Math.max(a.top, b.top), right: Math.min(a.right, b.right), bottom: Math.min(a.bottom, b.bottom) })
  const join = (a: Box, b: Box): Box => ({ left: Math.min(a.left, b.left), top: Math.min(a.top, b.top), right: Math.max(a.right, b.right), bottom: Math.max(a.bottom, b.bottom) })
  const isEmpty = (b: Box) => b.right - b.left <= 0 || b.bottom - b.top <= 0
  const clips = (el: Element, style: CSSStyleDeclaration) => style.overflowX !== 'visible' || style.overflowY !== 'visible' || (el instanceof SVGSVGElement && style.overflow !== 'visible')
  const alpha = (c: string) => c === 'transparent' ? 0 : /^rgba?\(/.test(c) ? Number((c.match(/[\d.]+/g) ?? [])[3] ?? 1) : 1
  // Visually hidden the screen-reader way: an absolutely placed box clipped away, or clipped to at most 1×1 px.
  const srOnly = (el: Element, style: CSSStyleDeclaration) => {
    if ((style.position === 'absolute' || style.position === 'fixed') && (/rect\(\s*(?:0|1)px,?\s*(?:0|1)px,?\s*(?:0|1)px,?\s*(?:0|1)px\s*\)/.test(style.clip) || style.clipPath === 'inset(50%)'))
      return true
    const r = el.getBoundingClientRect()
    return clips(el, style) && r.width <= 1 && r.height <= 1
  }
  /** Nothing of it or in it is drawn at this click step (visibility is inherited but may be undone below: judged per element). */
  const hiddenHere = (el: Element, style: CSSStyleDeclaration) => style.display === 'none' || Number(style.opacity) === 0
    || el.matches('.slidev-vclick-hidden, .sr-only, title, desc, style, script, metadata') || srOnly(el, style)
  const hidden = new Map<Element, boolean>()
  const isHidden = (el: Element): boolean => {
    if (el === slide || !el.parentElement)
      return false
    let h = hidden.get(el)
    if (h === undefined)
      hidden.set(el, h = hiddenHere(el, getComputedStyle(el)) || isHidden(el.parentElement))
    return h
  }
  // The area an element may show in: its clipping ancestors' boxes met, up to the slide (memoised: one walk per element).
  const shown = new Map<Element, Box>()
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
  /** Whether a box paints anything of its own: a background, a visible border, a shadow. */
  const paints = (style: CSSStyleDeclaration) => alpha(style.backgroundColor) > 0 || style.backgroundImage !== 'none' || style.boxShadow !== 'none'
    || (['Top', 'Right', 'Bottom', 'Left'] as const).some(side => Number.parseFloat(style[`border${side}Width`]) > 0 && !/none|hidden/.test(style[`border${side}Style`]) && alpha(style[`border${side}Color`]) > 0)
  /** An image that says something: named by its alt text (or given none), not declared decoration. */
  const informative = (el: Element) => el.getAttribute('alt') !== '' && !/^(?:presentation|none)$/.test(el.getAttribute('role') ?? '')
  /** An SVG whose shapes say something: it has text, or a name (a chart's role="img" with a label, a <title>). */
  const named = new Map<Element, boolean>()
  const namedSvg = (svg: Element | null) => {
    if (!svg)
      return false
    let k = named.get(svg)
    if (k === undefined)
      named.set(svg, k = svg.hasAttribute('aria-label') || svg.hasAttribute('aria-labelledby') || !!svg.querySelector(':scope > title') || !!svg.querySelector('text'))
    return k
  }
  /** What is drawn in an element's subtree: what can be read (text, images, named figures) and what only paints, in viewport px, unclipped by its ancestors. */
  interface Drawn { content: Box, paint: Box, own: Box }
  const drawnOf = new Map<Element, Drawn>()
  const range = document.createRange()
  /** Marked as bleeding on purpose: data-bleed, .bleed, aria-hidden="true", on it or above it. */
  const MARKED = '[data-bleed], .bleed, [aria-hidden="true"]'
  const walk = (el: Element): Drawn => {
    const style = getComputedStyle(el)
    let content = nothing
    let own = nothing
    const box = el.getBoundingClientRect()
    const visible = style.visibility === 'visible'
    // A straight line's box has no height (or width): its stroke is what is drawn.
    if (visible && (box.width > 0 || box.height > 0)) {
      const svgShape = el instanceof SVGGeometryElement || el.localName === 'image' || el.localName === 'use'
      const readable = /^(?:canvas|video|iframe|object|embed)$/.test(el.localName)
        || (el instanceof SVGTextContentElement && !!el.textContent?.trim())
        || (el.localName === 'img' && informative(el))
        || (svgShape && namedSvg(el.closest('svg')))
      if (readable)
        content = box
      else if (svgShape || el.localName === 'img' || (el instanceof HTMLElement && paints(style)))
        own = box
    }
    let paint = own
    const clipTo = clips(el, style) ? box : all
    for (const child of el.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        if (visible && child.textContent?.trim()) {
          range.selectNodeContents(child)
          const r = range.getBoundingClientRect()
          if (r.width > 0 && r.height > 0)
            content = join(content, meet(r, clipTo))
        }
      }
      else if (child instanceof Element && !hiddenHere(child, getComputedStyle(child)) && !child.matches(MARKED)) {
        const d = walk(child)
        content = join(content, meet(d.content, clipTo))
        paint = join(paint, meet(d.paint, clipTo))
      }
    }
    const drawn = { content, paint, own }
    drawnOf.set(el, drawn)
    return drawn
  }
  const edgesOf = (b: Box) => isEmpty(b)
    ? ''
    : [
        b.left < frame.left - tolerance && 'left',
        b.right > frame.right + tolerance && 'right',
        b.top < frame.top - tolerance && 'top',
        b.bottom > frame.bottom + tolerance && 'bottom',
      ].filter(Boolean).join(' and ')
  walk(slide)
  // Past an edge: what can be read (or a box painted around it) stops the export; a shape alone is a bleed.
  const past = new Map<Element, string>()
  const bleeds = new Map<Element, string>()
  for (const [el, { content, paint, own }] of drawnOf) {
    if (el === slide)
      continue
    const area = areaOf(el)
    const readable = edgesOf(meet(content, area))
    // A box around text that runs off (a border, a background) is part of what is read; a shape alone is a bleed.
    const around = isEmpty(content) ? '' : edgesOf(meet(join(content, own), area))
    const painted = isEmpty(content) ? edgesOf(meet(paint, area)) : ''
    if (readable || around)
      past.set(el, readable || around)
    else if (painted)
      bleeds.set(el, painted)
  }
  // Name the innermost elements past an edge (the bullet, not the list and the layout around it).
  for (const [el, edges] of past) {
    if (![...el.children].some(child => past.get(child) === edges))
      out.push(`slide ${n}: ${describe(el)} extends past the slide's ${edges} edge`)
  }
  for (const [el, edges] of bleeds) {
    if (![...el.children].some(child => bleeds.get(child) === edges) && !past.has(el.parentElement!))
      out.push(`slide ${n}: ${describe(el)} extends past the slide's ${edges} edge: a shape with no text or image in it (mark it data-bleed if it bleeds on purpose)`)
  }
  /** Whether something drawn inside `box` (text, image, canvas, SVG, video) lies past its client area. */
  const inkPast = (box: HTMLElement): boolean => {
    const r = box.getBoundingClientRect()
    const inner = { left: r.left + box.clientLeft, top: r.top + box.clientTop, right: r.left + box.clientLeft + box.clientWidth, bottom: r.top + box.clientTop + box.clientHeight }
    const beyond = (b: DOMRect) => b.width > 0 && b.height > 0 && (b.left < inner.left - tolerance || b.right > inner.right + tolerance || b.top < inner.top - tolerance || b.bottom > inner.bottom + tolerance)
    // A hidden element's subtree draws nothing: REJECT skips it whole.
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT, {
      acceptNode: (node) => {
        if (!(node instanceof Element))
          return NodeFilter.FILTER_ACCEPT
        return getComputedStyle(node).visibility === 'hidden' || isHidden(node) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT
      },
    })
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node instanceof Element) {
        if (/^(?:img|canvas|video|svg|iframe)$/i.test(node.tagName) && beyond(node.getBoundingClientRect()))
          return true
      }
      else if (node.textContent?.trim()) {
        range.selectNodeContents(node)
        if ([...range.getClientRects()].some(beyond))
          return true
      }
    }
    return false
  }
  for (const el of drawnOf.keys()) {
    if (!(el instanceof HTMLElement) || el === slide)
      continue
    const style = getComputedStyle(el)
    if (style.visibility !== 'hidden' && el.clientWidth > 0 && el.clientHeight > 0 && (style.overflowX !== 'visible' || style.overflowY !== 'visible') && (el.scrollWidth > el.clientWidth + tolerance || el.scrollHeight > el.clientHeight + tolerance) && inkPast(el))
      out.push(`slide ${n}: ${describe(el)} cuts its content (${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight})`)
  }
  // An overlay (a footnote pinned to the bottom, say) is out of the flow: it must not cover content.
  for (const overlay of overlays) {
    for (const note of slide.querySelectorAll(overlay.selector)) {
      if (isHidden(note))
        continue
      const noteBox = note.getBoundingClientRect()
      for (const el of slide.querySelectorAll(overlay.content ?? 'pre, p, li, table, svg, img, h1, h2, figure')) {
        if (note.contains(el) || el.contains(note) || isHidden(el))
          continue
        const r = el.getBoundingClientRect()
        if (r.width && r.height && r.bottom > noteBox.top + tolerance && r.top < noteBox.bottom - tolerance && r.right > noteBox.left && r.left < noteBox.right)
          out.push(`slide ${n}: ${describe(el)} is covered by ${overlay.name}`)
      }
    }
  }
  return out
}

export const overflowOf = (page: Page, slideNo: number, scope?: string, overlays?: Overlay[]): Promise<string[]> => inPage(page, overflowInPage, [slideNo, scope, overlays])
