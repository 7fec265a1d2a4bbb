/**
 * `present --record`, the server's half: a Vite plugin, given to Slidev's dev
 * server through its node API (no file in the deck), that puts the recorder's
 * client (recorder-client.js, beside this file) into the page and takes what it
 * sends, appending it to disk as it arrives:
 *
 *   exports/<name>-recordings/<YYYY-MM-DDTHH-MM-SS>/recording.webm   the MediaRecorder's chunks, in order
 *   exports/<name>-recordings/<YYYY-MM-DDTHH-MM-SS>/log.jsonl        one JSON object a line
 *
 * The log's first line is written here (`start`: deck, title, slide count,
 * the recorder's mimeType, the wall time); the client sends the rest (`slide`,
 * `pause`, `resume`, `stop`) with `t`, the media time in ms. Every write is a
 * write(2) and an fdatasync: a crash, a SIGKILL or a closed laptop loses at
 * most the chunk in flight (2 s), and what is on disk stays readable (WebM's
 * clusters are appended; ffmpeg reads the file up to its last whole chunk).
 *
 * When the server stops (Ctrl-C, SIGTERM, stdin closed), the clients are told
 * to stop (a Vite HMR event) and given a moment to send their last chunk and
 * their `stop` entry; a recording whose client did not answer gets a `stop`
 * entry written here, `reason: "server"`, at the media time its last chunk reached.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Plugin, ViteDevServer } from 'vite'
import type { LiveCaptions } from './live-captions.ts'
import { closeSync, existsSync, fdatasyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeAtomically } from '../support/atomic.ts'
import { findFfmpeg } from '../support/executable.ts'
import { runProcess } from '../support/process.ts'
import { liveCaptions } from './live-captions.ts'

/** The log's format version (its first line's `version`). */
export const RECORDING_LOG_VERSION = 1
/** Where the client posts (a path of the dev server; the deck never has it). */
export const RECORDER_PATH = '/__slidev-pipeline/recorder'
/** The HMR event that tells the clients the server is stopping. */
export const STOP_EVENT = 'slidev-pipeline:recorder-stop'
/** The client's script: plain JavaScript in the package (copied to dist/ by scripts/build.mjs). */
export const RECORDER_CLIENT = join(dirname(fileURLToPath(import.meta.url)), 'recorder-client.js')

const ENTRY_ID = 'virtual:slidev-pipeline/recorder'
const CLIENT_ID = 'virtual:slidev-pipeline/recorder-client'
/** How long the server waits, when it stops, for the clients' last chunk and `stop` entry. */
const STOP_GRACE_MS = 4000
/** How long the server, stopping, waits for the captions' last part (about 10 s of CPU a minute of talk). */
const CAPTIONS_GRACE_MS = 60_000

export interface RecorderOptions {
  /** The deck's entry file (absolute). */
  entry: string
  /** exports/<name>-recordings: one folder per recording inside. */
  folder: string
  camera: boolean
  /** The deck's title and slide count when a recording starts (read again then: the deck may have been edited). */
  describe: () => Promise<{ title: string, slides: number }>
  /** pocketsphinx, when installed: the captions are recognised while the talk is given (live-captions.ts). */
  recogniser?: string
  log: (line: string) => void
}

