/**
 * The deck check and the deck's titles on fixtures/titles-deck, without a
 * browser. Images named in frontmatter (`image:` of image-left/image-right,
 * `background:` of a cover) are URLs Slidev's layouts put in the page, so the
 * browser loads them from the deck's root, where public/ is served: with or
 * without a leading slash, from slides.md or a page in pages/. A missing one
 * still stops the check with its file and line. Titles read as plain text.
 * (What the PDF, handout and video show: titles-deck.gate.test.ts.)
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { inspectDeck } from '../src/check/deck-check'
import { loadDeck, plainTitle } from '../src/support/deck'
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

describe('titles as plain text', () => {
  it('renders a title\'s Markdown and drops tags and Vue expressions', () => {
    expect(plainTitle('Talk on **May 1st 2020**')).toBe('Talk on May 1st 2020')
    expect(plainTitle('A picture, from a page in `pages/`')).toBe('A picture, from a page in pages/')
    expect(plainTitle('<Badge>New</Badge> _and_ [linked](https://sli.dev) &amp; more')).toBe('New and linked & more')
    expect(plainTitle('{{ $slidev.configs.title }}')).toBe('')
  })

  it('gives every command the deck\'s titles without Markdown or tags, before anything is drawn', async () => {
    const deck = await loadDeck(fixture('titles-deck', 'slides.md'))
    // The headmatter names no title: Slidev takes the first slide's, and so does every artifact's metadata.
    expect(deck.headmatter.title).toBe('Talk on May 1st 2020')
    const titles = deck.slides.map(s => s.title)
    expect(titles).toHaveLength(5)
    expect(titles[0]).toBe('Talk on May 1st 2020')
    expect(titles[3]).toBe('A picture, from a page in pages/')
    expect(titles[4]).toBe('')
    for (const title of titles)
      expect(title).not.toMatch(/[*<>`]/)
  })
})
