/**
 * Builds one deck with Slidev's own build, as `slidev build` does, plus the
 * Vite `define`s the pipeline needs (the print route), without any file in
 * the deck. Run as a child process by src/build/build.ts (Slidev keeps the
 * deck's roots in module state, so one deck per process):
 *
 *   node slidev-build.mjs '{"entry":…,"outDir":…,"base":…,"bin":…,"cli":…,"chunk":…,"define":{…}}'
 *
 * Which files of Slidev these are is src/build/slidev-internals.ts's business.
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const job = JSON.parse(process.argv[2])
// Slidev decides from the script that started it where its packages are (a
// deck outside the project resolves its theme from the CLI's node_modules, as
// a globally installed `slidev` does): it is started by its own CLI script.
process.argv[1] = job.bin
const { resolveOptions } = await import(pathToFileURL(job.cli).href)
// As Slidev's CLI does before any command (setupPreparser in dist/cli.mjs): each root's
// setup/preparser.ts may extend the Markdown parser; loaded with jiti, as Slidev loads setups.
const fromCli = createRequire(job.cli)
const { injectPreparserExtensionLoader } = await import(pathToFileURL(fromCli.resolve('@slidev/parser/fs')).href)
const { createJiti } = fromCli('jiti')
const jiti = createJiti(job.cli, { moduleCache: false })
injectPreparserExtensionLoader(async (roots, headmatter, filepath, mode) => (await Promise.all(roots
  .map(root => resolve(root, 'setup', 'preparser.ts'))
  .filter(existsSync)
  .map(async file => (await jiti.import(file)).default({ filepath, headmatter, mode })))).flat())
const { build } = await import(pathToFileURL(job.chunk).href)
const options = await resolveOptions({ entry: job.entry, base: job.base }, 'build')
// After building, Slidev's build runs its own exporter for `download: true` (a PDF for the
// deployed site's download button) and for `seoMeta.ogImage: auto` without an og-image.png
// (a still of slide 1, written into the deck's folder). Neither belongs in the toolkit's
// private build: the exporter needs Playwright's downloaded browser and prints the deck a
// second time, and the deck's folder gets no file from the toolkit. The slides are built the same.
const config = options.data.config
config.download = false
if (config.seoMeta?.ogImage === 'auto')
  config.seoMeta = { ...config.seoMeta, ogImage: undefined }
await build(options, {
  base: job.base,
  build: { outDir: job.outDir },
  plugins: [{
    // After Slidev's own `define`s, so these win.
    name: 'slidev-toolkit:defines',
    enforce: 'post',
    config: () => ({ define: job.define }),
  }],
}, { entry: job.entry })
