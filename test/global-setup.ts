import type { TestProject } from 'vitest/node'
/**
 * Runs once before the browser tests: the export pipeline builds the deck
 * once, served under a sub-path as a web host would, and prints the slides PDF
 * from that build. Test files get the build and the PDF through `inject()`;
 * later pipeline runs with the same base reuse the build.
 *
 * The deck is built where users keep theirs: a copy in a folder whose path has
 * a space ("my talk/azure linux"), reached through a symlink, with packages
 * linked in but no Vite cache. Every test of the built deck is a test of that
 * build, so the deck is built once, not once here and again for a path test.
 * The build goes to the project's own cache (its key is the deck's content,
 * not its folder), so a second run reuses it.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runPipeline } from 'slidev-pipeline/testing'
import { copyDeckAsUser } from './helpers/copy-deck'
import { root } from './helpers/root'

declare module 'vitest' {
  export interface ProvidedContext {
    buildDir: string
    buildBase: string
    slidesPdf: string
  }
}

export const testBase = '/azure-linux-explained/'

export default async function setup(project: TestProject) {
  const work = await mkdtemp(join(tmpdir(), 'deck-test-'))
  const { link } = copyDeckAsUser(work)

  const slidesPdf = join(work, 'azure-linux-explained.pdf')
  const result = await runPipeline({ entry: join(link, 'slides.md'), artifacts: ['pdf'], base: testBase, outputs: { pdf: slidesPdf }, cacheDir: join(root, '.slidev', 'builds') })
  console.warn(`[global-setup] ${result.stages.map(s => `${s.stage} ${s.seconds.toFixed(1)} s`).join(', ')}${result.build!.reused ? ' (build reused)' : ''}`)
  project.provide('buildDir', result.build!.dir)
  project.provide('buildBase', testBase)
  project.provide('slidesPdf', slidesPdf)
  return async () => {
    await rm(work, { recursive: true, force: true })
  }
}
