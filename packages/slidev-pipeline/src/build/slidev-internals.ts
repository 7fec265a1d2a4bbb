/**
 * Everything the pipeline takes from Slidev that Slidev does not document as
 * an API, in one place. Each of these is read from Slidev's own sources (the
 * pinned @slidev/cli and @slidev/client); test/slidev-internals.unit.test.ts
 * finds each one there again, so a Slidev upgrade that moves one fails that
 * test, naming it, instead of an export that quietly prints nothing.
 */
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)

/** @slidev/cli's package folder, its CLI script, and @slidev/client's folder (resolved from the CLI, as Slidev does). */
export const cliRoot = dirname(require.resolve('@slidev/cli/package.json'))
export const slidevBin = join(cliRoot, 'bin', 'slidev.mjs')
export const clientRoot = dirname(require.resolve('@slidev/client/package.json', { paths: [cliRoot] }))

// ── The print route ─────────────────────────────────────────────────────────

/**
 * The route every export prints from (@slidev/client setup/routes.ts: `/print`),
 * with `?print=true` (every slide in its final click state) or `?print=clicks`
 * (a container per click step; composables/useNav.ts).
 */
export const PRINT_ROUTE = 'print'
export const printQuery = (mode: 'true' | 'clicks') => `${PRINT_ROUTE}?print=${mode}`

/**
 * The compile-time flag that puts the print route into the client
 * (setup/routes.ts reads it). Slidev's CLI sets it (getDefine in @slidev/cli)
 * for `slidev export`, and for `slidev build` only with `download: true`, which
 * then also runs Slidev's own exporter at the end of every build. The
 * pipeline's build sets it itself (see `slidevBuildRunner`).
 */
export const PRINT_FEATURE_FLAG = '__SLIDEV_FEATURE_PRINT__'

/** One slide at one click step on the print route (@slidev/client internals/PrintSlideClick.vue). */
export const PRINT_CONTAINER = '.print-slide-container'
/** Shown while a slide's component loads (internals/SlideLoading.vue). */
export const SLIDE_LOADING = '.slidev-slide-loading'

/**
 * The wrapper of every `{monaco}` code block (@slidev/client builtin/Monaco.vue).
 * The editor inside keeps redrawing for seconds after the page is idle (its
 * TypeScript worker's diagnostics fade unused names, a light bulb appears),
 * so the capture waits for it to be still (capture/page.ts: editorsSettled).
 */
export const MONACO_CONTAINER = '.slidev-monaco-container'

/** A print container's id: `NNN-CC`, the slide number and the click step + 1, zero-padded (PrintSlideClick.vue). */
export function printContainerId(no: number, clicks: number): string {
  return `${String(no).padStart(3, '0')}-${String(clicks + 1).padStart(2, '0')}`
}

/** The slide and click step of a print container's id; throws on any other id. */
export function parsePrintContainerId(id: string): { no: number, clicks: number } {
  const m = /^(\d{3,})-(\d{2,})$/.exec(id)
  if (!m || !Number(m[1]) || !Number(m[2]))
    throw new Error(`unexpected print container id "${id}" (Slidev's PrintSlideClick.vue names them NNN-CC)`)
  return { no: Number(m[1]), clicks: Number(m[2]) - 1 }
}

// ── The build ───────────────────────────────────────────────────────────────

/**
 * Slidev's own `build(options, viteConfig, args)`, which its CLI imports from a
 * chunk with a hashed name (`await import("./build-….mjs")` in dist/cli.mjs):
 * read from the CLI, so the pipeline builds exactly as `slidev build` does,
 * with one Vite plugin of its own added (the print route's flag).
 */
export function slidevBuildChunk(): string {
  const cli = join(cliRoot, 'dist', 'cli.mjs')
  const found = /import\(\s*["']\.\/(build-[\w-]+\.mjs)["']\s*\)/.exec(readFileSync(cli, 'utf8'))
  if (!found)
    throw new Error(`Slidev's CLI (${cli}) no longer imports a build chunk: src/build/slidev-internals.ts must learn how this Slidev builds`)
  const chunk = join(cliRoot, 'dist', found[1]!)
  if (!existsSync(chunk))
    throw new Error(`Slidev's build chunk ${chunk} is missing`)
  return chunk
}

/** The runner that builds a deck in a child process (Slidev keeps the deck's roots in module state: one deck per process). */
export const slidevBuildRunner = join(dirname(fileURLToPath(import.meta.url)), 'slidev-build.mjs')

/** What the pipeline adds to every build as Vite `define`s, without any file in the deck. */
export const BUILD_DEFINES: Record<string, string> = { [PRINT_FEATURE_FLAG]: 'true' }

// ── Component and theme resolution ──────────────────────────────────────────

/** Slidev's built-in components are in this folder of @slidev/client (createComponentsPlugin in @slidev/cli), as are a root's own. */
export const BUILTIN_COMPONENTS = 'builtin'
/** Layouts: this folder of @slidev/client and of every root (theme, addons, the deck). */
export const LAYOUTS = 'layouts'
/** Vue and vue-router register these globally. */
export const FRAMEWORK_COMPONENTS = ['Transition', 'TransitionGroup', 'KeepAlive', 'Teleport', 'Suspense', 'Component', 'Slot', 'RouterLink', 'RouterView']
/** unplugin-vue-components picks up these file types (createComponentsPlugin's `extensions`). */
export const COMPONENT_EXTENSIONS = ['vue', 'md', 'js', 'ts', 'jsx', 'tsx']

/**
 * The packages a theme or addon name may be (createResolver in @slidev/cli):
 * `x` is `@slidev/theme-x`, then `slidev-theme-x`, then `x`; a scoped name is itself.
 */
export function packageCandidates(type: 'theme' | 'addon', name: string): string[] {
  return name.includes('/') || name.startsWith('@') ? [name] : [`@slidev/${type}-${name}`, `slidev-${type}-${name}`, name]
}

// ── Slidev's own remote defaults ────────────────────────────────────────────

/**
 * Files Slidev itself fetches for a deck that does not say otherwise: web
 * fonts from Google Fonts (`fonts.provider: google`, the default) and its
 * favicon from a CDN (`favicon`'s default). In no line of the deck, so they
 * are named with the headmatter key that keeps them local.
 */
const SLIDEV_REMOTE_DEFAULTS: [RegExp, string][] = [
  [/^https:\/\/fonts\.(?:googleapis|gstatic)\.com\//, 'Slidev loads web fonts from Google Fonts (`fonts.provider: google`, its default): offline the text falls back to system fonts; set `fonts: { provider: none }` in the headmatter and load the fonts locally, or export with --allow-remote'],
  [/^https:\/\/cdn\.jsdelivr\.net\/gh\/slidevjs\/slidev\/assets\/favicon/, 'Slidev\'s default favicon is on a CDN: set `favicon:` in the headmatter to a file in public/'],
]

export function slidevDefaultRemote(url: string): string | undefined {
  return SLIDEV_REMOTE_DEFAULTS.find(([pattern]) => pattern.test(url))?.[1]
}
