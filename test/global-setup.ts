import type { TestProject } from 'vitest/node'
/**
 * Runs once before the browser tests: the export pipeline (`npm run export`)
 * builds the deck once, served under a sub-path as a web host would, and
 * prints the slides PDF from that build. Test files get the build and the PDF
 * through `inject()`; later pipeline runs with the same base reuse the build.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runPipeline } from '../packages/slidev-pipeline/src/pipeline'

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
  const slidesPdf = join(work, 'azure-linux-explained.pdf')
  const result = await runPipeline({ artifacts: ['pdf'], base: testBase, outputs: { pdf: slidesPdf } })
  console.warn(`[global-setup] ${result.stages.map(s => `${s.stage} ${s.seconds.toFixed(1)} s`).join(', ')}${result.build!.reused ? ' (build reused)' : ''}`)
  project.provide('buildDir', result.build!.dir)
  project.provide('buildBase', testBase)
  project.provide('slidesPdf', slidesPdf)
  return async () => {
    await rm(work, { recursive: true, force: true })
  }
}
