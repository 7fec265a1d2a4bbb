import type { TestSpecification } from 'vitest/node'
import { basename } from 'node:path'
import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'
import { BaseSequencer } from 'vitest/node'

const shared = {
  plugins: [vue()],
  resolve: {
    alias: {
      // Components import useNav() from Slidev; tests give them a small stand-in.
      '@slidev/client': fileURLToPath(new URL('./test/stubs/slidev-client.ts', import.meta.url)),
    },
  },
}

/**
 * Seconds each slow file took in `bash .ci/run` on a fresh clone of this 2-core
 * machine (two runs, measured), where every fixture deck builds cold. A fresh
 * clone or CI has no timing cache, and Vitest would then start the projects in
 * name order; longest first starts the files that build early and leaves the
 * short ones to fill the end, so both cores stay busy to the last file.
 */
const EXPECTED_SECONDS: Record<string, number> = {
  // The packed toolkit installed with Slidev 52 and, on Node 22, 53: 7 December 2026, load average
  // about 10 from another session: 195 s installing everything, 140 s from the kept installs.
  'tarball.gate.test.ts': 200,
  // A fresh clone, 5 December 2026.
  'starter-deck.gate.test.ts': 148,
  'video.test.ts': 85,
  // 7 December 2026, the deck's build cached: 72 CPU s (54 user + 18 sys); 356 s of wall time at load
  // average 19–23 on the shared 2 cores, so the CPU figure stands in for an idle machine's wall time.
  'recording.test.ts': 75,
  'plain-deck.gate.test.ts': 85,
  'quality-light.test.ts': 83,
  'quality-dark.test.ts': 82,
  'export.gate.test.ts': 65,
  'quality-fixtures.test.ts': 62,
  'bad-input.test.ts': 57,
  'features-deck.gate.test.ts': 55,
  // Not measured on a fresh clone: 73–155 s here at load 11–22 on the shared 2 cores, 48–51 CPU s (two builds, three exports).
  'build-inputs.gate.test.ts': 60,
  'titles-deck.gate.test.ts': 30,
  'tall-image.gate.test.ts': 55,
  // 7 December 2026, on a machine shared with other sessions (load average 7).
  'noise-deck.gate.test.ts': 50,
  'handout.test.ts': 43,
  'narration.test.ts': 39,
  'quality.test.ts': 37,
  'pdf.test.ts': 34,
  'paths.test.ts': 24,
  'pptx.test.ts': 22,
  'video-plan.test.ts': 10,
}

/** The talk's tests (test/) and the toolkit's own (packages/slidev-pipeline/test/): one run, one project per kind. */
const both = (pattern: string) => ['test', 'packages/slidev-pipeline/test'].map(dir => `${dir}/**/${pattern}`)

/** Every project's tests may run the toolkit's bin, which runs its dist/: built first when out of date. */
const buildToolkit = 'packages/slidev-pipeline/test/helpers/build-dist.ts'

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]) {
    const cost = (file: TestSpecification) => EXPECTED_SECONDS[basename(file.moduleId)] ?? 0
    return (await super.sort(files)).sort((a, b) => cost(b) - cost(a))
  }
}

export default defineConfig({
  test: {
    // Three files at a time on two cores: the browser files wait on Chromium and the
    // export files on their child processes, so two workers left a core idle half the time.
    maxWorkers: 3,
    sequence: { sequencer: LongestFirst },
    projects: [
      {
        ...shared,
        // Fast: parser, data and component tests, no browser.
        test: { name: 'unit', include: [...both('*.unit.test.ts')], isolate: false, globalSetup: [buildToolkit] },
      },
      {
        ...shared,
        // The talk in real Chromium, against one build and one PDF export (test/global-setup.ts).
        test: {
          name: 'deck',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.unit.test.ts', 'test/**/*.gate.test.ts'],
          globalSetup: [buildToolkit, 'test/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      {
        ...shared,
        // Decks of their own, no shared build: the export gate's broken decks (test/*.gate.test.ts)
        // and every browser test of the toolkit, on its fixture decks, so the package's tests never build the talk.
        test: {
          name: 'gate',
          include: ['test/**/*.gate.test.ts', 'packages/slidev-pipeline/test/**/*.test.ts'],
          exclude: ['packages/slidev-pipeline/test/**/*.unit.test.ts'],
          globalSetup: [buildToolkit],
          testTimeout: 600_000,
          // Its two decks side by side (test/export.gate.test.ts).
          maxConcurrency: 2,
          hookTimeout: 300_000,
        },
      },
    ],
  },
})
