/**
 * `slidev-pipeline present`: the deck served for presenting by Slidev's own
 * dev server, started through its node API (`resolveOptions` and `createServer`
 * from @slidev/cli) as `slidev` starts it, with no file added to the deck.
 * With `record`, the recorder's Vite plugin (src/present/recorder.ts) is added
 * to that server, and the presenter view records the talk.
 */
import type { ViteDevServer } from 'vite'
import { existsSync, statSync } from 'node:fs'
import { createServer as createNetServer } from 'node:net'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { loadDeckConfig } from '../check/deck-config.ts'
import { findRecogniser } from '../outputs/recording/recognise.ts'
import { assertDrivableSlidev, cliRoot, PRESENTER_ROUTE, slidevBin } from '../slidev/internals.ts'
import { loadDeck } from '../support/deck.ts'
import { deckName, entryPath } from '../support/paths.ts'
import { RECORDER_SCRIPT_TAG, recorderPlugin } from './recorder.ts'

export interface PresentOptions {
  entry?: string
  record?: boolean
  camera?: boolean
  port?: number
  open?: boolean
  log: (line: string) => void
}

export interface Presenting {
  server: ViteDevServer
  port: number
  /** The audience's and the presenter's URLs. */
  urls: { slides: string, presenter: string }
  /** exports/<name>-recordings when recording. */
  recordings?: string
  /** Ends the recordings (each gets its `stop` entry) and closes the server. */
  close: () => Promise<void>
}

/** The port `slidev` would take: 3030, else the next free one up to 4000 (as its get-port-please call). */
async function freePort(from = 3030, to = 4000): Promise<number> {
  for (let port = from; port <= to; port++) {
    if (!await portInUse(port))
      return port
  }
  throw new Error(`No free port between ${from} and ${to}: give one with --port`)
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createNetServer()
    probe.once('error', () => done(true))
    probe.listen({ port, host: 'localhost', exclusive: true }, () => probe.close(() => done(false)))
  })
}

/** Where the deck's recordings go: exports/<name>-recordings beside the entry, `<name>` as every export names the deck. */
export async function recordingsFolder(entry: string): Promise<string> {
  const config = await loadDeckConfig(entry)
  const deck = await loadDeck(entry)
  return join(dirname(entry), 'exports', `${deckName(entry, config.name ?? (deck.headmatter.exportFilename as string | undefined))}-recordings`)
}

export async function present(options: PresentOptions): Promise<Presenting> {
  const entry = entryPath(options.entry)
  if (!existsSync(entry) || !statSync(entry).isFile())
    throw new Error(`No deck at ${entry}: give the deck's entry file (slides.md)`)
  assertDrivableSlidev()
  const port = options.port ?? await freePort()
  if (options.port !== undefined && await portInUse(port))
    throw new Error(`Port ${port} is in use: stop what runs there, or give another with --port`)

  // Slidev decides from the script that started it where its packages are (a deck outside the
  // project resolves its theme from the CLI's node_modules, as a global `slidev` does): as the build runner does.
  process.argv[1] = slidevBin
  const slidev = await import(pathToFileURL(join(cliRoot, 'dist', 'index.mjs')).href) as typeof import('@slidev/cli')
  await injectPreparser()

  const recordings = options.record ? await recordingsFolder(entry) : undefined
  const recorder = recordings
    ? recorderPlugin({
        entry,
        folder: recordings,
        camera: Boolean(options.camera),
        recogniser: findRecogniser(),
        log: options.log,
        async describe() {
          const deck = await loadDeck(entry)
          return { title: String(deck.headmatter.title ?? deck.slides[0]?.title ?? ''), slides: deck.slides.length }
        },
      })
    : undefined

  const resolved = await slidev.resolveOptions({ entry }, 'dev')
  if (recorder)
    resolved.utils.indexHtml = resolved.utils.indexHtml.replace(/<\/body>/i, `${RECORDER_SCRIPT_TAG}\n</body>`)
  let server: ViteDevServer
  try {
    server = await slidev.createServer(resolved, {
      server: { port, strictPort: true, host: 'localhost' },
      logLevel: 'warn',
      plugins: recorder ? [recorder.plugin] : [],
    })
    await server.listen()
  }
  catch (error) {
    const message = (error as Error).message ?? String(error)
    if (/already in use|EADDRINUSE/i.test(message))
      throw new Error(`Port ${port} is in use: stop what runs there, or give another with --port`)
    throw error
  }
  const hash = resolved.data.config.routerMode === 'hash' ? '#/' : ''
  const base = `http://localhost:${port}/`
  const urls = { slides: `${base}${hash}`, presenter: `${base}${hash}${PRESENTER_ROUTE}/` }
  return {
    server,
    port,
    urls,
    recordings,
    close: () => server.close(),
  }
}

/** As Slidev's CLI does before any command: each root's setup/preparser.ts may extend the parser (loaded with jiti, as Slidev loads setups). */
async function injectPreparser() {
  const { createRequire } = await import('node:module')
  const fromCli = createRequire(join(cliRoot, 'package.json'))
  const { injectPreparserExtensionLoader } = await import(pathToFileURL(fromCli.resolve('@slidev/parser/fs')).href)
  const { createJiti } = await import('jiti')
  const jiti = createJiti(join(cliRoot, 'package.json'), { moduleCache: false })
  injectPreparserExtensionLoader(async (roots: string[], headmatter: unknown, filepath: string, mode: string) => (await Promise.all(roots
    .map(root => resolve(root, 'setup', 'preparser.ts'))
    .filter(existsSync)
    .map(async file => ((await jiti.import(file)) as { default: (ctx: unknown) => unknown }).default({ filepath, headmatter, mode })))).flat())
}

/** Opens `url` in the default browser with the package Slidev's CLI opens its URL with (`open`); false when it cannot. */
export async function openInBrowser(url: string): Promise<boolean> {
  try {
    const { createRequire } = await import('node:module')
    const open = (await import(pathToFileURL(createRequire(join(cliRoot, 'package.json')).resolve('open')).href)).default as (target: string) => Promise<unknown>
    await open(url)
    return true
  }
  catch {
    return false
  }
}
