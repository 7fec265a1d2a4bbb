import type { Browser } from '../../src/capture/browser'
/**
 * One Chromium for a test file that runs the pipeline several times. Launching
 * one costs about 2 CPU seconds; the pipeline opens its own contexts on it and
 * closes them, and leaves the browser running (its `browser` option).
 */
import { afterAll, beforeAll } from 'vitest'
import { launchChromium } from '../../src/capture/browser'

/** Launches Chromium before the file's tests (call it before the file's own hooks) and closes it after them. */
export function chromiumForFile(): () => Browser {
  let browser: Browser | undefined
  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })
  return () => {
    if (!browser)
      throw new Error('Chromium is launched in beforeAll: use it from a hook or a test')
    return browser
  }
}
