import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: {
      // Components import useNav() from Slidev; tests give them a small stand-in.
      '@slidev/client': fileURLToPath(new URL('./test/stubs/slidev-client.ts', import.meta.url)),
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Two cores: browser-heavy files would only fight each other.
    maxWorkers: 2,
  },
})
