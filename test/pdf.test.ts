import type { Deck } from 'slidev-pipeline'
import type { PdfReport, PdfStructure } from '../packages/slidev-pipeline/test/helpers/pdf'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pixelmatch from 'pixelmatch'
import { PLACEHOLDER_AUTHOR, speakerOf } from 'slidev-pipeline'
import { loadDeck, runPipeline } from 'slidev-pipeline/testing'
/**
 * The exported slides PDF (`npm run export`, run once in test/global-setup.ts),
 * checked as a reader and an organiser would check it.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { citationsIn } from '../data/citations'
import { figures } from '../data/figures'
import { factsChecked } from '../data/freshness'
import { sources } from '../data/sources'
import { chromiumForFile } from '../packages/slidev-pipeline/test/helpers/browser'
import { elementsOf, fontsOf, inkRatio, readPdf, readStructure, renderPages } from '../packages/slidev-pipeline/test/helpers/pdf'

const pdfPath = inject('slidesPdf')
const browser = chromiumForFile()
let pdf: PdfReport
let deck: Deck
let structure: PdfStructure
// Compare without whitespace: PDF text breaks lines wherever the layout did.
const squash = (s: string) => s.replace(/\s+/g, '')

beforeAll(async () => {
  [pdf, deck, structure] = await Promise.all([readPdf(pdfPath), loadDeck(), readStructure(pdfPath)])
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
    expect(squash(pdf.pages[last.no - 1]!.text)).toContain(squash(factsChecked(sources)))
  })

  it('shows the charts complete, with their values and source lines', () => {
    const packages = pageOf('How minimal? Packages on an AKS node')
    for (const e of figures.imagePackages) {
      packages.toContain(e.os)
      packages.toContain(`${e.packages} packages`)
    }
    packages.toContain('AKS node-image release notes, release 202607.09.0')
    packages.toContain('Counted by us in the release notes of image 202607.09.0 (9 Jul 2026)')

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
    expect(pdf.pages[deck.slides.find(s => s.title === 'Security and servicing on AKS')!.no - 1]!.links).toContain(sources['learn-auto-upgrade-node-os'].url)

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

/** Issue 24: the PDF as a screen reader reads it (pdf.js `getMarkInfo`, `getStructTree`, `getMetadata`). */
describe('slides PDF, tagged', () => {
  const pageTree = (title: string) => {
    const no = deck.slides.find(s => s.title === title)?.no
    if (!no)
      throw new Error(`no slide titled "${title}"`)
    return structure.pages[no - 1]!
  }
  const figuresOn = (title: string) => elementsOf(pageTree(title), 'Figure')

  it('is tagged, in English, with its title shown in the window', () => {
    expect(structure.marked).toBe(true)
    expect(structure.lang).toBe('en')
    expect(structure.displayTitle).toBe(true)
    expect(structure.pages.every(Boolean), 'every page has a structure tree').toBe(true)
  })

  it('makes every slide\'s title a heading (H1) on its page', () => {
    deck.slides.forEach((s, i) => {
      const h1 = elementsOf(structure.pages[i]!, 'H1').map(h => squash(h.text))
      expect(h1, `page ${i + 1} ("${s.title}")`).toContain(squash(s.title))
    })
  })

  it('gives every figure alt text', () => {
    structure.pages.forEach((tree, i) => {
      for (const f of elementsOf(tree, 'Figure'))
        expect(f.alt?.trim(), `page ${i + 1}: a Figure without alt text`).toBeTruthy()
    })
  })

  it('describes each chart with its values in its alt text, made from data/figures.ts', () => {
    const packages = figuresOn('How minimal? Packages on an AKS node').map(f => f.alt!).find(a => a.startsWith('Bar chart'))
    expect(packages).toBeDefined()
    for (const e of figures.imagePackages)
      expect(packages).toContain(`${e.os} (kernel ${e.kernel.split('-')[0]}), ${e.packages} packages`)

    const distro = figuresOn('The distribution is big, the node is small').map(f => f.alt!).find(a => a.startsWith('Bar chart'))
    expect(distro).toBeDefined()
    for (const p of figures.distroParts)
      expect(distro).toContain(`${p.label}: ${p.approximate ? 'about ' : ''}${p.value.toLocaleString('en-US')}`)
    expect(distro).toContain(`${figures.hostPackages.value} packages`)

    const timeline = figuresOn('Which version, on which Kubernetes?').map(f => f.alt!).find(a => a.startsWith('Timeline'))
    expect(timeline).toBeDefined()
    for (const e of figures.timeline)
      expect(timeline).toContain(e.label)
  })

  it('tags the security matrix as a Table with header cells, and says each status in words', () => {
    const tables = elementsOf(pageTree('Security and servicing on AKS'), 'Table')
    expect(tables).toHaveLength(1)
    const th = elementsOf(tables[0]!, 'TH').map(c => squash(c.text))
    for (const header of ['AKS node pool', 'Azure Linux', 'Ubuntu', 'Windows Server', ...figures.securityMatrix.map(r => r.feature)])
      expect(th).toContain(squash(header))
    const td = elementsOf(tables[0]!, 'TD')
    expect(td).toHaveLength(figures.securityMatrix.flatMap(r => r.cells).length)
    for (const cell of td)
      expect(elementsOf(cell, 'Figure')[0]?.alt, `cell "${cell.text}"`).toMatch(/^(Yes|No|Partly|Not applicable|Not documented)$/)
  })

  it('marks decoration as artifacts (section numbers, icons, quote marks): no text is left outside the structure', () => {
    structure.untagged.forEach((text, i) => expect(text.trim(), `page ${i + 1}: text neither tagged nor an artifact`).toBe(''))
    const section = deck.slides.find(s => s.frontmatter?.layout === 'section' && (s.frontmatter as Record<string, unknown>).part === 1)!
    expect(structure.artifacts[section.no - 1]).toContain('01')
    expect(squash(elementsOf(structure.pages[section.no - 1]!, 'Document')[0]!.text)).not.toContain('01')
  })

  // The footnote is drawn at the bottom of the slide but was written above the
  // takeaway (and the claim's columns): the reading order must be the visual one.
  it('reads the source footnote last on chart and claim slides, after the takeaway and the docs column', () => {
    const last = { chart: 'takeaway', claim: 'docs' } as const
    const slides = deck.slides.filter(s => String(s.frontmatter.layout) in last && s.content.includes('<SourceNote'))
    expect(slides.length).toBeGreaterThanOrEqual(7)
    for (const s of slides) {
      const slot = last[String(s.frontmatter.layout) as keyof typeof last]
      // The slot's first words as the PDF holds them: no tags, no Markdown marks or list bullets, no quote marks (a <q>'s are artifacts, and the font sets its own apostrophe).
      const plain = (t: string) => squash(t).replace(/[’'ʼ“”"]/g, '')
      const markdown = s.content.split(`::${slot}::`)[1]?.split(/^::\w+::$/m)[0] ?? ''
      const words = plain(markdown.replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]+>/g, '').replace(/^\s*[-*+] /gm, '').replace(/[*_`]/g, '')).slice(0, 24)
      const text = plain(structure.pages[s.no - 1]!.text)
      const footnote = text.search(/Sources?:/)
      expect(words, `slide ${s.no}: the ${slot} slot`).not.toBe('')
      expect(text.indexOf(words), `slide ${s.no} ("${s.title}"): the ${slot} is in the structure`).toBeGreaterThan(-1)
      expect(footnote, `slide ${s.no} ("${s.title}"): the footnote is read after the ${slot}`).toBeGreaterThan(text.indexOf(words))
    }
  })

  it('tags lists as lists, and every link with its text', () => {
    expect(elementsOf(pageTree('What is Azure Linux?'), 'LI').length).toBeGreaterThanOrEqual(3)
    structure.pages.forEach((tree, i) => {
      const links = elementsOf(tree, 'Link')
      // Each link annotation on the page hangs under a Link element that holds its text.
      expect(links.reduce((n, l) => n + l.annotations, 0), `page ${i + 1}: link annotations tagged`).toBe(pdf.pages[i]!.links.length)
      for (const l of links)
        expect(l.text.trim(), `page ${i + 1}: an empty Link`).not.toBe('')
    })
    expect(structure.pages.flatMap(t => elementsOf(t, 'Link')).length).toBeGreaterThan(50)
  })
})
