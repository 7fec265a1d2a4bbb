/**
 * Everything the pipeline takes from Slidev that Slidev does not document as
 * an API, in one place. Each of these is read from Slidev's own sources (the
 * pinned @slidev/cli and @slidev/client); test/slidev-internals.unit.test.ts
 * finds each one there again, so a Slidev upgrade that moves one fails that
 * test, naming it, instead of an export that quietly prints nothing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)

/** The Slidev versions this toolkit is made for (package.json's peer range); a later one is tried, through the checks below. */
export const SUPPORTED_SLIDEV = '52.20 and 53'

function resolveCliRoot(): string {
  try {
    return dirname(require.resolve('@slidev/cli/package.json'))
  }
  catch {
    throw new Error(`slidev-pipeline needs Slidev (${SUPPORTED_SLIDEV}) installed beside it: npm i -D @slidev/cli (a peer dependency)`)
  }
}

/** @slidev/cli's package folder, its CLI script, and @slidev/client's folder (resolved from the CLI, as Slidev does). */
export const cliRoot = resolveCliRoot()
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

/**
 * Every slide's page element, and one slide's by its number (@slidev/client
 * utils.ts getSlideClass: `slidev-page slidev-page-N`), on the print route and in
 * the presenter's view alike: where the capture reads a slide's heading and the
 * page checks look for the slide.
 */
export const SLIDE_PAGE = '.slidev-page'
export const slidePage = (no: number) => `${SLIDE_PAGE}-${no}`

/**
 * An element a click reveals, marked with the first click step it shows at and
 * the last (@slidev/client modules/v-click.ts: `data-slidev-clicks-start`,
 * `data-slidev-clicks-end`; the same in builtin/VSwitch.ts).
 */
