/**
 * A deck whose own index.html puts a note in <body> (fixtures/index-html-deck,
 * as a real talk repository did: "Go to /dist to view slides for this talk!").
 * Slidev merges that file into its page, so the note printed as a page of its
 * own and the export failed: "Chromium printed 37 pages for 36 slides". The
 * PDF is the slides, and the note is named once, as a warning.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixture } from './helpers/paths'
import { inDeck, linkPackages, pages, TIMEOUT } from './helpers/user-deck'

let work: string
let deck: string
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'index-html-deck-'))
  deck = join(work, 'my talks', 'index html deck')
  mkdirSync(join(work, 'my talks'))
  cpSync(fixture('index-html-deck'), deck, { recursive: true })
  linkPackages(deck)
})
afterAll(() => {
  if (work)
    rmSync(work, { recursive: true, force: true })
})

describe('a deck whose index.html adds to the page', () => {
  it('prints one page per slide, and names what it left out once', async () => {
    const { code, output } = await inDeck(deck, 'export', [])
    expect(code, output).toBe(0)
    expect(await pages(join(deck, 'exports', 'index-html-deck.pdf'))).toBe(2)
    const lines = output.split('\n').filter(l => /outside the slides/.test(l))
    expect(lines, output).toHaveLength(1)
    expect(lines[0], output).toMatch(/outside slides: the page's <body> holds "Go to \/dist to view the slides of this talk!" outside the slides \(from the deck's index\.html\?\): it is left out of the PDF/)
  }, TIMEOUT)
})
