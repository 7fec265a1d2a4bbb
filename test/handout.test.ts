import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api'
import type { Deck } from 'slidev-pipeline'
import type { HandoutLayout } from 'slidev-pipeline/testing'
/**
 * The attendee handout (`npm run handout`, packages/slidev-pipeline/src/outputs/handout/), checked in the PDF it writes: the
 * real deck (reusing the global setup's slide export) and a fixture deck whose
 * second slide has notes longer than a page. The fixture's notes are what it
 * tests, so its slides are three pages of the real slides PDF (`--slides`):
 * no build of its own. `npm run handout` printing its own slides is tested in
 * test/paths.test.ts.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import jsQR from 'jsqr'
import { PDFDocument } from 'pdf-lib'
import { PLACEHOLDER_AUTHOR, speakerOf } from 'slidev-pipeline'
import { loadDeck, runPipeline, speakable } from 'slidev-pipeline/testing'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { sources } from '../data'
import { coverLinks } from '../deck.config'
import { chromiumForFile } from '../packages/slidev-pipeline/test/helpers/browser'
import { elementsOf, fontsOf, openPdf, pageText, readStructure, renderPages } from '../packages/slidev-pipeline/test/helpers/pdf'
import { root } from './helpers/root'

const fixtureEntry = join(root, 'test/fixtures/handout-long-notes/slides.md')
const browser = chromiumForFile()

interface Built { file: string, pdf: PDFDocumentProxy, deck: Deck, texts: string[], layout: HandoutLayout }

/** `npm run handout` as a function: the pipeline with the handout alone. */
async function buildHandout(options: { entry?: string, slidesPdf: string, output: string }) {
  const result = await runPipeline({ entry: options.entry, artifacts: ['handout'], slidesPdf: options.slidesPdf, outputs: { handout: options.output }, browser: browser() })
  return { output: options.output, layout: result.handout! }
}

/** Text compared without whitespace and with typographic quotes made plain. */
const flat = (text: string) => text.normalize('NFKC').replace(/[‘’ʼ]/g, '\'').replace(/[“”]/g, '"').replace(/\s+/g, '')

async function open(file: string, entry?: string): Promise<Built> {
  const pdf = await openPdf(file)
  const texts: string[] = []
  for (let i = 1; i <= pdf.numPages; i++)
    texts.push(await pageText(await pdf.getPage(i)))
  return { file, pdf, deck: await loadDeck(entry), texts, layout: undefined as never }
}

async function links(pdf: PDFDocumentProxy, pageNo: number) {
  const annots = await (await pdf.getPage(pageNo)).getAnnotations()
  return annots.filter(a => a.subtype === 'Link' && a.url) as { url: string, rect: number[] }[]
}

/** Renders page 1 and decodes every square link (a QR code) on it. */
async function decodeCoverQrCodes(built: Built) {
  const [png] = renderPages(built.file, 150, 1, 1)
  const scale = 150 / 72
  const pageHeight = (await built.pdf.getPage(1)).view[3]
  const squares = (await links(built.pdf, 1)).filter(a => Math.abs((a.rect[2] - a.rect[0]) - (a.rect[3] - a.rect[1])) < 1 && a.rect[2] - a.rect[0] > 50)
  return squares.map((a) => {
    const [x1, y1, x2, y2] = a.rect
    const left = Math.floor(x1 * scale)
    const top = Math.floor((pageHeight - y2) * scale)
    const width = Math.ceil((x2 - x1) * scale)
    const height = Math.ceil((y2 - y1) * scale)
    const crop = new Uint8ClampedArray(width * height * 4)
    for (let y = 0; y < height; y++)
      crop.set(png.data.subarray(((top + y) * png.width + left) * 4, ((top + y) * png.width + left + width) * 4), y * width * 4)
    return { link: a.url, decoded: jsQR(crop, width, height)?.data }
  })
}

async function expectFontsEmbedded(file: string) {
  const fonts = await fontsOf(file)
  expect(fonts.length).toBeGreaterThan(0)
  for (const font of fonts)
    expect(font.embedded, `${font.name} is not embedded`).toBe(true)
}

let work: string
let real: Built
let fixture: Built

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'handout-test-'))
  // Stand-in slides for the three-slide fixture: the first three pages of the real slides PDF.
  const slides = await PDFDocument.load(await readFile(inject('slidesPdf')))
  const standIn = await PDFDocument.create()
  for (const page of await standIn.copyPages(slides, [0, 1, 2]))
    standIn.addPage(page)
  const fixtureSlides = join(work, 'fixture-slides.pdf')
  await writeFile(fixtureSlides, await standIn.save())
  const [a, b] = await Promise.all([
    buildHandout({ slidesPdf: inject('slidesPdf'), output: join(work, 'handout.pdf') }),
    buildHandout({ entry: fixtureEntry, slidesPdf: fixtureSlides, output: join(work, 'fixture.pdf') }),
  ])
  real = { ...await open(a.output), layout: a.layout }
  fixture = { ...await open(b.output, fixtureEntry), layout: b.layout }
})

