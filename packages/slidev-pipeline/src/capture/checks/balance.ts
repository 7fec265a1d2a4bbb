/**
 * Balance: a content slide uses its height. Apart from the cover, section and
 * closing layouts, content (text, charts, code, pictures; not the source
 * footnote) must reach past 55 % of the slide height. Run it at a slide's last
 * click step, when everything is shown.
 */
import type { Page } from 'playwright-core'
import { inPage } from '../inPage.ts'
import { notShowing } from './slide.ts'

export const EXEMPT_LAYOUTS = ['cover', 'section', 'closing']
export const MIN_CONTENT_BOTTOM = 0.55

/**
 * Runs in the page (sent as source text: self-contained, no imports): where
 * the content of slide `n` (the instance that shows; Slidev keeps neighbours
 * mounted but hidden) ends, as a fraction of the slide height, and its layout.
 */
export function balanceInPage(n: number): { layout: string, bottom: number } | null {
  const slide = [...document.querySelectorAll(`.slidev-page-${n}`)].find(el => el.checkVisibility())
  if (!slide)
    return null
  const layout = slide.querySelector('.slidev-layout')
  const frame = slide.getBoundingClientRect()
  let bottom = frame.top
  for (const el of slide.querySelectorAll('*')) {
    if (el.closest('.sr-only, title, desc, style, script, .katex-mathml, .source-note, [data-balance="ignore"]') || !el.checkVisibility({ opacityProperty: true, visibilityProperty: true }))
      continue
    // Content is what carries meaning: text, pictures, code, charts.
    const holdsText = [...el.childNodes].some(c => c.nodeType === 3 && c.textContent!.trim())
    const isPicture = /^(?:svg|img|canvas|video|pre|table)$/i.test(el.tagName)
    if (!(holdsText || isPicture) || (el.closest('svg') !== null && el.tagName.toLowerCase() !== 'svg'))
      continue
    if (getComputedStyle(el).position === 'fixed')
      continue
    bottom = Math.max(bottom, el.getBoundingClientRect().bottom)
  }
  return {
    layout: layout ? [...layout.classList].filter(c => c !== 'slidev-layout').join(' ') : '',
    bottom: (bottom - frame.top) / frame.height,
  }
}

export async function balanceOf(page: Page, slideNo: number): Promise<string[]> {
  const b = await inPage(page, balanceInPage, slideNo)
  if (!b)
    return notShowing(slideNo)
  if (EXEMPT_LAYOUTS.some(l => b.layout.split(/\s+/).includes(l)) || b.bottom >= MIN_CONTENT_BOTTOM)
    return []
  return [`slide ${slideNo}: content ends at ${Math.round(b.bottom * 100)} % of the slide height (layout "${b.layout}"), leaving the lower half empty; it must reach ${Math.round(MIN_CONTENT_BOTTOM * 100)} %`]
}
