/**
 * Nothing overflows or is clipped: the innermost elements of slide `slideNo`
 * that stick out of the slide canvas, boxes whose content is cut (scrollable or clipped code
 * blocks, text wider than its box), and content covered by the source
 * footnote. Ignored, because nobody sees them: zero-size and display:none
 * elements, visually hidden text for screen readers (.sr-only) and SVG metadata.
 */
import type { Page } from 'playwright-chromium'
import type { SlideArg } from './slide'
import { inPage } from '../inPage'

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
    return `<${el.tagName.toLowerCase()}${cls}>${text ? ` "${text}"` : ''}`
  }
  for (const el of slide.querySelectorAll('*')) {
    if (el.closest('.sr-only, title, desc, style, script'))
      continue
    const style = getComputedStyle(el)
    if (style.display === 'none' || style.visibility === 'hidden')
      continue
    const r = el.getBoundingClientRect()
    if (r.width === 0 || r.height === 0)
      continue
    const outside = [
      r.left < frame.left - tolerance && 'left',
      r.right > frame.right + tolerance && 'right',
      r.top < frame.top - tolerance && 'top',
      r.bottom > frame.bottom + tolerance && 'bottom',
    ].filter(Boolean)
    if (outside.length)
      past.set(el, outside.join(' and '))
    if (el instanceof HTMLElement && (style.overflowX !== 'visible' || style.overflowY !== 'visible')) {
      if (el.scrollWidth > el.clientWidth + tolerance || el.scrollHeight > el.clientHeight + tolerance)
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
