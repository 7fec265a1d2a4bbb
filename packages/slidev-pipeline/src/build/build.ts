import type { AddressInfo } from 'node:net'
/**
 * One `slidev build` per change of the deck: the build is cached under a
 * content hash of everything it is made from, and served on loopback for
 * Chromium. The build is Slidev's own, run with the print route's flag set
 * (src/build/slidev-internals.ts), so every export prints from it and no
 * Vite dev server is ever involved; the deck needs no configuration for it.
 */
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { mkdtemp, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import sirv from 'sirv'
import { checkDeck } from '../check/deck-check.ts'
import { withLock } from '../support/atomic.ts'
import { entryPath } from '../support/paths.ts'
import { runProcess } from '../support/process.ts'
import { assertDrivableSlidev, BUILD_DEFINES, cliRoot, slidevBin, slidevBuildChunk, slidevBuildRunner } from './slidev-internals.ts'

export interface ServedDeck {
  /** e.g. http://127.0.0.1:4567/talk/ */
  url: string
  base: string
  dir: string
  close: () => Promise<void>
}

/** What a build is made from, besides the entry file: folders and files of the deck. */
const INPUTS = ['slides.md', 'pages', 'components', 'layouts', 'data', 'styles', 'setup', 'snippets', 'public', 'vite.config.ts', 'uno.config.ts', 'index.html', 'global-top.vue', 'global-bottom.vue', 'package-lock.json']
/** The lock files that say which packages (Slidev, the theme, addons) are installed. */
const LOCK_FILES = ['package-lock.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lock', 'bun.lockb']

/** The nearest lock file at or above the deck's folder: a deck inside a workspace is built with the workspace's packages. */
function lockFileOf(dir: string): string | undefined {
  for (let at = dir; ; at = dirname(at)) {
    const lock = LOCK_FILES.map(name => join(at, name)).find(existsSync)
    if (lock || dirname(at) === at)
      return lock
  }
}

function filesUnder(path: string): string[] {
  if (!existsSync(path))
    return []
  if (!statSync(path).isDirectory())
    return [path]
  return readdirSync(path, { withFileTypes: true })
    .filter(e => !e.name.startsWith('.') && e.name !== 'node_modules')
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap(e => filesUnder(join(path, e.name)))
}

/** Content hash of the deck's sources and the lock file, plus the build options. */
export function buildKey(entry: string, base: string): string {
  const hash = createHash('sha256')
  hash.update(JSON.stringify({ base, entry: relative(dirname(entry), entry), defines: BUILD_DEFINES, version: 2 }))
  const dir = dirname(entry)
  const lock = lockFileOf(dir)
  const files = [entry, ...INPUTS.flatMap(name => filesUnder(join(dir, name))), ...(lock ? [lock] : [])]
  for (const file of [...new Set(files)]) {
    hash.update(`\0${relative(dir, file)}\0`)
    hash.update(readFileSync(file))
  }
  return hash.digest('hex').slice(0, 16)
}

/**
 * Slidev's build into `outDir`, as `slidev build` makes it plus the pipeline's
 * defines (the print route); throws with Slidev's output when the build fails.
 */
export async function buildDeck(options: { entry?: string, outDir: string, base?: string, quiet?: boolean, check?: boolean }) {
  const entry = entryPath(options.entry)
  assertDrivableSlidev()
  // The pipeline runs the deck check itself, first (and may be told to go on despite it).
  if (options.check !== false)
    await checkDeck(entry)
  const job = { entry, outDir: options.outDir, base: options.base ?? '/', bin: slidevBin, cli: join(cliRoot, 'dist', 'index.mjs'), chunk: slidevBuildChunk(), define: BUILD_DEFINES }
  await runProcess(process.execPath, [slidevBuildRunner, JSON.stringify(job)], { cwd: dirname(entry), quiet: options.quiet ?? true, label: 'slidev build' })
}

export interface CachedBuild { dir: string, key: string, reused: boolean }

const KEEP_BUILDS = 4

/**
 * The build of `entry` at `base`, from the cache when nothing it is made from
 * changed. The cache lives in the deck's `.slidev/builds/` (or
 * $DECK_BUILD_CACHE, or `cacheDir`); a build is
 * written to a temporary folder and renamed into place when complete.
 */
export async function cachedBuild(options: { entry?: string, base?: string, quiet?: boolean, cacheDir?: string, check?: boolean } = {}): Promise<CachedBuild> {
  const entry = entryPath(options.entry)
  const base = options.base ?? '/'
  const cache = options.cacheDir ?? process.env.DECK_BUILD_CACHE ?? join(dirname(entry), '.slidev', 'builds')
  const key = buildKey(entry, base)
  const dir = join(cache, key)
  const built = () => existsSync(join(dir, 'index.html'))
  if (built()) {
    const now = new Date()
    await utimes(dir, now, now)
    return { dir, key, reused: true }
  }
  // One build per key at a time: a second process asking for the same build waits for it.
  const reused = await withLock(join(cache, `.lock-${key}`), async () => {
    if (built())
      return true
    const tmp = await mkdtemp(join(cache, `.tmp-${key}-`))
    try {
      await buildDeck({ entry, outDir: tmp, base, quiet: options.quiet, check: options.check })
      await writeFile(join(tmp, '.build-key'), `${key}\n`)
      await rm(dir, { recursive: true, force: true })
      await rename(tmp, dir)
    }
    finally {
      await rm(tmp, { recursive: true, force: true })
    }
    return false
  })
  if (reused)
    return { dir, key, reused }
  await pruneBuilds(cache, dir)
  return { dir, key, reused: false }
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
