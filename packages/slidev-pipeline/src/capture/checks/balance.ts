/**
 * Balance: a content slide uses its height. Apart from the cover, section and
 * closing layouts, content (text, charts, code, pictures; not the source
 * footnote) must reach past 55 % of the slide height. Run it at a slide's last
 * click step, when everything is shown.
 */
import type { Page } from 'playwright-chromium'
import { measure, notShowing } from './inPage'

export const EXEMPT_LAYOUTS = ['cover', 'section', 'closing']
export const MIN_CONTENT_BOTTOM = 0.55

export async function balanceOf(page: Page, slideNo: number): Promise<string[]> {
  const b = await measure(page, 'balance', slideNo)
  if (!b)
    return notShowing(slideNo)
  if (EXEMPT_LAYOUTS.some(l => b.layout.split(/\s+/).includes(l)) || b.bottom >= MIN_CONTENT_BOTTOM)
    return []
  return [`slide ${slideNo}: content ends at ${Math.round(b.bottom * 100)} % of the slide height (layout "${b.layout}"), leaving the lower half empty; it must reach ${Math.round(MIN_CONTENT_BOTTOM * 100)} %`]
}
