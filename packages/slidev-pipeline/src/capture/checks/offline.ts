/**
 * No request leaves the machine. Every capture context is made with
 * OFFLINE_CONTEXT: a proxy that does not exist for everything but loopback,
 * so a request to anywhere else fails inside Chromium (data: and blob: never
 * reach the network). Nothing is intercepted, so loading the deck's own files
 * costs nothing extra (a route handler, by contrast, is a round trip to Node
 * per request). `watchOffline` reports each such request once, at the slide
 * and step that asked for it.
 */
import type { Page } from 'playwright-core'

export const LOOPBACK = /^(?:https?|wss?):\/\/(?:127\.\d+\.\d+\.\d+|localhost|\[::1\])(?::\d+)?\//

/** Browser context options for pages that must stay offline. Port 9 (discard) on loopback: nothing answers as a proxy there. */
export const OFFLINE_CONTEXT = { proxy: { server: 'http://127.0.0.1:9', bypass: '127.0.0.1,localhost,[::1]' } }

export function watchOffline(page: Page, report: (problem: string, url: string) => void) {
  page.on('requestfailed', (request) => {
    const url = request.url()
    if (!LOOPBACK.test(url) && !url.startsWith('data:') && !url.startsWith('blob:'))
      report(`request to ${url} blocked: the deck must work offline (put the file in public/, or export with --allow-remote)`, url)
  })
}
