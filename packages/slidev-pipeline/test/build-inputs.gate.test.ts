/**
 * The build cache notices every kind of input a deck's build is made from
 * (issue 33, item 1), on fixtures/inputs-deck: a local theme folder
 * (`theme: ./my-theme`, its layouts/cover.vue), a root style.css,
 * unocss.config.ts, a slide imported with `src:` from parts/ (not pages/),
 * a file in public/, and a root styles.css that does not exist at first.
 * Each but the public file draws text into the PDF.
 *
 * One build first, then a reuse. Then each input alone is edited (or the new
 * file written), and the cache must refuse the build, then take it again once
 * the edit is undone. Then all that draw are edited at once and exported: one
 * rebuild, and the PDF shows every edit, where the user sees it. (Today's code, with
 * its list of folders, reused the first build after those edits and printed
 * the old text.) Copied under a path with a space, its packages linked in as
 * `npm install` would give them, run with the CLI as a user would.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findCachedBuild } from '../src/build/build'
import { fixture } from './helpers/paths'
import { readPdf } from './helpers/pdf'
import { inDeck, linkPackages, TIMEOUT } from './helpers/user-deck'

/** Each input the build reads, as a file and an edit of it; `from: undefined` writes a new file. */
const EDITS = [
  { file: 'my-theme/layouts/cover.vue', from: 'Theme cover version one', to: 'Theme cover version two' },
  { file: 'style.css', from: 'Root style version one', to: 'Root style version two' },
  { file: 'unocss.config.ts', from: 'UnoCSS config version one', to: 'UnoCSS config version two' },
  { file: 'parts/imported.md', from: 'Imported text version one', to: 'Imported text version two' },
  { file: 'styles.css', from: undefined, to: '.styles-mark::after { content: \'New styles file\'; }\n' },
]
/** The public file is copied into the build, not drawn. */
const PUBLIC_EDIT = { file: 'public/note.txt', from: 'public version one', to: 'public version two' }
const DRAWN_AFTER = [...EDITS.slice(0, 4).map(e => e.to), 'New styles file']

let work: string
let deck: string
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'inputs-deck-'))
  deck = join(work, 'my talks', 'inputs deck')
  mkdirSync(join(work, 'my talks'))
  cpSync(fixture('inputs-deck'), deck, { recursive: true })
  linkPackages(deck)
})
afterAll(() => {
  if (work)
    rmSync(work, { recursive: true, force: true })
})

async function exported() {
  const { code, output } = await inDeck(deck, 'export', ['slides.md'])
  expect(code, output).toBe(0)
  const key = /build: (?:built|reused) (\w+)/.exec(output)?.[1]
  const text = (await readPdf(join(deck, 'exports', 'inputs-deck.pdf'))).pages.map(p => p.text).join('\n').replace(/\s+/g, ' ')
  return { output, key: key!, text }
}

/** Applies an edit; returns what undoes it. */
function apply(edit: { file: string, from?: string, to: string }): () => void {
  const path = join(deck, edit.file)
  if (edit.from === undefined) {
    writeFileSync(path, edit.to)
    return () => rmSync(path)
  }
  const before = readFileSync(path, 'utf8')
  expect(before).toContain(edit.from)
  writeFileSync(path, before.replace(edit.from, edit.to))
  return () => writeFileSync(path, before)
}

const cached = () => findCachedBuild({ entry: join(deck, 'slides.md') })?.key

describe('the build cache, on a deck with a local theme, root CSS, a UnoCSS config and src: imports', () => {
  let first: Awaited<ReturnType<typeof exported>>

  it('builds once, then reuses the build while nothing changed', async () => {
    first = await exported()
    expect(first.output).toMatch(/build: built/)
    for (const edit of [...EDITS.slice(0, 4)])
      expect(first.text).toContain(edit.from)
    expect(first.text).not.toContain('New styles file')
    const again = await exported()
    expect(again.output).toMatch(/build: reused/)
    expect(again.key).toBe(first.key)
  }, TIMEOUT)

  it('refuses the build after an edit of any one input, and takes it again once the edit is undone', () => {
    expect(cached()).toBe(first.key)
    for (const edit of [...EDITS, PUBLIC_EDIT]) {
      const undo = apply(edit)
      expect(cached(), `${edit.file} edited, yet the build made before would be reused`).toBeUndefined()
      undo()
      expect(cached(), `${edit.file} restored`).toBe(first.key)
    }
  })

  it('rebuilds after editing them all, and the PDF shows every edit', async () => {
    // Not the public file: the list of folders had public/ in it, and its edit alone rebuilt.
    for (const edit of EDITS)
      apply(edit)
    const after = await exported()
    expect(after.output).toMatch(/build: built/)
    expect(after.key).not.toBe(first.key)
    for (const text of DRAWN_AFTER)
      expect(after.text).toContain(text)
    for (const edit of EDITS.slice(0, 4))
      expect(after.text).not.toContain(edit.from)
  }, TIMEOUT)
})
