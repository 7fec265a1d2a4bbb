import type { Browser } from 'playwright-core'
/**
 * Finds and launches the Chromium every export and the browser tests use.
 * Order: $CHROMIUM_PATH, Playwright's own browser, then Chromium or Chrome on PATH.
 */
import { chromium } from 'playwright-core'
import { findExecutable } from '../support/executable.ts'

export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  return findExecutable({
    label: 'Chromium',
    envVar: 'CHROMIUM_PATH',
    names: ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'],
    candidates: [chromium.executablePath()],
    install: ['Debian/Ubuntu:   apt-get install chromium', 'Playwright:      npx playwright install chromium'],
  }, env)
}

/** Launches the found Chromium headless, with nothing that phones home. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    args: ['--disable-gpu', '--disable-quic', '--font-render-hinting=none'],
  })
}

export type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
