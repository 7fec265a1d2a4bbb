/**
 * Type scale at the slide's canvas size (980 px wide by default): each run of
 * text at least its tier's size, the tiers from the deck's config (`typeScale`;
 * each run's tier from the text walk, src/capture/checks/textRuns.ts). Read from
 * the rendered page, so inherited sizes and SVG viewBox scaling count as drawn.
 */
import type { Page } from 'playwright-core'
import type { TextRun, TypeTier } from './textRuns.ts'
import { notShowing } from './slide.ts'
import { textRunsOf } from './textRuns.ts'

export function typeScaleProblems(slideNo: number, runs: TextRun[]): string[] {
  return runs
    .filter(r => r.size < r.min - 0.05)
    .map(r => `slide ${slideNo}: ${r.tier} "${r.label}" is ${r.size} px, below the ${r.min} px minimum`)
}

export async function typeScaleOf(page: Page, slideNo: number, tiers: TypeTier[]): Promise<string[]> {
  const runs = await textRunsOf(page, slideNo, undefined, { tiers })
  return runs ? typeScaleProblems(slideNo, runs) : notShowing(slideNo)
}
