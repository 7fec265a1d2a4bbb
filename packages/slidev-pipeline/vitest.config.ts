import type { TestSpecification } from 'vitest/node'
import { basename } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import { BaseSequencer } from 'vitest/node'

/**
 * The toolkit's tests, on its own fixture decks: `npm test` here runs them alone,
 * and the workspace's root config takes its two projects (TOOLKIT_PROJECTS), so
 * `npm test` there runs them with the talk's in one run. (Vitest 4.1 does not take
 * projects from a project's config file: it would make this one project.)
 */
const root = fileURLToPath(new URL('.', import.meta.url))

/**
 * Seconds each slow file took on a fresh clone of a 2-core machine, where every
 * fixture deck builds cold (the dates are in the talk's docs/test-times.md). With no
 * timing cache, Vitest would start files in name order; longest first starts the
 * builds early and leaves the short files to fill the end.
 */
export const EXPECTED_SECONDS: Record<string, number> = {
  // The packed toolkit installed with Slidev 52 and, on Node 22, 53: 7 December 2026, load average
  // about 10 from another session: 195 s installing everything, 140 s from the kept installs.
  'tarball.gate.test.ts': 200,
  // A fresh clone, 5 December 2026.
  'starter-deck.gate.test.ts': 148,
  'video.test.ts': 85,
  'features-deck.gate.test.ts': 55,
  // Not measured on a fresh clone: 73–155 s here at load 11–22 on the shared 2 cores, 48–51 CPU s (two builds, three exports).
  'build-inputs.gate.test.ts': 60,
  'titles-deck.gate.test.ts': 30,
  'tall-image.gate.test.ts': 55,
  // 7 December 2026, on a machine shared with other sessions (load average 7).
  'noise-deck.gate.test.ts': 50,
  // 7 December 2026, shared machine (load average 6-10): 34-112 s and 24-75 s, one build each.
  'fonts-deck.gate.test.ts': 60,
  'index-html-deck.gate.test.ts': 45,
  // Three dev servers (the two recording ones started while the first test runs) and Chromium with a fake
  // microphone, about 45 s of it real-time keys and recording. 165 s alone on 7 December 2026, load average
  // 8–11 from other sessions on the shared 2 cores (not the quiet machine the target of 60 s is for).
  'present-record.test.ts': 165,
  // 7 December 2026, the deck's build cached: 72 CPU s (54 user + 18 sys); 356 s of wall time at load
  // average 19–23 on the shared 2 cores, so the CPU figure stands in for an idle machine's wall time.
  'recording.test.ts': 75,
  'narration.test.ts': 39,
  'pptx.test.ts': 22,
}

/** Runs the files longest first by `expected` (seconds by file name; unknown files last). */
export function longestFirst(expected: Record<string, number>) {
  return class LongestFirst extends BaseSequencer {
    override async sort(files: TestSpecification[]) {
      const cost = (file: TestSpecification) => expected[basename(file.moduleId)] ?? 0
      return (await super.sort(files)).sort((a, b) => cost(b) - cost(a))
    }
  }
}

/** Every test may run the bin, which runs dist/: built first when out of date. */
const buildToolkit = [`${root}test/helpers/build-dist.ts`]

/** The toolkit's two projects, with absolute paths: the root config runs them too. */
export const TOOLKIT_PROJECTS = [
  {
    // No browser: the modules one by one.
    test: { name: 'toolkit-unit', root, include: ['test/**/*.unit.test.ts'], isolate: false, globalSetup: buildToolkit },
  },
  {
    // Every browser and export test, each on its own fixture deck.
    test: {
      name: 'toolkit-gate',
      root,
      include: ['test/**/*.test.ts'],
      exclude: ['test/**/*.unit.test.ts'],
      globalSetup: buildToolkit,
      testTimeout: 600_000,
      maxConcurrency: 2,
      hookTimeout: 300_000,
    },
  },
]

export default defineConfig({
  test: {
    // Three files at a time on two cores: the export files wait on their child processes.
    maxWorkers: 3,
    sequence: { sequencer: longestFirst(EXPECTED_SECONDS) },
    projects: TOOLKIT_PROJECTS,
  },
})
