/** `tsx scripts/browser.ts`: prints the Chromium every export will use, or why there is none. */
import { findChromium } from './lib/browser'
import { print, runCommand } from './lib/command'

await runCommand(async () => print(findChromium()))
