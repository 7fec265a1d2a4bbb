/**
 * No console or page error: console errors, uncaught exceptions, failed
 * loopback requests and HTTP errors of a page, reported as they happen.
 */
import type { Page } from 'playwright-core'
import { LOOPBACK } from './offline.ts'

/**
 * `askedBy(path)`: the deck's or theme's stylesheet line that asks for `path`
 * (./stylesheets.ts); a 404 fetched for a stylesheet names it.
 */
export function watchPageErrors(page: Page, report: (problem: string) => void, askedBy?: (path: string) => string | undefined) {
  page.on('console', (m) => {
    // "Failed to load resource" repeats a failed request, which is reported below with its URL.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
      report(`console error: ${m.text()}`)
  })
  page.on('pageerror', e => report(`page error: ${e.message}`))
  page.on('requestfailed', (r) => {
    // ERR_ABORTED: a navigation cancelled the page's own prefetches; nothing was missing.
    // Requests that tried to leave the machine are the offline check's to report.
    const error = r.failure()?.errorText
    if (LOOPBACK.test(r.url()) && error !== 'net::ERR_ABORTED')
      report(`request failed: ${r.url()}: ${error}`)
  })
  page.on('response', (r) => {
    if (r.status() < 400)
      return
    const path = new URL(r.url()).pathname
    // A file a stylesheet asks for (a font, a background) is fetched with the stylesheet as its referrer.
    const referrer = r.request().headers().referer
    const source = referrer && /\.css$/.test(new URL(referrer).pathname) ? askedBy?.(path) : undefined
    report(`HTTP ${r.status()} for ${path}${source ? ` (asked for by ${source})` : ''}`)
  })
}
