/**
 * What a build was made from, as the build itself read it (src/slidev/build-child.mjs
 * records it: Rollup's module graph and watch files, the files Slidev's parser
 * and setups read, Vite's config files, the public folders, Slidev's packages),
 * kept beside the cached build as its manifest. A cached build is reused only
 * while every file in its manifest hashes the same, every folder that held one
 * lists the same names (a new layout, a new root style.css), and every package
 * it drew from (Slidev, the theme, the addons, Vue…) has the same package.json
 * where it resolves now. No list of the deck's folders is kept by hand.
 */
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'

/** What the build's child process writes: absolute paths, as it met them. */
export interface BuildRecord {
  /** The bundle's modules and watch files, Vite's config files, the Markdown Slidev's parser read: some virtual, some in node_modules. */
  files: string[]
  /**
   * Files the build's process read through node:fs and did not write. Only those in
   * a root or in a package count: the rest are the machine's (~/.npmrc) or caches
   * (jiti's transpiled setups in the temporary folder).
   */
  read: string[]
  /** Folders Slidev copies into the build as they are. */
  publicDirs: string[]
  /** The deck's roots: its folder, the theme's and the addons'. */
  roots: string[]
  /** Package folders the build ran (Slidev's CLI and client, the theme, the addons). */
  packages: string[]
  /** Packages whose dependencies (resolved from where they are) count as well. */
  dependenciesOf: string[]
}

/** Paths are relative to the deck's folder (its real path), so a moved project keeps its builds. */
export interface BuildManifest {
  version: 1
  /** The build's options: base, entry, defines and the runner (see buildSettings in build.ts). */
  settings: string
  /** Each file the build read, outside node_modules: its content's hash. */
  files: Record<string, string>
  /** Each folder that holds such a file, and each local root: the hash of the names in it. */
  dirs: Record<string, string>
  /** Each package the build drew from: the hash of its package.json where it resolved. */
  packages: Record<string, string>
}

/** Names a folder's listing leaves out: never read by a build, and written beside the deck by the toolkit, Slidev or git. */
const UNLISTED = new Set(['node_modules', 'exports', 'dist'])
/** Files of the machine, not of the deck. */
const SYSTEM = ['/proc/', '/sys/', '/dev/', '/etc/', '/usr/']
const NODE_MODULES = `${sep}node_modules${sep}`

const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex').slice(0, 24)

/** Hashes memoised for one lookup or one recording: each file is read once however many builds ask. */
export class Hasher {
  private memo = new Map<string, string | undefined>()
  private get(key: string, compute: () => string | undefined) {
    if (!this.memo.has(key))
      this.memo.set(key, compute())
    return this.memo.get(key)
  }

  file(path: string): string | undefined {
    return this.get(`f:${path}`, () => {
      try {
        return sha(readFileSync(path))
      }
      catch {
        return undefined
      }
    })
  }

  listing(dir: string): string | undefined {
    return this.get(`d:${dir}`, () => {
      try {
        const names = readdirSync(dir).filter(n => !n.startsWith('.') && !UNLISTED.has(n)).sort()
        return sha(names.join('\0'))
      }
      catch {
        return undefined
      }
    })
  }

  packageJson(dir: string): string | undefined {
    return this.file(join(dir, 'package.json'))
  }
}

/** The folder of the package a file in node_modules belongs to (`…/node_modules/@scope/name`). */
export function packageRoot(file: string): string {
  const at = file.lastIndexOf(NODE_MODULES)
  const parts = file.slice(at + NODE_MODULES.length).split(sep)
  return file.slice(0, at + NODE_MODULES.length) + parts.slice(0, parts[0]!.startsWith('@') ? 2 : 1).join(sep)
}

/** A dependency's folder as Node resolves it from `from`: the nearest node_modules above that holds it. */
function dependencyDir(from: string, name: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name)
    if (existsSync(join(candidate, 'package.json')))
      return candidate
    if (dirname(dir) === dir)
      return undefined
  }
}

