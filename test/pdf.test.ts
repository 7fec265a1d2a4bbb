import type { Deck } from '../packages/slidev-pipeline/src/support/deck'
import type { PdfReport } from './helpers/pdf'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pixelmatch from 'pixelmatch'
/**
 * The exported slides PDF (`npm run export`, run once in test/global-setup.ts),
 * checked as a reader and an organiser would check it.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { citationsIn } from '../data/citations'
import { figures } from '../data/figures'
import { factsCheckedAsOf, longDay } from '../data/freshness'
import { sources } from '../data/sources'
import { runPipeline } from '../packages/slidev-pipeline/src/pipeline'
import { loadDeck } from '../packages/slidev-pipeline/src/support/deck'
import { PLACEHOLDER_AUTHOR, speakerOf } from '../packages/slidev-pipeline/src/support/speaker'
import { chromiumForFile } from './helpers/browser'
import { fontsOf, inkRatio, readPdf, renderPages } from './helpers/pdf'

const pdfPath = inject('slidesPdf')
const browser = chromiumForFile()
let pdf: PdfReport
let deck: Deck
// Compare without whitespace: PDF text breaks lines wherever the layout did.
const squash = (s: string) => s.replace(/\s+/g, '')

beforeAll(async () => {
  [pdf, deck] = await Promise.all([readPdf(pdfPath), loadDeck()])
})

function pageOf(title: string) {
  const no = deck.slides.find(s => s.title === title)?.no
  if (!no)
    throw new Error(`no slide titled "${title}"`)
  const text = squash(pdf.pages[no - 1]!.text)
  return { toContain: (t: string) => expect(text, `slide "${title}"`).toContain(squash(t)) }
}

describe('slides PDF', () => {
  it('has one 16:9 page per slide', () => {
    expect(pdf.pages).toHaveLength(deck.slides.length)
    for (const p of pdf.pages)
      expect(p.width / p.height).toBeCloseTo(16 / 9, 2)
  })

  it('shows each slide\'s title on its own page', () => {
    deck.slides.forEach((s, i) => expect(squash(pdf.pages[i]!.text), `page ${i + 1}`).toContain(squash(s.title)))
  })

  it('shows no placeholder speaker on any page', () => {
    deck.slides.forEach((s, i) => expect(squash(pdf.pages[i]!.text), `page ${i + 1}`).not.toContain(squash(PLACEHOLDER_AUTHOR)))
  })

  it('has an outline entry per titled slide, in order', () => {
    expect(pdf.outline).toEqual(deck.slides.map(s => s.title))
  })

  it('carries title, author, subject and keywords metadata', () => {
    expect(pdf.info.Title).toBe(deck.headmatter.title)
    // No speaker is set in slides.md: the PDF names none (test/speaker.unit.test.ts).
    expect(pdf.info.Author).toBe(speakerOf(deck.headmatter))
    expect(pdf.info.Subject).toContain('Azure Linux Explained')
    expect(pdf.info.Keywords).toContain('AKS')
  })

  it('embeds every font, none as Type 3 bitmaps', async () => {
    const fonts = await fontsOf(pdfPath)
    expect(fonts.length).toBeGreaterThan(0)
    for (const f of fonts) {
      expect(f.subtype, f.name).not.toBe('/Type3')
      expect(f.embedded, `${f.name} is not embedded`).toBe(true)
    }
    expect(fonts.some(f => /Inter/.test(f.name))).toBe(true)
  })

  it('makes every cited source a working link on the page that cites it', () => {
    for (const s of deck.slides) {
      const ids = citationsIn(s.content).flatMap(c => c.ids)
      const links = pdf.pages[s.no - 1]!.links
      for (const id of ids)
        expect(links, `slide ${s.no} ("${s.title}") cites ${id}`).toContain(sources[id as keyof typeof sources].url)
    }
  })

  it('lists every source as a link on the references pages', () => {
    const refLinks = deck.slides.filter(s => s.title.startsWith('References')).flatMap(s => pdf.pages[s.no - 1]!.links)
    const expected: string[] = Object.values(sources).flatMap(s => [s.url, ...('pinned' in s ? [s.pinned] : [])])
    expect(new Set(refLinks)).toEqual(new Set(expected))
    const last = deck.slides.filter(s => s.title.startsWith('References')).at(-1)!
    expect(squash(pdf.pages[last.no - 1]!.text)).toContain(squash(`Facts checked as of ${longDay(factsCheckedAsOf(sources))}`))
  })

  it('shows the charts complete, with their values and source lines', () => {
    const packages = pageOf('How minimal? Packages on an AKS node')
    for (const e of figures.imagePackages) {
      packages.toContain(e.os)
      packages.toContain(`${e.packages} packages`)
    }
    packages.toContain('AKS node-image release notes, release 202505.27.0')

    const distro = pageOf('The distribution is big, the node is small')
    distro.toContain('SPECS/: 1,524')
    distro.toContain('SPECS-EXTENDED/: 1,519')
    distro.toContain(`${figures.hostPackages.value} packages`)
    distro.toContain(sources['azurelinux-repo'].title)

    const matrix = pageOf('Security and servicing on AKS')
    for (const row of figures.securityMatrix) {
      for (const cell of row.cells)
        matrix.toContain(cell.text)
    }
    // Long source lists show as linked numbers: the link is what the reader follows.
    expect(pdf.pages[deck.slides.find(s => s.title === 'Security and servicing on AKS')!.no - 1]!.links).toContain(sources['learn-node-images'].url)

    const timeline = pageOf('Which version, on which Kubernetes?')
    for (const e of figures.timeline.filter(e => e.lane !== 'Article'))
      timeline.toContain(e.label)
    timeline.toContain('Article: 26 May 2025')
  })

  it('has no blank page', () => {
    renderPages(pdfPath, 20).forEach((png, i) => expect(inkRatio(png), `page ${i + 1} is blank`).toBeGreaterThan(0.005))
  })

  it('is reproducible: a second export of the unchanged deck gives the same pages', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'export-again-'))
    try {
      const again = join(dir, 'again.pdf')
      await runPipeline({ artifacts: ['pdf'], base: inject('buildBase'), outputs: { pdf: again }, browser: browser() })
      const a = renderPages(pdfPath, 30)
      const b = renderPages(again, 30)
      expect(b).toHaveLength(a.length)
      a.forEach((png, i) => {
        const diff = pixelmatch(png.data, b[i]!.data, undefined, png.width, png.height, { threshold: 0.1 })
        expect(diff, `page ${i + 1} differs in ${diff} pixels`).toBe(0)
      })
    }
    finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('shows every slide to the pipeline\'s hooks, and writes nothing when `beforeWrite` stops it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'export-hooks-'))
    try {
      const target = join(dir, 'never.pdf')
      const seen: string[] = []
      const run = runPipeline({
        artifacts: ['pdf'],
        base: inject('buildBase'),
        outputs: { pdf: target },
        browser: browser(),
        hooks: {
          onSlide: async ({ no, route, element }) => {
            expect(await element.isVisible()).toBe(true)
            seen.push(`${route} ${no}`)
          },
          beforeWrite: () => { throw new Error('stopped by the hook') },
        },
      })
      await expect(run).rejects.toThrow('stopped by the hook')
      expect(seen).toEqual(deck.slides.map(s => `print ${s.no}`))
      expect(existsSync(target)).toBe(false)
    }
    finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
