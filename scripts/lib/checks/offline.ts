/**
 * No request leaves the machine: a route guard on the browser context lets
 * loopback, data: and blob: through and blocks everything else, reporting
 * each blocked URL once, at the slide and step that asked for it.
 */
import type { BrowserContext, Page, Request } from 'playwright-chromium'

export const LOOPBACK = /^(?:https?|wss?):\/\/(?:127\.\d+\.\d+\.\d+|localhost|\[::1\])(?::\d+)?\//

/** The page that made a request; none for a service worker's. */
function pageOf(request: Request): Page | undefined {
  try {
    return request.frame().page()
  }
  catch {
    return undefined
  }
}

export async function guardOffline(context: BrowserContext, report: (problem: string, from: Page | undefined) => void) {
  await context.route('**/*', (route) => {
    const url = route.request().url()
    if (LOOPBACK.test(url) || url.startsWith('data:') || url.startsWith('blob:'))
      return route.continue()
    report(`request to ${url} blocked: the deck must work offline (put the file in public/)`, pageOf(route.request()))
    return route.abort('blockedbyclient')
  })
}
