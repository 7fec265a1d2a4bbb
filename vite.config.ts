import { defineConfig } from 'vite'
import { figures } from './data/figures'
import { sources } from './data/sources'
import { validateDeckData } from './data/validate'

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
    {
      // The built deck keeps Slidev's /print route, so every export (PDF, PNGs,
      // handout, video) prints from the build instead of a Vite dev server that
      // may re-optimise dependencies mid-export. Slidev only compiles the route
      // in when `download` is set, and then also runs its own exporter at the
      // end of every build; this turns on the route alone. The flag is read in
      // the client's setup/routes.ts (a .ts file), so Vite's `define` reaches it.
      name: 'deck-print-route',
      enforce: 'post',
      config: () => ({ define: { __SLIDEV_FEATURE_PRINT__: 'true' } }),
    },
  ],
})
