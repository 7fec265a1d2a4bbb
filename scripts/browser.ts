/**
 * Finds the Chromium every export, the handout, the video and the browser
 * tests use. Order: $CHROMIUM_PATH, Playwright's own browser, then Chromium or
 * Chrome on PATH. Without one, fail at once and say how to get one.
 */
import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'
import { chromium } from 'playwright-chromium'

export class BrowserNotFoundError extends Error {
  constructor(detail: string) {
    super([
      `No Chromium found${detail ? ` (${detail})` : ''}.`,
      'Install one of:',
      '  - Debian/Ubuntu:   apt-get install chromium',
      '  - Playwright:      npx playwright install chromium',
      'or point CHROMIUM_PATH at a Chromium or Chrome executable.',
    ].join('\n'))
    this.name = 'BrowserNotFoundError'
  }
}

const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  }
  catch {
    return false
  }
}

export function findOnPath(names: string[], pathEnv = process.env.PATH ?? ''): string | undefined {
  for (const dir of pathEnv.split(delimiter).filter(Boolean)) {
    for (const name of names) {
      const candidate = join(dir, name)
      if (isExecutable(candidate))
        return candidate
    }
  }
  return undefined
}

export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env.CHROMIUM_PATH
  if (explicit) {
    if (isExecutable(explicit))
      return explicit
    throw new BrowserNotFoundError(`CHROMIUM_PATH=${explicit} is not an executable file`)
  }
  const playwrightOwn = chromium.executablePath()
  if (playwrightOwn && isExecutable(playwrightOwn))
    return playwrightOwn
  const onPath = findOnPath(PATH_NAMES, env.PATH)
  if (onPath)
    return onPath
  throw new BrowserNotFoundError(`looked at $CHROMIUM_PATH, ${playwrightOwn}, and ${PATH_NAMES.join('/')} on PATH`)
}

/** Launches the found Chromium headless, with nothing that phones home. */
export async function launchChromium() {
  return chromium.launch({
    executablePath: findChromium(),
    args: ['--disable-gpu', '--disable-quic', '--font-render-hinting=none'],
  })
}

// `tsx scripts/browser.ts`: prints the Chromium every export will use, or why there is none.
if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(findChromium())
  }
  catch (error) {
    console.error((error as Error).message)
    process.exit(1)
  }
}