function realFile(path: string): string | undefined {
  // Rollup's ids may carry a query (`?vue&type=style…`); virtual ids start with \0 or are no file.
  const clean = path.replace(/[?#].*$/, '')
  if (!isAbsolute(clean))
    return undefined
  try {
    return statSync(clean).isFile() ? realpathSync(clean) : undefined
  }
  catch {
    return undefined
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    return e.isDirectory() ? filesUnder(path) : e.isFile() ? [path] : []
  })
}

const inside = (dir: string, path: string) => path === dir || path.startsWith(dir + sep)

/**
 * The manifest of a finished build from what its child recorded. `dirty` when a
 * file changed while the build ran: what was built from it is unknown, so that
 * build must not be reused.
 */
export function manifestOf(record: BuildRecord, options: { deckDir: string, outDir: string, settings: string, startedAt: number }): { manifest: BuildManifest, dirty: string[] } {
  const deckDir = realpathSync(options.deckDir)
  const outDir = realpathSync(options.outDir)
  const hasher = new Hasher()
  const rel = (path: string) => relative(deckDir, path) || '.'
  const local = new Set<string>()
  const packages = new Set<string>()
  const roots = record.roots.filter(existsSync).map(r => realpathSync(r))
  const files = [...record.files.map(realFile), ...record.read.map(realFile).filter(f => f && (f.includes(NODE_MODULES) || roots.some(r => inside(r, f))))]
  for (const file of files) {
    if (!file || inside(outDir, file) || SYSTEM.some(s => file.startsWith(s)))
      continue
    if (file.includes(NODE_MODULES))
      packages.add(packageRoot(file))
    else
      local.add(file)
  }
  const dirs = new Set<string>()
  for (const dir of record.publicDirs.filter(existsSync).map(d => realpathSync(d))) {
    for (const file of filesUnder(dir)) {
      local.add(realpathSync(file))
      dirs.add(dirname(realpathSync(file)))
    }
    dirs.add(dir)
  }
  for (const file of local)
    dirs.add(dirname(file))
  for (const root of roots)
    (root.includes(NODE_MODULES) ? packages : dirs).add(root)
  for (const pkg of [...record.packages, ...record.dependenciesOf].filter(existsSync).map(p => realpathSync(p))) {
    if (pkg.includes(NODE_MODULES))
      packages.add(pkg)
  }
  for (const owner of record.dependenciesOf) {
    const json = JSON.parse(readFileSync(join(owner, 'package.json'), 'utf8'))
    for (const name of Object.keys({ ...json.dependencies, ...json.optionalDependencies })) {
      const dir = dependencyDir(owner, name)
      if (dir)
        packages.add(realpathSync(dir))
    }
  }
  const dirty: string[] = []
  const manifest: BuildManifest = { version: 1, settings: options.settings, files: {}, dirs: {}, packages: {} }
  for (const file of [...local].sort()) {
    const hash = hasher.file(file)
    if (hash === undefined || statSync(file).mtimeMs >= options.startedAt)
      dirty.push(file)
    manifest.files[rel(file)] = hash ?? ''
  }
  for (const dir of [...dirs].sort())
    manifest.dirs[rel(dir)] = hasher.listing(dir) ?? ''
  for (const pkg of [...packages].sort()) {
    const hash = hasher.packageJson(pkg)
    if (hash)
      manifest.packages[rel(pkg)] = hash
  }
  return { manifest, dirty }
}

/** The cache key of a manifest: a hash of everything in it. */
export const manifestKey = (manifest: BuildManifest) => sha(JSON.stringify(manifest)).slice(0, 16)

/**
 * The first thing that differs now from what the build was made from (a file,
 * `folder/` for the names in a folder, a package's package.json), or
 * undefined when nothing does.
 */
export function changedInput(manifest: BuildManifest, deckDir: string, hasher = new Hasher()): string | undefined {
  const at = (path: string) => resolve(deckDir, path)
  for (const [file, hash] of Object.entries(manifest.files)) {
    if (hasher.file(at(file)) !== hash)
      return file
  }
  for (const [dir, hash] of Object.entries(manifest.dirs)) {
    if (hasher.listing(at(dir)) !== hash)
      return `${dir}/`
  }
  for (const [pkg, hash] of Object.entries(manifest.packages)) {
    if (hasher.packageJson(at(pkg)) !== hash)
      return join(pkg, 'package.json')
  }
  return undefined
}
