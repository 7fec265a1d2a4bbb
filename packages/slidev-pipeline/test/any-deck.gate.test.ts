/**
 * The pipeline on decks this project did not write, run as a new user would:
 * from the deck's own folder, under a path with a space, outside the project,
 * with no file of the toolkit's in the deck.
 *
 * - a plain deck (test/fixtures/plain-deck: default theme, no config, no
 *   components; v-click, code, two-cols, end): `check` passes, and `export`,
 *   `export png`, `handout` and `video` write their files from one build;
 * - Slidev's starter, as `npm create slidev` makes it (the template of the
 *   pinned create-slidev, copied at test time, with its packages linked in as
 *   `npm install` would give them): `check` and `export` stop naming each
 *   remote image with file and line; `export --force` writes a PDF with one
 *   page per slide, the remote files blocked.
 *
 * One build per deck.
 */
import { execFile } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { PDFDocument } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadDeck } from '../src/support/deck'
import { cli } from './helpers/cli'
import { fixture, installDir } from './helpers/paths'

const run = promisify(execFile)
const TIMEOUT = 400_000

let work: string

/** Runs one of the toolkit's commands (`slidev-pipeline <name>`) with the deck's folder as the working directory. */
async function inDeck(deck: string, name: string, args: string[]) {
  try {
    const { stdout, stderr } = await run(cli, [name, ...args], { cwd: deck, env: { ...process.env, PWD: deck }, timeout: TIMEOUT, maxBuffer: 1 << 24 })
    return { code: 0, output: stdout + stderr }
  }
  catch (error: any) {
    return { code: error.code as number, output: `${error.stdout}${error.stderr}` }
  }
}

const pages = async (file: string) => (await PDFDocument.load(readFileSync(file))).getPageCount()

/** A deck's packages as `npm install` in its folder would give them: linked from the project's (no Vite cache). */
function linkPackages(deck: string) {
  mkdirSync(join(deck, 'node_modules'))
  for (const name of readdirSync(join(installDir, 'node_modules')).filter(n => n !== '.vite' && n !== '.cache' && n !== '.bin'))
    symlinkSync(join(installDir, 'node_modules', name), join(deck, 'node_modules', name))
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'any-deck-'))
})
afterAll(() => {
  if (work)
    rmSync(work, { recursive: true, force: true })
})

describe('a plain Slidev deck, under "my talks/"', () => {
  let deck: string
  beforeAll(() => {
    deck = join(work, 'my talks', 'plain deck')
    mkdirSync(dirname(deck), { recursive: true })
    cpSync(fixture('plain-deck'), deck, { recursive: true })
  })

  it('`check` has nothing to stop for, and says nothing of this talk\'s conventions', async () => {
    const { code, output } = await inDeck(deck, 'check', ['slides.md'])
    expect(code, output).toBe(0)
    expect(output).not.toMatch(/talkDate|speaker is still|no speaker is set|sources? to re-read|data\/sources/)
  })

  it('`export` writes one PDF page per slide, beside the deck, with no vite.config.ts in it', async () => {
    const { code, output } = await inDeck(deck, 'export', [])
    expect(code, output).toBe(0)
    expect(output).toMatch(/build: built/)
    const slides = (await loadDeck(join(deck, 'slides.md'))).slides.length
    expect(slides).toBe(5)
    expect(await pages(join(deck, 'exports', 'plain-deck.pdf'))).toBe(slides)
    // Nothing of the toolkit's in the deck: its exports, the build cache, and Vite's cache folders (node_modules/.vite*).
    expect(readdirSync(deck).filter(n => !['.slidev', 'exports', 'node_modules'].includes(n))).toEqual(['slides.md'])
    if (existsSync(join(deck, 'node_modules')))
      expect(readdirSync(join(deck, 'node_modules')).every(n => n.startsWith('.'))).toBe(true)
  }, TIMEOUT)

  it('`png`, `handout` and `video` reuse that build', async () => {
    const png = await inDeck(deck, 'png', [])
    expect(png.code, png.output).toBe(0)
    expect(png.output).toMatch(/build: reused/)
    expect(readdirSync(join(deck, 'exports', 'plain-deck-png'))).toEqual(['01.png', '02.png', '03.png', '04.png', '05.png'])

    const handout = await inDeck(deck, 'handout', [])
    expect(handout.code, handout.output).toBe(0)
    // A cover, then the five slides two to a page; no references pages (the deck has no config).
    expect(await pages(join(deck, 'exports', 'plain-deck-handout.pdf'))).toBe(1 + 3)

    const video = await inDeck(deck, 'video', [])
    expect(video.code, video.output).toBe(0)
    expect(video.output).toMatch(/build: reused/)
    expect(existsSync(join(deck, 'exports', 'plain-deck.mp4'))).toBe(true)
    expect(readFileSync(join(deck, 'exports', 'plain-deck.vtt'), 'utf8')).toMatch(/^WEBVTT/)
  }, TIMEOUT)
})

