/**
 * Fonts judged by what is drawn, and a theme's missing file named by the
 * stylesheet that asked for it (issue 33, items 5 and 8), on fixtures/fonts-deck:
 * a local theme whose `@font-face` for the title font (in its default layout's
 * `<style>`, which loads after the deck's styles, so Chromium asks for it
 * first) 404s while the deck's own copy of the same family loads and the
 * titles are drawn in it (today's check said "failed to load" on every title); a
 * title in a font declared for its Latin subset only, with one character outside
 * it (drawn in that font but for the apostrophe: a guard, it must stay quiet); a
 * theme that wishes for "Avenir Next", which this machine does not have and
 * no `@font-face` declares (today's check named it on every slide); and one
 * font the deck really lacks ("Brand Sans",
 * whose file is missing). Only that one is a font problem, once; each 404
 * names the stylesheet line that asked for the file.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixture } from './helpers/paths'
import { inDeck, linkPackages, TIMEOUT } from './helpers/user-deck'

let work: string
let deck: string
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'fonts-deck-'))
  deck = join(work, 'my talks', 'fonts deck')
  mkdirSync(join(work, 'my talks'))
  cpSync(fixture('fonts-deck'), deck, { recursive: true })
  linkPackages(deck)
})
afterAll(() => {
  if (work)
    rmSync(work, { recursive: true, force: true })
})

describe('fonts, as drawn', () => {
  let output: string
  beforeAll(async () => {
    const result = await inDeck(deck, 'export', ['--force'])
    output = result.output
    expect(result.code, output).toBe(0)
  }, TIMEOUT)

  it('names the one font the deck lacks, once, with the fallback it is drawn in', () => {
    const fonts = output.split('\n').filter(l => /font "/.test(l))
    expect(fonts, output).toHaveLength(1)
    expect(fonts[0], output).toMatch(/slides\.md:\d+: slide 3 "The brand font", click 0: font "Brand Sans" failed to load: "Set in the brand font[^"]*" is drawn in the fallback "[^"]+"/)
  })

  it('says nothing of a font drawn from the deck\'s copy, a subset missing one character, or a theme\'s wish for an installed font', () => {
    expect(output, output).not.toMatch(/font "(?:Deck Serif|Title Serif|Avenir Next)"/)
  })

  it('names the stylesheet, and its line, that asked for each missing file', () => {
    expect(output, output).toMatch(/HTTP 404 for \/fonts\/theme-serif\.woff2 \(asked for by my-theme\/layouts\/default\.vue:11\)/)
    expect(output, output).toMatch(/HTTP 404 for \/fonts\/brand-sans\.woff2 \(asked for by styles\/index\.css:17\)/)
  })
})
