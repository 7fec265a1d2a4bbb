/**
 * Runs once before the browser tests: one `slidev build` (served under a
 * sub-path, as a web host would) and one PDF export through the same code as
 * `npm run export`. Test files get the paths through `inject()`.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { buildDeck } from '../scripts/deck-server'
import { exportDeck } from '../scripts/export'

declare module 'vitest' {
  export interface ProvidedContext {
    buildDir: string
    buildBase: string
    slidesPdf: string
  }
}

export default async function setup(project: TestProject) {
  const work = await mkdtemp(join(tmpdir(), 'deck-test-'))
  const buildDir = join(work, 'dist')
  const slidesPdf = join(work, 'azure-linux-explained.pdf')
  const base = '/azure-linux-explained/'
  const started = Date.now()
  await Promise.all([
    buildDeck({ outDir: buildDir, base }),
    exportDeck({ format: 'pdf', output: slidesPdf, quiet: true }),
  ])
  console.log(`[global-setup] built and exported the deck in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  project.provide('buildDir', buildDir)
  project.provide('buildBase', base)
  project.provide('slidesPdf', slidesPdf)
  return async () => {
    await rm(work, { recursive: true, force: true })
  }
}
