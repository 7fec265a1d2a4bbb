/**
 * The toolkit on a deck that uses Slidev's features (test/fixtures/features-deck):
 * the seriph theme from npm, v-click and v-clicks, code line highlights with
 * click steps, Shiki Magic Move, Mermaid, KaTeX, two-cols, a `src:` import,
 * `layout: end`, a global layer and `exportFilename`. Copied under a path
 * with a space outside the project, its packages linked in as `npm install`
 * would give them. One build and one capture make the PDF, a still of every
 * click step, the handout and the video; the gate is on and not forced, so
 * KaTeX's hidden MathML must not read as an overflow.
 */
import type { SlideView } from '../src/capture/capture'
import type { PipelineResult } from '../src/pipeline'
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PDFDocument } from 'pdf-lib'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../src/capture/browser'
import { runPipeline } from '../src/pipeline'
import { fixture } from './helpers/paths'
import { linkPackages } from './helpers/user-deck'

const TIMEOUT = 300_000
/** Click steps per slide as the fixture is written (title, clicks, line highlights, magic move, diagram, formula, columns, end). */
const WRITTEN_CLICKS = [0, 4, 2, 2, 0, 0, 0, 0]

let work: string
let deck: string
let result: PipelineResult
/** Slidev's own click count per slide: the step each slide shows on the print page (its last). */
const slidevClicks = new Map<number, number>()
/** What the diagram slide holds once Mermaid has drawn it. */
let mermaid: { svgs: number, nodes: number, source: boolean } | undefined

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'features-deck-'))
  deck = join(work, 'my talks', 'features deck')
  mkdirSync(join(work, 'my talks'))
  cpSync(fixture('features-deck'), deck, { recursive: true })
  // The theme and Slidev as `npm install` in the deck's folder would give them.
  linkPackages(deck)
  const browser = await launchChromium()
  try {
    result = await runPipeline({
      entry: join(deck, 'slides.md'),
      artifacts: ['pdf', 'handout', 'video'],
      browser,
      hooks: {
        async onSlides(views: SlideView[]) {
          if (views[0]?.route !== 'print')
            return
          for (const v of views)
            slidevClicks.set(v.no, v.clicks)
          const diagram = views.find(v => v.no === 5)
          // Slidev draws the diagram into a shadow root (its styles kept apart): look inside it too.
          mermaid = await diagram?.element.evaluate((el) => {
            const roots: (Element | ShadowRoot)[] = [el, ...[...el.querySelectorAll('*')].flatMap(e => e.shadowRoot ? [e.shadowRoot] : [])]
            return {
              svgs: roots.reduce((n, r) => n + r.querySelectorAll('svg').length, 0),
              nodes: roots.reduce((n, r) => n + r.querySelectorAll('svg .node').length, 0),
              source: /graph LR|-->/.test(el.textContent ?? ''),
            }
          })
        },
      },
    })
  }
  finally {
    await browser.close()
  }
}, TIMEOUT)
afterAll(() => {
  if (work)
    rmSync(work, { recursive: true, force: true })
})

const exported = (name: string) => join(deck, 'exports', name)

