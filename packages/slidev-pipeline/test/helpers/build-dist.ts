/**
 * Vitest's global setup: the package built to dist/ before any test runs its bin (the bin
 * runs dist/, not src/). Does nothing when dist/ is up to date (scripts/build.mjs).
 */
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { packageDir } from './paths'

export default function buildDist() {
  execFileSync(process.execPath, [join(packageDir, 'scripts', 'build.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] })
}
