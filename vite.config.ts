import { defineConfig } from 'vite'
import { figures } from './data/figures.ts'
import { sources } from './data/sources.ts'
import { validateDeckData } from './data/validate.ts'

export default defineConfig({
  plugins: [
    {
      // Bad chart data stops `slidev build` and `slidev export` before anything
      // is rendered, with a message naming the file, the entry and the field.
      name: 'deck-data-check',
      buildStart() {
        validateDeckData(figures, sources)
      },
    },
  ],
})