afterAll(async () => {
  await Promise.all([real?.pdf.destroy(), fixture?.pdf.destroy()])
  await rm(work, { recursive: true, force: true })
})

describe('handout of the deck', () => {
  it('has a cover, two slides per page, then the references', () => {
    const { deck, pdf, texts } = real
    const bodyPages = Math.ceil(deck.slides.length / 2)
    const referencePages = pdf.numPages - 1 - bodyPages
    expect(referencePages).toBeGreaterThanOrEqual(1)
    expect(referencePages).toBeLessThanOrEqual(Math.ceil(Object.keys(sources).length / 15))
    expect(flat(texts[1 + bodyPages])).toContain('References')
    for (const page of texts.slice(1 + bodyPages))
      expect(Object.values(sources).some(s => page.includes(s.url))).toBe(true)
  })

  it('shows each slide whole, as the slides PDF prints it (in its final click state: test/pdf.test.ts)', async () => {
    const slides = await openPdf(inject('slidesPdf'))
    for (const slide of real.deck.slides) {
      const printed = flat(await pageText(await slides.getPage(slide.no)))
      expect(printed.length, `slide ${slide.no} has text in the slides PDF`).toBeGreaterThan(0)
      expect(flat(real.texts[1 + Math.floor((slide.no - 1) / 2)]), `slide ${slide.no}`).toContain(printed)
    }
    await slides.destroy()
  })

  it('puts each slide with the start of its notes on the right page', () => {
    for (const slide of real.deck.slides) {
      const page = flat(real.texts[1 + Math.floor((slide.no - 1) / 2)])
      const firstWords = speakable(slide.notes).split(' ').slice(0, 8).join(' ')
      expect(page, `slide ${slide.no}`).toContain(flat(`${slide.no} ${slide.title}`))
      expect(page, `slide ${slide.no}`).toContain(flat(firstWords))
    }
  })

  it('lists every source with title, publisher and date, each URL a live link', async () => {
    const start = 1 + Math.ceil(real.deck.slides.length / 2)
    const text = flat(real.texts.slice(start).join(''))
    const urls = new Set<string>()
    for (let p = start + 1; p <= real.pdf.numPages; p++)
      (await links(real.pdf, p)).forEach(l => urls.add(l.url))
    for (const s of Object.values(sources)) {
      expect(text).toContain(flat(`${s.title}`))
      expect(text).toContain(flat(`${s.publisher}, ${s.date}.`))
      expect(urls, s.url).toContain(s.url)
    }
  })

  it('has cover QR codes that decode to exactly the URLs printed beneath them', async () => {
    const expected = coverLinks(real.deck.headmatter).map(l => l.url)
    const codes = await decodeCoverQrCodes(real)
    expect(codes.map(c => c.decoded)).toEqual(expected)
    expect(codes.map(c => c.link)).toEqual(expected)
    const cover = flat(real.texts[0])
    for (const url of expected)
      expect(cover).toContain(url)
    const speaker = speakerOf(real.deck.headmatter)
    if (speaker)
      expect(cover).toContain(flat(speaker))
    expect(cover).not.toContain(flat(PLACEHOLDER_AUTHOR))
    expect(cover).toContain(flat(String(real.deck.headmatter.event)))
  })

  it('has an outline entry per slide pointing at its page, and metadata', async () => {
    const outline = await real.pdf.getOutline()
    const entries = outline.flatMap(function walk(item): typeof outline { return [item, ...item.items.flatMap(walk)] })
    for (const slide of real.deck.slides) {
      const entry = entries.find(e => e.title === `${slide.no} ${slide.title}`)
      expect(entry, `slide ${slide.no}`).toBeDefined()
      const pageIndex = await real.pdf.getPageIndex((entry!.dest as any[])[0])
      expect(pageIndex).toBe(1 + Math.floor((slide.no - 1) / 2))
    }
    const info = (await real.pdf.getMetadata()).info as Record<string, string>
    expect(info.Title).toBe(real.deck.headmatter.title)
    expect(info.Author).toBe(speakerOf(real.deck.headmatter))
    expect(info.Subject).toContain('restates')
    expect(info.Keywords).toContain('AKS')
  })

  it('keeps the links of the slides live', async () => {
    const slides = await openPdf(inject('slidesPdf'))
    let carried = 0
    for (const slide of real.deck.slides) {
      const own = (await links(slides, slide.no)).map(l => l.url)
      const onPage = (await links(real.pdf, 2 + Math.floor((slide.no - 1) / 2))).map(l => l.url)
      expect(onPage, `slide ${slide.no}`).toEqual(expect.arrayContaining(own))
      carried += own.length
    }
    await slides.destroy()
    expect(carried).toBeGreaterThan(0)
  })

  it('fails on slides that do not match the deck and leaves the last handout alone', async () => {
    const before = await readFile(real.file)
    await expect(buildHandout({ entry: fixtureEntry, slidesPdf: inject('slidesPdf'), output: real.file }))
      .rejects
      .toThrow(/has \d+ pages but .* has 3 slides/)
    expect((await readFile(real.file)).equals(before)).toBe(true)
  })

  it('is tagged, in English: QR codes and stamped slides are Figures with alt text, the slides\' links Link elements', async () => {
    const [structure, slides] = await Promise.all([readStructure(real.file), readStructure(inject('slidesPdf'))])
    expect(structure.marked).toBe(true)
    expect(structure.lang).toBe('en')
    expect(structure.displayTitle).toBe(true)
    structure.pages.forEach((tree, i) => elementsOf(tree, 'Figure').forEach(f => expect(f.alt?.trim(), `page ${i + 1}: a Figure without alt text`).toBeTruthy()))
    // The cover: each QR code says where it leads.
    const qr = elementsOf(structure.pages[0]!, 'Figure').map(f => f.alt)
    expect(qr).toEqual(coverLinks(real.deck.headmatter).map(l => `QR code: ${l.url}`))
    for (const slide of real.deck.slides) {
      const tree = structure.pages[1 + Math.floor((slide.no - 1) / 2)]!
      const figure = elementsOf(tree, 'Figure').find(f => f.alt?.startsWith(`Slide ${slide.no}: `))
      expect(figure, `slide ${slide.no} is a Figure`).toBeDefined()
      // Its alt text: the slide's title and text as the slides PDF's structure reads, charts by their alt text.
      expect(flat(figure!.alt!), `slide ${slide.no}`).toContain(flat(slide.title))
      for (const chart of elementsOf(slides.pages[slide.no - 1]!, 'Figure'))
        expect(figure!.alt, `slide ${slide.no}`).toContain(chart.alt!)
      // The stamped slide is the Figure's content, not loose marks on the page.
      expect(flat(figure!.text), `slide ${slide.no}`).toContain(flat(slide.title))
    }
    const links = structure.pages.slice(1).flatMap(t => elementsOf(t, 'Link'))
    const carried = links.filter(l => l.alt?.startsWith('http'))
    expect(carried.length).toBeGreaterThan(20)
    carried.forEach(l => expect(l.annotations).toBe(1))
  })

  it('embeds every font and has no blank page', async () => {
    await expectFontsEmbedded(real.file)
    real.texts.forEach((text, i) => expect(text.trim().length, `page ${i + 1}`).toBeGreaterThan(100))
  })
})

