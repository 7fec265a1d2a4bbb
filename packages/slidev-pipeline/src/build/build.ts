import type { AddressInfo } from 'node:net'
import type { BuildManifest, BuildRecord } from './inputs.ts'
/**
 * One `slidev build` per change of the deck: the build is cached under a
 * content hash of everything it is made from, and served on loopback for
 * Chromium (src/build/inputs.ts: what a build is made from). The build is Slidev's own, run with the print route's flag set
 * (src/slidev/internals.ts), so every export prints from it and no
 * Vite dev server is ever involved; the deck needs no configuration for it.
 */
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import sirv from 'sirv'
import { STYLESHEETS, stylesheetsAmong } from '../capture/checks/stylesheets.ts'
import { checkDeck } from '../check/deck-check.ts'
import { assertDrivableSlidev, BUILD_DEFINES, cliRoot, slidevBin, slidevBuildChunk, slidevBuildRunner } from '../slidev/internals.ts'
import { withLock } from '../support/atomic.ts'
import { entryPath } from '../support/paths.ts'
import { runProcess } from '../support/process.ts'
import { changedInput, Hasher, manifestKey, manifestOf } from './inputs.ts'

export interface ServedDeck {
  /** e.g. http://127.0.0.1:4567/talk/ */
  url: string
  base: string
  dir: string
  close: () => Promise<void>
}

/** Bump when what a build is made of, or how it is recorded, changes. */
const CACHE_VERSION = 3

/**
 * The build's options, as one hash: the base, the entry (which file of the
 * folder), the pipeline's defines and the runner that builds. What the build
 * is made from is not in it: that is the manifest kept with each build (src/build/inputs.ts).
 */
export function buildSettings(entry: string, base: string): string {
  const hash = createHash('sha256')
  hash.update(JSON.stringify({ base, entry: basename(entry), defines: BUILD_DEFINES, version: CACHE_VERSION }))
  hash.update(readFileSync(slidevBuildRunner))
  return hash.digest('hex').slice(0, 16)
}

const MANIFEST = '.inputs.json'

/** The newest build in `cache` with these settings that nothing it was made from has changed since, if any. */
function findBuild(cache: string, settings: string, deckDir: string): string | undefined {
  if (!existsSync(cache))
    return undefined
  // The manifest's paths are relative to the deck folder's real path (Rollup's ids are real paths).
  const realDeck = realpathSync(deckDir)
  const hasher = new Hasher()
  const candidates = readdirSync(cache)
    .filter(n => !n.startsWith('.') && existsSync(join(cache, n, MANIFEST)) && existsSync(join(cache, n, 'index.html')))
    .map(n => ({ n, t: statSync(join(cache, n)).mtimeMs }))
    .sort((a, b) => b.t - a.t)
  for (const { n } of candidates) {
    let manifest: BuildManifest
    try {
      manifest = JSON.parse(readFileSync(join(cache, n, MANIFEST), 'utf8'))
    }
    catch {
      continue
    }
    if (manifest.settings === settings && changedInput(manifest, realDeck, hasher) === undefined)
      return n
  }
  return undefined
}

/**
 * Slidev's build into `outDir`, as `slidev build` makes it plus the pipeline's
 * defines (the print route); throws with Slidev's output when the build fails.
 */
export async function buildDeck(options: { entry?: string, outDir: string, base?: string, quiet?: boolean, check?: boolean, record?: string }) {
  const entry = entryPath(options.entry)
  assertDrivableSlidev()
  // The pipeline runs the deck check itself, first (and may be told to go on despite it).
  if (options.check !== false)
    await checkDeck(entry)
  const job = { entry, outDir: options.outDir, base: options.base ?? '/', bin: slidevBin, cli: join(cliRoot, 'dist', 'index.mjs'), chunk: slidevBuildChunk(), define: BUILD_DEFINES, inputs: options.record }
  await runProcess(process.execPath, [slidevBuildRunner, JSON.stringify(job)], { cwd: dirname(entry), quiet: options.quiet ?? true, label: 'slidev build' })
}

export interface CachedBuild { dir: string, key: string, reused: boolean }

const KEEP_BUILDS = 4

const cacheDirOf = (entry: string, cacheDir?: string) => cacheDir ?? process.env.DECK_BUILD_CACHE ?? join(dirname(entry), '.slidev', 'builds')

/** The cached build `cachedBuild` would reuse now, without building or touching anything; undefined when it would build. */
export function findCachedBuild(options: { entry?: string, base?: string, cacheDir?: string } = {}): { dir: string, key: string } | undefined {
  const entry = entryPath(options.entry)
  const cache = cacheDirOf(entry, options.cacheDir)
  const key = findBuild(cache, buildSettings(entry, options.base ?? '/'), dirname(entry))
  return key ? { dir: join(cache, key), key } : undefined
}

