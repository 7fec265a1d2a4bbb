/**
 * Type scale at the slide's canvas size (980 px wide here): body text at least
 * 20 px, chart, table, code and caption text at least 14 px, source footnotes
 * at least 11 px. Read from the rendered page, so inherited sizes and SVG
 * viewBox scaling count as drawn.
 */
import type { Page } from 'playwright-chromium'
import { measure, notShowing } from './inPage'

export async function typeScaleOf(page: Page, slideNo: number): Promise<string[]> {
  const items = await measure(page, 'textItems', slideNo)
  if (!items)
    return notShowing(slideNo)
  return items
    .filter(i => i.size < i.min - 0.05)
    .map(i => `slide ${slideNo}: ${i.tier} "${i.label}" is ${i.size} px, below the ${i.min} px minimum`)
}
