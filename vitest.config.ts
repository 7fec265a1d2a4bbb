import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'
import { longestFirst, TOOLKIT_PROJECTS, EXPECTED_SECONDS as TOOLKIT_SECONDS } from './packages/slidev-pipeline/vitest.config.ts'

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
 * Seconds each slow file of the talk took in `bash .ci/run` on a fresh clone of this
 * 2-core machine (two runs, measured), where every fixture deck builds cold. A fresh
 * clone or CI has no timing cache, and Vitest would then start the projects in
 * name order; longest first, across the talk's files and the toolkit's (its own
 * times are in its config), starts the files that build early and leaves the short
 * ones to fill the end, so both cores stay busy to the last file.
 */
const EXPECTED_SECONDS: Record<string, number> = {
  ...TOOLKIT_SECONDS,
  // A fresh clone, 5 December 2026.
  'quality-light.test.ts': 83,
  'quality-dark.test.ts': 82,
  'export.gate.test.ts': 65,
  'quality-fixtures.test.ts': 62,
  'bad-input.test.ts': 57,
  'handout.test.ts': 43,
  'quality.test.ts': 37,
  'pdf.test.ts': 34,
  'paths.test.ts': 24,
  'video-plan.test.ts': 10,
}

/** Every project's tests may run the toolkit's bin, which runs its dist/: built first when out of date. */
const buildToolkit = 'packages/slidev-pipeline/test/helpers/build-dist.ts'

export default defineConfig({
  test: {
    // Three files at a time on two cores: the browser files wait on Chromium and the
    // export files on their child processes, so two workers left a core idle half the time.
    maxWorkers: 3,
    sequence: { sequencer: longestFirst(EXPECTED_SECONDS) },
    projects: [
      {
        ...shared,
        // Fast: parser, data and component tests, no browser.
        test: { name: 'unit', include: ['test/**/*.unit.test.ts'], isolate: false, globalSetup: [buildToolkit] },
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
        // Decks of their own, no shared build: the export gate's broken decks (test/*.gate.test.ts).
        test: {
          name: 'gate',
          include: ['test/**/*.gate.test.ts'],
          globalSetup: [buildToolkit],
          testTimeout: 600_000,
          // Its two decks side by side (test/export.gate.test.ts).
          maxConcurrency: 2,
          hookTimeout: 300_000,
        },
      },
      // The toolkit's own tests (toolkit-unit, toolkit-gate), from its config: they never build the talk.
      ...TOOLKIT_PROJECTS,
    ],
  },
})
