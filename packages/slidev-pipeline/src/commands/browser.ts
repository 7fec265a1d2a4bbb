/** `slidev-pipeline browser`: prints the Chromium every export will use, or why there is none. */
import type { Command } from './command.ts'
import { print } from '../support/command.ts'

export const browser: Command = {
  name: 'browser',
  summary: 'print the Chromium every export will use (exit 1 and why, when there is none)',
  entry: false,
  options: {},
  async run() {
    const { findChromium } = await import('../capture/browser.ts')
    print(findChromium())
  },
}
