/**
 * Builds one deck with Slidev's own build, as `slidev build` does, plus the
 * Vite `define`s the pipeline needs (the print route), without any file in
 * the deck. Run as a child process by src/build/build.ts (Slidev keeps the
 * deck's roots in module state, so one deck per process):
 *
 *   node build-child.mjs '{"entry":…,"outDir":…,"base":…,"bin":…,"cli":…,"chunk":…,"define":{…},"inputs":…}'
 *
 * It also writes, to `inputs`, what the build read (src/build/inputs.ts turns
 * that into the cache's manifest): every module of the bundler's graph (and
 * its watch files, where the bundler can list them), the files Slidev's parser read (the entry and its
 * `src:` imports), the files read in this process through node:fs (setups,
 * uno.config.ts, index.html, tsconfig, .env…), the config files Vite bundled,
 * the public folders, the deck's roots, and Slidev's own packages.
 *
 * Which files of Slidev these are is src/slidev/internals.ts's business.
 */
import fs, { existsSync, writeFileSync } from 'node:fs'
import { createRequire, syncBuiltinESMExports } from 'node:module'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const job = JSON.parse(process.argv[2])

// Every file this process reads through node:fs, from here on: Slidev's setups and
// its parser, UnoCSS's config loader, Vite's index.html, tsconfig and .env files.
// (Rollup's modules are taken from its graph below; esbuild reads Vite's config files
// itself, so those come from Vite's resolved config.)
const read = new Set()
// And every file it writes: a cache the build fills and reads back (jiti's transpiled
// setups) is no input of the deck.
const written = new Set()
function record(into, path) {
  try {
    if (typeof path === 'string')
      into.add(resolve(path))
    else if (path instanceof URL && path.protocol === 'file:')
      into.add(fileURLToPath(path))
  }
  catch {}
}
for (const [owner, name, into] of [[fs, 'readFileSync', read], [fs, 'readFile', read], [fs.promises, 'readFile', read], [fs, 'writeFileSync', written], [fs, 'writeFile', written], [fs.promises, 'writeFile', written]]) {
  const original = owner[name]
  owner[name] = function (path, ...rest) {
    record(into, path)
    return original.call(this, path, ...rest)
  }
}
syncBuiltinESMExports()

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

/** What Rollup and Vite say the build was made from. */
const graph = new Set()
const publicDirs = new Set()
await build(options, {
  base: job.base,
  build: { outDir: job.outDir },
  plugins: [{
    // After Slidev's own `define`s, so these win.
    name: 'slidev-toolkit:defines',
    enforce: 'post',
    config: () => ({ define: job.define }),
  }, {
    // The build's inputs, as Rollup knows them once every module is loaded.
    name: 'slidev-toolkit:inputs',
    configResolved(resolved) {
      for (const file of resolved.configFileDependencies ?? [])
        graph.add(resolve(resolved.root, file))
      if (resolved.publicDir)
        publicDirs.add(resolved.publicDir)
    },
    generateBundle() {
      for (const id of this.getModuleIds())
        graph.add(id)
      // Rollup has the watch files too; Rolldown (Vite 8) has no getWatchFiles: what its
      // plugins read for themselves they read through node:fs, recorded above.
      for (const file of this.getWatchFiles?.() ?? [])
        graph.add(file)
    },
  }],
}, { entry: job.entry })

// Slidev copies the public folders of the theme and the addons too (its static-copy plugin).
for (const root of [...options.themeRoots, ...options.addonRoots])
  publicDirs.add(join(root, 'public'))

if (job.inputs) {
  writeFileSync(job.inputs, JSON.stringify({
    files: [...new Set([...graph, ...Object.keys(options.data.watchFiles ?? {})])],
    read: [...read].filter(file => !written.has(file)),
    publicDirs: [...publicDirs],
    roots: options.roots,
    packages: [options.cliRoot, options.clientRoot, ...options.themeRoots, ...options.addonRoots],
    // Slidev's own dependencies (Vite, its plugins, the Markdown and Shiki packages) run in this
    // process, not in the bundle: their versions count too.
    dependenciesOf: [options.cliRoot],
  }))
}