/** A folder name for a recording started at `date`: local time, `YYYY-MM-DDTHH-MM-SS` (no colons, for every file system). */
export function recordingStamp(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}T${p(date.getHours())}-${p(date.getMinutes())}-${p(date.getSeconds())}`
}

/** One recording on disk: its two files held open for appending. */
class Recording {
  readonly webm: number
  readonly log: number
  /** The next chunk's number, and chunks that came early (the client sends in order; this keeps the file in order if it ever does not). */
  private next = 0
  private early = new Map<number, Buffer>()
  /** The media time the last written chunk reaches, for a `stop` the server has to write. */
  lastT = 0
  stopped = false
  closed = false
  captions?: LiveCaptions

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true })
    this.webm = openSync(join(dir, 'recording.webm'), 'a')
    this.log = openSync(join(dir, 'log.jsonl'), 'a')
  }

  entry(value: Record<string, unknown>) {
    if (this.closed)
      return
    writeSync(this.log, `${JSON.stringify(value)}\n`)
    fdatasyncSync(this.log)
    if (value.type === 'stop')
      this.stopped = true
  }

  chunk(seq: number, data: Buffer, t: number) {
    if (this.closed || seq < this.next)
      return
    this.early.set(seq, data)
    for (let ready = this.early.get(this.next); ready; ready = this.early.get(this.next)) {
      this.early.delete(this.next)
      writeSync(this.webm, ready)
      this.next++
    }
    fdatasyncSync(this.webm)
    if (Number.isFinite(t))
      this.lastT = Math.max(this.lastT, Math.round(t))
    this.captions?.progress(this.lastT)
  }

  private remuxing?: Promise<void>
  /** The remux, then the captions' last part; `captioned` once both are done. */
  finishing?: Promise<void>
  captioned = false
  /**
   * Once the recording has stopped: the file remuxed (the same packets; 0.2 s for 10 minutes) so that
   * players show its length and can seek, which MediaRecorder's WebM lacks (Slidev #1847); then the
   * captions' last part. A recording cut short by a crash keeps its chunks as they are, still playable.
   */
  finalize(log: (line: string) => void) {
    this.remuxing ??= (async () => {
      const file = join(this.dir, 'recording.webm')
      try {
        await writeAtomically(file, tmp => runProcess(findFfmpeg(), ['-hide_banner', '-nostdin', '-v', 'error', '-i', file, '-map', '0', '-c', 'copy', '-f', 'webm', tmp], { quiet: true, label: 'ffmpeg (remuxing the recording)' }))
      }
      catch (error) {
        log(`  ${file} is kept as recorded, without its length in the header: ${String((error as Error).message).split('\n')[0]}`)
      }
    })()
    this.finishing ??= this.remuxing.then(() => this.captions?.stopped()).finally(() => {
      this.captioned = true
    })
    return this.remuxing
  }

  close() {
    if (this.closed)
      return
    this.closed = true
    this.captions?.abort()
    closeSync(this.webm)
    closeSync(this.log)
  }
}

async function body(req: IncomingMessage, limit = 64 << 20): Promise<Buffer> {
  const parts: Buffer[] = []
  let size = 0
  for await (const part of req) {
    size += (part as Buffer).length
    if (size > limit)
      throw new Error('request too large')
    parts.push(part as Buffer)
  }
  return Buffer.concat(parts)
}

function reply(res: ServerResponse, status: number, value: unknown) {
  res.statusCode = status
  res.setHeader('content-type', 'application/json')
  res.end(JSON.stringify(value))
}

/**
 * The page's script tag. Slidev's dev server answers /index.html itself with the page it
 * made at start-up (`options.utils.indexHtml`), without Vite's transformIndexHtml hooks:
 * src/present/present.ts adds this tag to that page (slidev-internals.ts: DEV_INDEX_HTML).
 */
export const RECORDER_SCRIPT_TAG = `<script type="module" src="/@id/__x00__${ENTRY_ID}"></script>`

/** The Vite plugin of `present --record`, and `finish`, which ends every recording (called when the server stops). */
export function recorderPlugin(options: RecorderOptions): { plugin: Plugin, finish: (server?: ViteDevServer) => Promise<void> } {
  const recordings = new Map<string, Recording>()
  let count = 0

  function newFolder(): string {
    const stamp = recordingStamp(new Date())
    let dir = join(options.folder, stamp)
    for (let i = 2; existsSync(dir); i++)
      dir = join(options.folder, `${stamp}-${i}`)
    return dir
  }

  async function start(meta: { mimeType?: unknown }) {
    const { title, slides } = await options.describe()
    const dir = newFolder()
    const recording = new Recording(dir)
    if (options.recogniser)
      recording.captions = liveCaptions(join(dir, 'recording.webm'), options.entry, options.recogniser, options.log)
    const id = `${++count}-${Math.random().toString(36).slice(2, 10)}`
    recordings.set(id, recording)
    recording.entry({
      type: 'start',
      version: RECORDING_LOG_VERSION,
      deck: relative(dirname(options.entry), options.entry),
      title,
      slides,
      mimeType: String(meta.mimeType ?? ''),
      startedAt: new Date().toISOString(),
      camera: options.camera,
    })
    options.log(`● Recording to ${dir}`)
    return { id, dir }
  }

  async function handle(req: IncomingMessage, res: ServerResponse, action: string, query: URLSearchParams) {
    // A custom header: a page of another site cannot send it without a preflight Vite's CORS refuses.
    if (req.method !== 'POST' || req.headers['x-slidev-pipeline'] !== 'recorder')
      return reply(res, 400, { error: 'bad request' })
    if (action === 'start')
      return reply(res, 200, await start(JSON.parse((await body(req)).toString('utf8') || '{}')))
    if (action === 'error') {
      options.log(`Recording could not start in the presenter view: ${(await body(req, 1 << 16)).toString('utf8')}`)
      return reply(res, 200, {})
    }
    const recording = recordings.get(query.get('id') ?? '')
    if (!recording || recording.closed)
      return reply(res, 404, { error: 'no such recording' })
    if (action === 'chunk') {
      recording.chunk(Number(query.get('seq')), await body(req), Number(query.get('t')))
      return reply(res, 200, {})
    }
    if (action === 'log') {
      const entries = JSON.parse((await body(req, 1 << 20)).toString('utf8')) as Record<string, unknown>[]
      for (const entry of entries) {
        recording.entry(entry)
        if (entry.type === 'stop' && entry.reason === 'control') {
          options.log(`■ Recording stopped (${Math.round(Number(entry.t) / 1000)} s): ${recording.dir}`)
          recording.finalize(options.log)
        }
      }
      return reply(res, 200, {})
    }
    return reply(res, 404, { error: 'unknown action' })
  }

  async function finish(server?: ViteDevServer) {
    const open = () => [...recordings.values()].filter(r => !r.closed && !r.stopped)
    if (open().length && server) {
      server.ws.send({ type: 'custom', event: STOP_EVENT })
      const until = Date.now() + STOP_GRACE_MS
      while (open().length && Date.now() < until)
        await new Promise(resolve => setTimeout(resolve, 50))
    }
    for (const recording of recordings.values()) {
      if (recording.closed)
        continue
      if (!recording.stopped)
        recording.entry({ type: 'stop', t: recording.lastT, reason: 'server' })
      await recording.finalize(options.log)
      options.log(`■ Recording saved: ${recording.dir}`)
      // The captions' last minute takes seconds here; left undone, the render does it.
      if (recording.captions && !recording.captioned) {
        options.log('  recognising the last minute for the captions (Ctrl-C again to leave it to the video)')
        await Promise.race([recording.finishing, new Promise(resolve => setTimeout(resolve, CAPTIONS_GRACE_MS))])
      }
      recording.close()
    }
  }

  const plugin: Plugin = {
    name: 'slidev-pipeline:recorder',
    apply: 'serve',
    resolveId(id) {
      if (id === ENTRY_ID || id === CLIENT_ID)
        return `\0${id}`
    },
    load(id) {
      if (id === `\0${CLIENT_ID}`)
        return readFileSync(RECORDER_CLIENT, 'utf8')
      if (id === `\0${ENTRY_ID}`)
        return `import { startRecorder } from '${CLIENT_ID}'\nstartRecorder(${JSON.stringify({ endpoint: RECORDER_PATH, camera: options.camera, stopEvent: STOP_EVENT })}, import.meta.hot)\n`
    },
    configureServer(server) {
      server.middlewares.use(RECORDER_PATH, (req, res) => {
        const url = new URL(req.url ?? '/', 'http://localhost')
        handle(req, res, url.pathname.replace(/^\/+/, ''), url.searchParams).catch(error => reply(res, 500, { error: String(error?.message ?? error) }))
      })
      // However the server closes (Ctrl-C, SIGTERM, stdin closed: Vite's own handlers call close()), the recordings end first.
      const close = server.close.bind(server)
      server.close = async () => {
        await finish(server)
        return close()
      }
    },
  }
  return { plugin, finish }
}