describe('handout of a deck with very long notes', () => {
  it('gives the long notes a page of their own and keeps every word', () => {
    const { texts, deck, layout } = fixture
    expect(layout.slides.map(s => s.page)).toEqual([2, 3, 4])
    expect(layout.shrunk).toEqual([2])
    const page = flat(texts[2])
    expect(page).toContain(flat('2 A slide with very long notes'))
    expect(page).toContain(flat(speakable(deck.slides[1].notes.replace(/^\s*- /gm, ''))))
    expect(page).toContain(flat('These are the very last words of the long notes.'))
    expect(texts.filter(t => flat(t).includes('Paragraph24'))).toHaveLength(1)
  })

  it('sets the last line of the long notes above the footer, inside the page', async () => {
    const { items } = await (await fixture.pdf.getPage(3)).getTextContent()
    const words = items.filter(item => 'str' in item && item.str.trim()) as { str: string, transform: number[] }[]
    const last = words.filter(w => w.str === 'notes.').at(-1)!
    const footer = words.find(w => w.str.startsWith('Page'))!
    expect(last.transform[5]).toBeGreaterThan(footer.transform[5] + 10)
    expect(last.transform[4]).toBeGreaterThan(30)
  })

  it('renders the Markdown of the notes and strips the click markers', async () => {
    const page = fixture.texts[2]
    expect(page).not.toContain('[click]')
    expect(fixture.texts[1]).not.toContain('[click]')
    expect((await links(fixture.pdf, 3)).map(l => l.url)).toContain('https://learn.microsoft.com/azure/azure-linux/')
    // Regular, bold, italic and code text use different fonts.
    const { items } = await (await fixture.pdf.getPage(3)).getTextContent()
    const fontOf = (word: string) => (items.find(item => 'str' in item && item.str === word) as { fontName: string } | undefined)?.fontName
    const fonts = new Set(['Long', 'Bold', 'Emphasised', 'inline'].map(fontOf))
    expect(fonts).not.toContain(undefined)
    expect(fonts.size).toBe(4)
  })

  it('shows the web version as a fourth QR code', async () => {
    const codes = await decodeCoverQrCodes(fixture)
    expect(codes.map(c => c.decoded)).toEqual([...coverLinks({}).map(l => l.url), 'https://example.org/handout-fixture/'])
    expect(flat(fixture.texts[0])).toContain('https://example.org/handout-fixture/')
  })

  it('embeds every font and has no blank page', async () => {
    await expectFontsEmbedded(fixture.file)
    fixture.texts.forEach((text, i) => expect(text.trim().length, `page ${i + 1}`).toBeGreaterThan(100))
  })
})
