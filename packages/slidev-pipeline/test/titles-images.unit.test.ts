/**
 * The deck check and the deck's titles on fixtures/titles-deck, without a
 * browser. Images named in frontmatter (`image:` of image-left/image-right,
 * `background:` of a cover) are URLs Slidev's layouts put in the page, so the
 * browser loads them from the deck's root, where public/ is served: with or
 * without a leading slash, from slides.md or a page in pages/. A missing one
 * still stops the check with its file and line.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { inspectDeck } from '../src/check/deck-check'
import { fixture } from './helpers/paths'

const work = mkdtempSync(join(tmpdir(), 'titles-images-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

const rel = (file: string) => relative(process.cwd(), file)
const lineOf = (file: string, needle: string) => readFileSync(file, 'utf8').split('\n').findIndex(l => l.includes(needle)) + 1

describe('images named in frontmatter', () => {
  it('finds them in public/: `image: something_bigger.jpg`, `background: /something_bigger.jpg`, and from a page in pages/', async () => {
    const { problems } = await inspectDeck(fixture('titles-deck', 'slides.md'))
    expect(problems).toEqual([])
  })

  it('still names a missing one with its file and line, and where it looked', async () => {
    const deck = join(work, 'missing')
    cpSync(fixture('titles-deck'), deck, { recursive: true })
    const page = join(deck, 'pages', 'picture.md')
    writeFileSync(page, readFileSync(page, 'utf8').replace('image: something_bigger.jpg', 'image: not_there.jpg'))
    const slides = join(deck, 'slides.md')
    writeFileSync(slides, readFileSync(slides, 'utf8').replace('background: /something_bigger.jpg', 'background: /gone/cover.jpg'))
    const { problems } = await inspectDeck(slides)
    expect(problems).toEqual([
      `${rel(slides)}:${lineOf(slides, 'background: /gone/cover.jpg')}: slide 1: image not found: /gone/cover.jpg (a frontmatter image is loaded from the public folder: ${rel(join(deck, 'public', 'gone', 'cover.jpg'))})`,
      `${rel(page)}:${lineOf(page, 'image: not_there.jpg')}: slide 4: image not found: not_there.jpg (a frontmatter image is loaded from the public folder: ${rel(join(deck, 'public', 'not_there.jpg'))})`,
    ])
  })
})