export const CLICK_RANGE = { start: 'data-slidev-clicks-start', end: 'data-slidev-clicks-end' } as const

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
export function slidevBuildChunk(root = cliRoot): string {
  const cli = join(root, 'dist', 'cli.mjs')
  const found = /import\(\s*["']\.\/(build-[\w-]+\.mjs)["']\s*\)/.exec(readFileSync(cli, 'utf8'))
  if (!found)
    throw new Error(`Slidev's CLI (${cli}) no longer imports a build chunk: src/slidev/internals.ts must learn how this Slidev builds`)
  const chunk = join(root, 'dist', found[1]!)
  if (!existsSync(chunk))
    throw new Error(`Slidev's build chunk ${chunk} is missing`)
  return chunk
}

/** The runner that builds a deck in a child process (Slidev keeps the deck's roots in module state: one deck per process). */
export const slidevBuildRunner = join(dirname(fileURLToPath(import.meta.url)), 'build-child.mjs')

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

// ── Presenting (`present`, `present --record`) ───────────────────────────────

/**
 * The presenter view's route (@slidev/client setup/routes.ts: `/presenter/:no`, named
 * `presenter`; `/presenter` redirects to slide 1), printed and opened by `present`.
 */
export const PRESENTER_ROUTE = 'presenter'

/**
 * In dev, @slidev/client's setup/root.ts exposes its reactive context as
 * `window.__slidev__`, with `nav: useNav()`: `nav.currentSlideNo`, `nav.clicks` and
 * `nav.isPresenter` (composables/useNav.ts). The recorder's page script watches them
 * (src/present/recorder-client.js) for the log's slide and click changes.
 */
export const CLIENT_NAV_GLOBAL = '__slidev__'

/**
 * Slidev's dev server answers /index.html with the page it made at start-up,
 * `options.utils.indexHtml`, without Vite's transformIndexHtml hooks: `present --record`
 * adds the recorder's script tag to that string before the server starts.
 */
export const DEV_INDEX_HTML = 'options.utils.indexHtml'

// ── The installed Slidev, checked at start-up ───────────────────────────────

/** An installed Slidev: its CLI's and client's folders and the CLI's version. */
export interface SlidevInstall { cliRoot: string, clientRoot: string, version: string }

export const installedSlidev: SlidevInstall = {
  cliRoot,
  clientRoot,
  version: String(JSON.parse(readFileSync(join(cliRoot, 'package.json'), 'utf8')).version),
}

/** One thing taken from Slidev, and where it is looked for: a file of @slidev/client, or the CLI's built code. */
interface Internal {
  part: string
  /** `client:<path>` or `cli` (dist/cli.mjs, the build chunk and the serve/resolver chunks), or `cli:index` (dist/index.mjs). */
  where: 'cli' | 'cli:index' | `client:${string}`
  pattern: RegExp
}

const esc = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Everything above, as it must read in the installed Slidev's own files. Each was read in
 * @slidev/cli and @slidev/client 52.20.1 and 53.0.0; test/slidev-internals.unit.test.ts
 * finds each in the Slidev this workspace installs, and every export looks for them first
 * (`assertDrivableSlidev`), so a Slidev that moved one stops with its name, not an empty PDF.
 */
export const INTERNALS: Internal[] = [
  { part: `the print route (/${PRINT_ROUTE}, compiled in behind ${PRINT_FEATURE_FLAG})`, where: 'client:setup/routes.ts', pattern: new RegExp(`if \\(${PRINT_FEATURE_FLAG}\\) \\{[\\s\\S]{0,200}path: '/${PRINT_ROUTE}'`) },
  { part: 'the print route with a container per click step (?print=clicks)', where: 'client:composables/useNav.ts', pattern: /query\.value\.get\('print'\) === 'clicks'/ },
  { part: `the print containers (${PRINT_CONTAINER})`, where: 'client:internals/PrintSlideClick.vue', pattern: new RegExp(`class="${esc(PRINT_CONTAINER.slice(1))}"`) },
  { part: 'the print containers\' ids (NNN-CC: slide, click step + 1)', where: 'client:internals/PrintSlideClick.vue', pattern: /route\.value\.no\.toString\(\)\.padStart\(3, '0'\)\}-\$\{\(nav\.clicks\.value \+ 1\)\.toString\(\)\.padStart\(2, '0'\)/ },
  { part: `a slide's loading placeholder (${SLIDE_LOADING})`, where: 'client:internals/SlideLoading.vue', pattern: new RegExp(esc(SLIDE_LOADING.slice(1))) },
  { part: `the Monaco editor's container (${MONACO_CONTAINER})`, where: 'client:builtin/Monaco.vue', pattern: new RegExp(`<div class="[^"]*\\b${esc(MONACO_CONTAINER.slice(1))}\\b[^"]*">[\\s\\S]*ref="container"`) },
  { part: `the slides' page classes (${SLIDE_PAGE}, ${SLIDE_PAGE}-N)`, where: 'client:utils.ts', pattern: new RegExp(`const classes = \\['${esc(SLIDE_PAGE.slice(1))}', extra\\][\\s\\S]{0,200}classes\\.push\\(\`${esc(SLIDE_PAGE.slice(1))}-\\$\\{no\\}\`\\)`) },
  { part: `a click's range on its element (${CLICK_RANGE.start}, ${CLICK_RANGE.end})`, where: 'client:modules/v-click.ts', pattern: /el\.dataset\.slidevClicksStart = [\s\S]{0,200}el\.dataset\.slidevClicksEnd = / },
  { part: 'the build chunk\'s build(options, viteConfig, args)', where: 'cli', pattern: /async function build\(options, viteConfig = \{\}, args\)[\s\S]*export \{ build \}/ },
  { part: 'the CLI\'s dynamic import of its build chunk', where: 'cli', pattern: /const \{ build \} = await import\("\.\/build-/ },
  { part: 'resolveOptions in the CLI\'s public entry', where: 'cli:index', pattern: /export \{[^}]*\bresolveOptions\b/ },
  { part: 'the preparser setup (setup/preparser.ts, through injectPreparserExtensionLoader)', where: 'cli', pattern: /injectPreparserExtensionLoader\(async \(roots, headmatter, filepath, mode\)[\s\S]{0,200}loadSetups\(roots, "preparser\.ts"/ },
  { part: `components from ${BUILTIN_COMPONENTS}/ and each root's components/`, where: 'cli', pattern: /dirs: \[join\(clientRoot, "builtin"\), \.\.\.roots\.map\(\(i\) => join\(i, "components"\)\)\]/ },
  { part: 'the component file types', where: 'cli', pattern: new RegExp(`extensions: \\[\\s*${COMPONENT_EXTENSIONS.map(e => `"${e}"`).join(',\\s*')}\\s*\\]`) },
  { part: 'createServer in the CLI\'s public entry (present)', where: 'cli:index', pattern: /export \{[^}]*\bcreateServer\b/ },
  { part: `the presenter view's route (/${PRESENTER_ROUTE}/:no)`, where: 'client:setup/routes.ts', pattern: new RegExp(`name: '${PRESENTER_ROUTE}',\\s*path: '/${PRESENTER_ROUTE}/:no'`) },
  { part: `the client's navigation state in dev (window.${CLIENT_NAV_GLOBAL}.nav)`, where: 'client:setup/root.ts', pattern: new RegExp(`nav: useNav\\(\\),[\\s\\S]{0,600}window\\.${CLIENT_NAV_GLOBAL} = context`) },
  { part: 'the navigation\'s slide, click and presenter state (useNav: currentSlideNo, clicks, isPresenter)', where: 'client:composables/useNav.ts', pattern: /const clicks = computed\(\(\) => clicksContext\.value\.current\)[\s\S]*const isPresenter = computed\(\(\) => currentRoute\.name === 'presenter'\)[\s\S]*const currentSlideNo = computed/ },
  { part: `the dev server's page (${DEV_INDEX_HTML}, served for /index.html)`, where: 'cli', pattern: new RegExp(`req\\.url === "/index\\.html"[\\s\\S]{0,300}res\\.end\\(${esc(DEV_INDEX_HTML)}\\)`) },
  { part: 'theme and addon package names (@slidev/theme-x, slidev-theme-x)', where: 'cli', pattern: /possiblePkgNames\.unshift\(`@slidev\/\$\{type\}-\$\{name\}`, `slidev-\$\{type\}-\$\{name\}`\)/ },
]

/** The CLI's built code the `cli` internals are looked for in: its entry, the build chunk, and the serve and resolver chunks. */
function cliSources(root: string): string {
  const dir = join(root, 'dist')
  const chunk = (() => {
    try {
      return readFileSync(slidevBuildChunk(root), 'utf8')
    }
    catch {
      return ''
    }
  })()
  if (!existsSync(join(dir, 'cli.mjs')))
    return ''
  return [readFileSync(join(dir, 'cli.mjs'), 'utf8'), chunk, ...readdirSync(dir).filter(f => /^(?:serve|resolver)-.*\.mjs$/.test(f)).map(f => readFileSync(join(dir, f), 'utf8'))].join('\n')
}

/** The internals not found in `install`, each as `part (file)`; empty when this toolkit can drive it. */
export function movedInternals(install: SlidevInstall = installedSlidev): string[] {
  const read = (file: string) => existsSync(file) ? readFileSync(file, 'utf8') : ''
  let cli: string | undefined
  const moved: string[] = []
  for (const { part, where, pattern } of INTERNALS) {
    let text: string
    let file: string
    if (where === 'cli') {
      cli ??= cliSources(install.cliRoot)
      text = cli
      file = '@slidev/cli/dist'
    }
    else if (where === 'cli:index') {
      file = '@slidev/cli/dist/index.mjs'
      text = read(join(install.cliRoot, 'dist', 'index.mjs'))
    }
    else {
      const path = where.slice('client:'.length)
      file = `@slidev/client/${path}`
      text = read(join(install.clientRoot, path))
    }
    if (!pattern.test(text))
      moved.push(`${part} (${file})`)
  }
  const fromCli = createRequire(join(install.cliRoot, 'package.json'))
  try {
    const fs = fromCli.resolve('@slidev/parser/fs')
    if (!/\binjectPreparserExtensionLoader\b/.test(read(fs)))
      moved.push(`injectPreparserExtensionLoader (@slidev/parser/fs)`)
  }
  catch {
    moved.push('@slidev/parser/fs (resolved from @slidev/cli)')
  }
  return moved
}

/** Thrown when the installed Slidev is not one this toolkit can drive. */
export class UnsupportedSlidevError extends Error {}

let checked: SlidevInstall | undefined

/**
 * Stops with one error naming the installed Slidev's version and what moved in it, before
 * anything is built or printed. Checked once per process.
 */
export function assertDrivableSlidev(install: SlidevInstall = installedSlidev): void {
  if (checked === install)
    return
  const moved = movedInternals(install)
  if (moved.length) {
    throw new UnsupportedSlidevError([
      `slidev-pipeline cannot drive Slidev ${install.version} (@slidev/cli in ${install.cliRoot}): it is made for Slidev ${SUPPORTED_SLIDEV}, and in this version ${moved.length === 1 ? 'this part has' : 'these parts have'} moved:`,
      ...moved.map(m => `  - ${m}`),
      `Install a Slidev it supports (npm i -D @slidev/cli@53) or a slidev-pipeline made for Slidev ${install.version}.`,
    ].join('\n'))
  }
  checked = install
}