describe('a deck of Slidev features, under "my talks/"', () => {
  it('adds no file to the deck\'s folder, though the deck asks Slidev\'s build for a download PDF and an og-image.png', () => {
    const kept = ['.slidev', 'exports', 'node_modules']
    expect(readdirSync(deck).filter(n => !kept.includes(n)).sort()).toEqual(readdirSync(fixture('features-deck')).filter(n => !kept.includes(n)).sort())
    expect(readdirSync(join(deck, 'exports')).some(n => /og-image|slidev-exported/.test(n))).toBe(false)
  })

  it('is named by its exportFilename and gives one PDF page per slide', async () => {
    expect(result.deck.slides).toHaveLength(WRITTEN_CLICKS.length)
    expect(result.paths.pdf).toBe(exported('slidev-features.pdf'))
    const pdf = await PDFDocument.load(readFileSync(exported('slidev-features.pdf')))
    expect(pdf.getPageCount()).toBe(WRITTEN_CLICKS.length)
  })

  it('renders KaTeX, Mermaid, magic move, the import and the global layer, not their source', () => {
    const pages = execFileSync('pdftotext', ['-layout', exported('slidev-features.pdf'), '-'], { encoding: 'utf8' }).split('\f')
    // KaTeX: the formula as set text (the superscript a separate glyph), never the TeX.
    expect(pages[5]).toMatch(/E\s*=\s*mc\s*2/)
    expect(pages[5]).toMatch(/a\s*2\s*\+\s*b\s*2\s*=\s*c\s*2/)
    expect(pages[5]).not.toMatch(/\$\$|mc\^2|\\/)
    // Mermaid: an SVG with a node per box, the labels in the PDF, no diagram source.
    expect(mermaid, 'the diagram slide was never looked at').toBeDefined()
    expect(mermaid!.svgs).toBeGreaterThan(0)
    expect(mermaid!.nodes).toBe(3)
    expect(mermaid!.source).toBe(false)
    for (const label of ['Write', 'Check', 'Export'])
      expect(pages[4]).toContain(label)
    // Magic move: its last step's code, no fence.
    expect(pages[3]).toContain('console.log(count)')
    expect(pages[3]).not.toMatch(/magic-move|```/)
    // The two columns, imported from pages/columns.md.
    expect(pages[6]).toMatch(/Left[\s\S]*Right/)
    expect(pages[6]).toContain('Imported from pages/columns.md')
    // The global layer (global-bottom.vue) on every slide.
    expect(pages.slice(0, WRITTEN_CLICKS.length).every(p => p.includes('a global layer'))).toBe(true)
  })

  it('takes a still of every click step, as many as Slidev counts, each step drawn differently', () => {
    expect([...slidevClicks.keys()].sort((a, b) => a - b)).toEqual(WRITTEN_CLICKS.map((_, i) => i + 1))
    expect(WRITTEN_CLICKS.map((_, i) => slidevClicks.get(i + 1))).toEqual(WRITTEN_CLICKS)
    const stills = result.stills!
    const steps = [...slidevClicks.values()].reduce((sum, clicks) => sum + clicks + 1, 0)
    expect(stills).toHaveLength(steps)
    for (const [no, clicks] of slidevClicks) {
      const own = stills.filter(s => s.no === no).sort((a, b) => a.clicks - b.clicks)
      expect(own.map(s => s.clicks), `slide ${no}`).toEqual(Array.from({ length: clicks + 1 }, (_, i) => i))
      const images = own.map(s => PNG.sync.read(s.png))
      // Not blank: more than two shades of red among a sample of the pixels (every 101st).
      for (const image of images) {
        const shades = new Set<number>()
        for (let i = 0; i < image.data.length; i += 4 * 101)
          shades.add(image.data[i]!)
        expect(shades.size, `slide ${no}: a blank still`).toBeGreaterThan(2)
      }
      // Each click changes what is drawn: a highlighted line, a bullet, the moved code.
      for (let i = 1; i < images.length; i++)
        expect(images[i]!.data.equals(images[i - 1]!.data), `slide ${no}: click ${i} looks like click ${i - 1}`).toBe(false)
    }
  })

  it('writes the handout and the video from the same build', () => {
    expect(result.build?.reused).toBe(false)
    expect(existsSync(exported('slidev-features-handout.pdf'))).toBe(true)
    expect(existsSync(exported('slidev-features.mp4'))).toBe(true)
    expect(readFileSync(exported('slidev-features.vtt'), 'utf8')).toMatch(/^WEBVTT[\s\S]*Three points one by one/)
    // One step of video per still.
    expect(result.video!.plan.steps).toHaveLength(result.stills!.length)
  })
})
