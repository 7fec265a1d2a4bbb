import type { Page } from 'playwright-chromium'
/** Loads slide.browser.js into the deck page once per document and calls one of its measurements. */
import { fileURLToPath } from 'node:url'

const SCRIPT = fileURLToPath(new URL('./slide.browser.js', import.meta.url))

export interface Balance { layout: string, bottom: number }
export interface QrBox { url: string, height: number, box: [number, number, number, number] }

interface Measures {
  balance: Balance
  qrCodes: QrBox[]
}

/** Runs a measurement of slide `slideNo` (with JSON arguments); null when that slide is not showing. */
export async function measure<K extends keyof Measures>(page: Page, what: K, slideNo: number, ...args: unknown[]): Promise<Measures[K] | null> {
  if (!await page.evaluate('typeof window.__deckChecks === "object"'))
    await page.addScriptTag({ path: SCRIPT })
  const list = [Number(slideNo), ...args].map(a => JSON.stringify(a)).join(', ')
  return page.evaluate(`window.__deckChecks.${what}(${list})`) as Promise<Measures[K] | null>
}

export const notShowing = (slideNo: number) => [`slide ${slideNo}: not rendered`]
