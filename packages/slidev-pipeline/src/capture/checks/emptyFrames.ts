/**
 * No empty frame at any click step: the live talk and the video show every
 * step, not only the final state the PDF prints. An empty frame is
 *   - a table row whose rules (borders) or background are drawn while none of
 *     its text is: a row hidden by a click whose rules stay (collapsed borders
 *     are painted by the table, so hiding the row does not hide them);
 *   - a chart (`svg[role=img]`, `[role=img]`, `[data-chart]`) that is drawn
 *     with no visible label (text with a letter in it: an axis's lone "0" is
 *     no label) and no visible mark (a bar, dot, path or area; axis and grid
 *     lines are the frame, not marks).
 * Drawn means drawn: opacity multiplied up the ancestors (Slidev's
 * `.slidev-vclick-hidden` is opacity 0), visibility, display and size
 * (a bar scaled to zero width is not drawn).
 */
import type { Page } from 'playwright-core'
import type { SlideArg } from './slide.ts'
import { inPage } from '../inPage.ts'

/** Runs in the page (sent as source text: self-contained, no imports). `scope` selects the print container holding this instance of the slide. */
export function emptyFramesInPage([n, scope]: SlideArg): string[] {
  const slide = (scope ? document.querySelector(scope) : document)?.querySelector(`.slidev-page-${n}`)
  if (!slide)
    return [`slide ${n}: not rendered`]
  const out: string[] = []
  /** Below this, nobody in the room sees it. */
  const faint = 0.05
  const opacityOf = (el: Element | null) => {
    let opacity = 1
    for (let e = el; e; e = e.parentElement) {
      const style = getComputedStyle(e)
      if (style.display === 'none')
        return 0
      opacity *= Number(style.opacity)
    }
    return opacity
  }
  const drawn = (el: Element) => {
    const r = el.getBoundingClientRect()
    // A straight stroked path (the matrix's "not applicable" dash) has a box of zero height: its stroke is what is drawn.
    const sized = el instanceof SVGGeometryElement ? r.width > 0 || r.height > 0 : r.width > 0 && r.height > 0
    return sized && getComputedStyle(el).visibility === 'visible' && opacityOf(el) > faint
  }
  const transparent = (colour: string) => colour === 'transparent' || /rgba\(.*,\s*0(?:\.0+)?\)$/.test(colour) || /\/\s*0%?\)$/.test(colour)
  const hidden = '.sr-only, title, desc, style, script'
  /** The visible text in `el`: runs of text whose element is drawn (`letters`: only text with a letter in it). */
  const visibleText = (el: Element, letters = false) => {
    const seen: string[] = []
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? ''
      const parent = node.parentElement
      if (!text || !parent || parent.closest(hidden) || (letters && !/\p{L}/u.test(text)))
        continue
      if (drawn(parent))
        seen.push(text)
    }
    return seen.join(' ')
  }
  /** `<tag.classes>` (the gate finds a component named after a class: `.security-matrix`, <SecurityMatrix />) and its accessible name. */
  const tagOf = (el: Element) => `<${el.tagName.toLowerCase()}${[...el.classList].filter(c => !c.startsWith('slidev-')).map(c => `.${c}`).join('')}>`
  const describe = (el: Element) => {
    const name = el.getAttribute('aria-label') ?? el.querySelector(':scope > title, caption')?.textContent ?? ''
    const short = name.trim().replace(/\s+/g, ' ').slice(0, 50)
    // The component around it, when it has a root of its own (a chart inside <div.packages-chart>).
    const around = el.parentElement?.closest('[class]:not(.slidev-layout)')
    const inside = around && slide.contains(around) && around.closest('.slidev-layout') ? ` in ${tagOf(around)}` : ''
    return `${tagOf(el)}${short ? ` "${short}"` : ''}${inside}`
  }

  // Table rows: rules or background drawn, text not.
  for (const table of slide.querySelectorAll('table')) {
    if (table.closest(hidden))
      continue
    const collapsed = getComputedStyle(table).borderCollapse === 'collapse'
    ;[...table.rows].forEach((row, i) => {
      const rowBox = row.getBoundingClientRect()
      if (!rowBox.width || !rowBox.height)
        return
      const ruled = [...row.cells].some((cell) => {
        const style = getComputedStyle(cell)
        const sides = (['Top', 'Right', 'Bottom', 'Left'] as const).some(side =>
          Number.parseFloat(style.getPropertyValue(`border-${side.toLowerCase()}-width`)) > 0
          && !['none', 'hidden'].includes(style.getPropertyValue(`border-${side.toLowerCase()}-style`))
          && !transparent(style.getPropertyValue(`border-${side.toLowerCase()}-color`)))
        // Collapsed borders belong to the table: they are drawn as long as the table is.
        return sides && (collapsed ? drawn(table) && style.visibility === 'visible' : drawn(cell))
      })
      const filled = [row, ...row.cells].some(el => !transparent(getComputedStyle(el).backgroundColor) && drawn(el))
      if ((ruled || filled) && !visibleText(row))
        out.push(`slide ${n}: table row ${i + 1} of ${describe(table)} draws its ${ruled ? 'rules' : 'background'} with no visible text: an empty frame (reveal the whole row, rules included)`)
    })
  }

  // Charts: drawn, yet neither a label nor a mark shows.
  const charts = [...slide.querySelectorAll('svg[role="img"], [role="img"]:not(img), [data-chart]')]
  for (const chart of charts) {
    if (chart.closest(hidden) || charts.some(other => other !== chart && other.contains(chart)) || !drawn(chart))
      continue
    const marks = [...chart.querySelectorAll('rect, circle, ellipse, path, polygon, polyline, image, img')].some((mark) => {
      if (mark.closest('defs, clipPath, mask, pattern, marker, symbol') || !drawn(mark))
        return false
      const style = getComputedStyle(mark)
      return mark.tagName.toLowerCase() === 'img' || mark.tagName.toLowerCase() === 'image' || (style.fill !== 'none' && !transparent(style.fill)) || (style.stroke !== 'none' && !transparent(style.stroke))
    }) || [...chart.querySelectorAll('*')].some(el => !(el instanceof SVGElement) && !transparent(getComputedStyle(el).backgroundColor) && drawn(el))
    if (!marks && !visibleText(chart, true))
      out.push(`slide ${n}: chart ${describe(chart)} is drawn with no visible label or mark: an empty frame (show its labels from the first step)`)
  }
  return out
}

export const emptyFramesOf = (page: Page, slideNo: number, scope?: string): Promise<string[]> => inPage(page, emptyFramesInPage, [slideNo, scope])
