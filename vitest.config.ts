import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

const shared = {
  plugins: [vue()],
  resolve: {
    alias: {
      // Components import useNav() from Slidev; tests give them a small stand-in.
      '@slidev/client': fileURLToPath(new URL('./test/stubs/slidev-client.ts', import.meta.url)),
    },
  },
}

export default defineConfig({
  test: {
    // Two cores: browser-heavy files would only fight each other.
    maxWorkers: 2,
    projects: [
      {
        ...shared,
        // Fast: parser, data and component tests, no browser.
        test: { name: 'unit', include: ['test/**/*.unit.test.ts'] },
      },
      {
        ...shared,
        // Real Chromium against one build and one PDF export (test/global-setup.ts).
        test: {
          name: 'deck',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.unit.test.ts', 'test/**/*.gate.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      {
        ...shared,
        // The export gate: `npm run export` on one fixture deck per problem; needs no shared build.
        test: {
          name: 'gate',
          include: ['test/**/*.gate.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
})
