/**
 * The pipeline on a plain deck this project did not write (fixtures/plain-deck:
 * default theme, no config, no components; v-click, code, two-cols, end), run
 * as a new user would: from the deck's own folder under "my talks/", outside
 * the project, with no file of the toolkit's in the deck. `check` passes,
 * `export` builds and writes the PDF, and `all` writes the rest from that build.
 * (Slidev's starter is test/starter-deck.gate.test.ts: a file of its own, so
 * the two decks build side by side.)
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadDeck } from '../src/support/deck'
import { fixture } from './helpers/paths'
import { inDeck, pages, TIMEOUT } from './helpers/user-deck'

let work: string
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'plain-deck-'))
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
    // One line per cause (issue 33): the default theme's wish for "Avenir Next" (no @font-face; not installed
    // here) is no font problem of the deck's, and its web fonts are the blocked request's one line;
    // the code block's tokens are the code theme's colours, not contrast problems; nothing overflows.
    const gate = output.slice(output.indexOf('checks:'))
    expect(gate, gate).not.toMatch(/font "/)
    expect(gate.match(/fonts\.googleapis\.com/g) ?? [], gate).toHaveLength(1)
    expect(gate, gate).not.toMatch(/text "(?:function|greet|[({`])"|extends past/)
    // Nothing of the toolkit's in the deck: its exports, the build cache, and Vite's cache folders (node_modules/.vite*).
    expect(readdirSync(deck).filter(n => !['.slidev', 'exports', 'node_modules'].includes(n))).toEqual(['slides.md'])
    if (existsSync(join(deck, 'node_modules')))
      expect(readdirSync(join(deck, 'node_modules')).every(n => n.startsWith('.'))).toBe(true)
  }, TIMEOUT)

  it('`all` reuses that build for the PNGs, the handout and the video', async () => {
    const { code, output } = await inDeck(deck, 'all', [])
    expect(code, output).toBe(0)
    expect(output).toMatch(/build: reused/)
    expect(readdirSync(join(deck, 'exports', 'plain-deck-png'))).toEqual(['01.png', '02.png', '03.png', '04.png', '05.png'])
    // A cover, then the five slides two to a page; no references pages (the deck has no config).
    expect(await pages(join(deck, 'exports', 'plain-deck-handout.pdf'))).toBe(1 + 3)
    expect(existsSync(join(deck, 'exports', 'plain-deck.mp4'))).toBe(true)
    expect(readFileSync(join(deck, 'exports', 'plain-deck.vtt'), 'utf8')).toMatch(/^WEBVTT/)
  }, TIMEOUT)
})