describe('the starter deck of Slidev (npm create slidev), under "my talks/"', () => {
  let deck: string
  let file: string
  const template = join(dirname(createRequire(import.meta.url).resolve('create-slidev/package.json')), 'template')
  /** Every remote image of the starter, as the lines of its slides.md name them (not those shown as code). */
  const remote = () => {
    let code = false
    return readFileSync(file, 'utf8').split('\n').flatMap((line, i) => {
      if (/^\s*(?:`{3,}|~{3,})/.test(line))
        code = !code
      return code ? [] : Array.from(line.matchAll(/(?:background|image): (https:\/\/\S+)|src="(https:\/\/[^"]+)"/g), m => ({ url: (m[1] ?? m[2])!, line: i + 1 }))
    })
  }
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

  beforeAll(() => {
    deck = join(work, 'my talks', 'starter')
    cpSync(template, deck, { recursive: true })
    linkPackages(deck)
    file = join(deck, 'slides.md')
  })

  it('`check` and `export` stop, naming each remote image with its file and line', async () => {
    const images = remote()
    expect(images.length).toBeGreaterThanOrEqual(8)
    for (const command of [['check', 'slides.md'], ['export', 'slides.md']]) {
      const { code, output } = await inDeck(deck, command[0]!, command.slice(1))
      expect(code, output).not.toBe(0)
      for (const { url, line } of images)
        expect(output, url).toMatch(new RegExp(`slides\\.md:${line}: slide \\d+: remote asset ${escape(url)}`))
    }
    expect(existsSync(join(deck, 'exports'))).toBe(false)
  }, TIMEOUT)

  it('`export --force` writes one PDF page per slide, its remote files blocked', async () => {
    const { code, output } = await inDeck(deck, 'export', ['--force'])
    expect(code, output).toBe(0)
    expect(output).toMatch(/request to https:\/\/\S+ blocked/)
    // No false alarms: KaTeX's MathML is hidden for screen readers, Monaco's scroll area draws only the lines
    // that show, and a background image is named by the address the deck wrote, not as the page "/".
    expect(output).not.toMatch(/katex-mathml|monaco-scrollable-element|lines-content|image \/ did not load/)
    // The real problems still are: every remote image that did not load, the backgrounds (`background:`,
    // `image:`) at the line that names them (others at the slide's first mention, which may be its code sample).
    for (const { url, line } of remote()) {
      const named = `(?:image ${escape(url)} did not load|request to ${escape(url)}/? blocked)`
      expect(output, url).toMatch(new RegExp(`slides\\.md:\\d+: slide \\d+ "[^"]*"(?:, click \\d+)?: ${named}`))
      if (url === 'https://cover.sli.dev')
        expect(output, url).toMatch(new RegExp(`slides\\.md:${line}: slide \\d+ "[^"]*", click \\d+: image ${escape(url)} did not load`))
    }
    const slides = (await loadDeck(file)).slides.length
    expect(await pages(join(deck, 'exports', 'starter.pdf'))).toBe(slides)
  }, TIMEOUT)
})