/**
 * The build of `entry` at `base`, from the cache when nothing it is made from
 * changed: every file the last build read (its modules, the Markdown its
 * parser read, setups, config and public files) hashes the same, the folders
 * that held them list the same names, and Slidev, the theme, the addons and
 * every package the build bundled resolve to the same package.json. The cache
 * lives in the deck's `.slidev/builds/` (or $DECK_BUILD_CACHE, or `cacheDir`);
 * a build is written to a temporary folder and renamed into place when
 * complete, named by the hash of its manifest.
 */
export async function cachedBuild(options: { entry?: string, base?: string, quiet?: boolean, cacheDir?: string, check?: boolean } = {}): Promise<CachedBuild> {
  const entry = entryPath(options.entry)
  const base = options.base ?? '/'
  const cache = cacheDirOf(entry, options.cacheDir)
  const deckDir = dirname(entry)
  const settings = buildSettings(entry, base)
  const found = findBuild(cache, settings, deckDir)
  if (found) {
    const now = new Date()
    await utimes(join(cache, found), now, now)
    return { dir: join(cache, found), key: found, reused: true }
  }
  await mkdir(cache, { recursive: true })
  // One build of a deck at these settings at a time: a second process asking waits, then finds it.
  const result = await withLock(join(cache, `.lock-${settings}`), async (): Promise<CachedBuild> => {
    const again = findBuild(cache, settings, deckDir)
    if (again)
      return { dir: join(cache, again), key: again, reused: true }
    const tmp = await mkdtemp(join(cache, `.tmp-${settings}-`))
    const record = `${tmp}.record.json`
    try {
      const startedAt = Date.now()
      await buildDeck({ entry, outDir: tmp, base, quiet: options.quiet, check: options.check, record })
      const recorded = JSON.parse(await readFile(record, 'utf8')) as BuildRecord
      const { manifest, dirty } = manifestOf(recorded, { deckDir, outDir: tmp, settings, startedAt })
      // The stylesheets it bundled: a 404 one of them asked for is named by its file (src/capture/checks/stylesheets.ts).
      await writeFile(join(tmp, STYLESHEETS), `${JSON.stringify(stylesheetsAmong(recorded.files))}\n`)
      const key = manifestKey(manifest)
      // A file that changed while the build ran: this build is used once and never reused.
      const name = dirty.length ? `${key}-${process.pid}-unverified` : key
      if (!dirty.length)
        await writeFile(join(tmp, MANIFEST), `${JSON.stringify(manifest)}\n`)
      await writeFile(join(tmp, '.build-key'), `${key}\n`)
      const dir = join(cache, name)
      await rm(dir, { recursive: true, force: true })
      await rename(tmp, dir)
      return { dir, key, reused: false }
    }
    finally {
      await rm(tmp, { recursive: true, force: true })
      await rm(record, { force: true })
    }
  })
  if (!result.reused)
    await pruneBuilds(cache, result.dir)
  return result
}

/** Keeps the newest few builds (other bases, recent edits); never the one in use. */
async function pruneBuilds(cache: string, keep: string) {
  const entries = (await readdir(cache)).filter(n => !n.startsWith('.')).map(n => join(cache, n)).filter(p => p !== keep)
  const dated = await Promise.all(entries.map(async p => ({ p, t: (await stat(p)).mtimeMs })))
  dated.sort((a, b) => b.t - a.t)
  await Promise.all(dated.slice(KEEP_BUILDS - 1).map(({ p }) => rm(p, { recursive: true, force: true })))
}

/** Serves a built deck (SPA fallback to index.html) on 127.0.0.1 under `base`. */
export async function serveDeck(dir: string, base = '/'): Promise<ServedDeck> {
  const assets = sirv(dir, { single: true, dev: true })
  const server = createServer((req, res) => {
    if (!req.url?.startsWith(base)) {
      res.statusCode = 404
      res.end('outside base')
      return
    }
    req.url = `/${req.url.slice(base.length)}`
    assets(req, res, () => {
      res.statusCode = 404
      res.end()
    })
  })
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}${base}`,
    base,
    dir,
    close: () => new Promise<void>((done) => {
      server.closeAllConnections()
      server.close(() => done())
    }),
  }
}

/** Builds into a temporary folder (no cache) and serves it; `close()` removes the folder. */
export async function buildAndServe(options: { entry?: string, base?: string, check?: boolean } = {}): Promise<ServedDeck> {
  const dir = await mkdtemp(join(tmpdir(), 'deck-build-'))
  try {
    await buildDeck({ ...options, outDir: dir })
  }
  catch (error) {
    await rm(dir, { recursive: true, force: true })
    throw error
  }
  const served = await serveDeck(dir, options.base)
  const close = async () => {
    await served.close()
    await rm(dir, { recursive: true, force: true })
  }
  return { ...served, close }
}
