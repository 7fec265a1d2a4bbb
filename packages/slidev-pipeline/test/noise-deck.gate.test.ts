/**
 * A gate people trust is quiet on a good deck (issue 33, items 6-8), on
 * fixtures/noise-deck: every slide does something the gate once took for a
 * problem, and nothing on it is one. A `v-click.up` element near the bottom
 * edge and one of the deck's own slide-in reveals wait past an edge while
 * hidden; a circle with no text, a watermark marked `data-bleed` and an
 * `aria-hidden` swoosh bleed off the slide; a column and a row whose boxes run
 * past the edges paint nothing but text that fits; a code block with `{3}`
 * dims every other line in the theme's colours. The deck loads its fonts from
 * npm and its favicon from public/, as an offline deck does, and undoes the
 * default theme's faded first paragraph. `storyboard` draws and checks every
 * click step: it must print nothing, not even a warning. Copied under a path
 * with a space, its packages linked in as `npm install` would give them.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixture } from './helpers/paths'
import { inDeck, linkPackages, TIMEOUT } from './helpers/user-deck'

let work: string
let deck: string
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'noise-deck-'))
  deck = join(work, 'my talks', 'noise deck')
  mkdirSync(join(work, 'my talks'))
  cpSync(fixture('noise-deck'), deck, { recursive: true })
  linkPackages(deck)
})
afterAll(() => {
  if (work)
    rmSync(work, { recursive: true, force: true })
})

describe('a good deck, every click step checked', () => {
  it('prints no problem and no warning: hidden reveals, bleeds, boxes larger than their text and dimmed code lines are intent', async () => {
    const { code, output } = await inDeck(deck, 'storyboard', [])
    expect(code, output).toBe(0)
    expect(output, output).toMatch(/checks: 0 problems/)
    expect(output, output).not.toMatch(/warning|extends past|cuts its content|contrast|font "/i)
    expect(existsSync(join(deck, 'exports', 'noise-deck-storyboard.pdf'))).toBe(true)
  }, TIMEOUT)
})
