/**
 * The deck is read once (issue 32, "One deck model, parsed once"): loadDeck
 * keeps every file's lines, a `src:` import's included, and the deck check
 * and the gate's reporter work from that loaded deck without reading its
 * Markdown again. On fixtures/titles-deck (slides.md and a page in pages/).
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { reportGate } from '../src/capture/gate/report'
import { inspectDeck } from '../src/check/deck-check'
import { loadDeck } from '../src/support/deck'
import { fixture } from './helpers/paths'

const work = mkdtempSync(join(tmpdir(), 'deck-model-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('the loaded deck', () => {
  it('holds every slide\'s file and its lines, one array per file', async () => {
    const deck = await loadDeck(fixture('titles-deck', 'slides.md'))
    const files = new Set(deck.slides.map(s => s.file))
    expect(files).toEqual(new Set(['slides.md', join('pages', 'picture.md')]))
    for (const slide of deck.slides) {
      expect(slide.lines.length, `slide ${slide.no}`).toBeGreaterThan(slide.start)
      expect(slide.lines, `slide ${slide.no}`).toBe(deck.slides.find(s => s.filepath === slide.filepath)!.lines)
    }
  })

  it('is checked and reported on without its Markdown files being read again', async () => {
    const dir = join(work, 'titles')
    cpSync(fixture('titles-deck'), dir, { recursive: true })
    const deck = await loadDeck(join(dir, 'slides.md'))
    const fromFiles = await inspectDeck(join(dir, 'slides.md'))
    // A problem on the slide written in pages/picture.md: named at that file's line.
    const page = deck.slides.find(s => s.file !== 'slides.md')!
    const problem = { check: 'overflow', slide: page.no, step: 0, message: 'a problem with no needle' }
    const reported = reportGate({ problems: [problem], slides: deck.slides, cwd: dir })
    // The deck's Markdown gone: a second read would fail, or find nothing.
    for (const file of new Set(deck.slides.map(s => s.filepath)))
      rmSync(file)
    expect(await inspectDeck(deck)).toEqual(fromFiles)
    expect(reportGate({ problems: [problem], slides: deck.slides, cwd: dir })).toEqual(reported)
    expect(reported.stopping[0]).toMatch(new RegExp(`^pages/picture\\.md:\\d+: slide ${page.no} `))
  })
})
