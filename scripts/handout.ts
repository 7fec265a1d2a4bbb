/**
 * `npm run handout`: the attendee handout, an A4 PDF with a cover (QR codes),
 * every slide in its final click state beside its speaker notes, and the
 * references. One Chromium lays the pages out and prints them; pdf-lib then
 * stamps the slides (from Slidev's own PDF export) into their boxes as vectors.
 *
 *   tsx scripts/handout.ts [--entry slides.md] [--slides deck.pdf] [--output FILE]
 *
 * Without --slides the deck is exported first (scripts/export.ts).
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { performance } from 'node:perf_hooks'
import { PDFDocument } from 'pdf-lib'
import { factsCheckedAsOf, resourceLinks, sources, WEB_DECK_LABEL } from '../data'
import { writeAtomically } from './atomic'
import { launchChromium } from './browser'
import { loadDeck } from './deck'
import { exportDeck } from './export'
import { artifacts, root } from './paths'
import { type HandoutLink, handoutHtml } from './handout/html'
import { type SlideBox, stampSlides } from './handout/stamp'

export interface HandoutLayout {
  pages: number
  sheetWidth: number
  sheetHeight: number
  slides: SlideBox[]
  /** Slides whose notes were set smaller to fit one page. */
  shrunk: number[]
}

/** The cover's QR codes: the article, its video and code, and the web deck when configured. */
export function coverLinks(headmatter: Record<string, any>): HandoutLink[] {
  const links: HandoutLink[] = resourceLinks.map(r => ({ label: r.label, url: sources[r.source].url }))
  if (typeof headmatter.webUrl === 'string' && headmatter.webUrl.trim())
    links.push({ label: WEB_DECK_LABEL, url: headmatter.webUrl.trim() })
  return links
}

export async function buildHandout(options: { entry?: string, slidesPdf?: string, output?: string, quiet?: boolean } = {}) {
  const started = performance.now()
  const entry = resolve(options.entry ?? join(root, 'slides.md'))
  const output = resolve(options.output ?? artifacts.handout)
  const deck = await loadDeck(entry)

  let slidesBytes: Uint8Array
  if (options.slidesPdf) {
    slidesBytes = await readFile(options.slidesPdf)
  }
  else {
    const work = await mkdtemp(join(tmpdir(), 'handout-slides-'))
    try {
      const { output: pdf } = await exportDeck({ format: 'pdf', entry: relative(root, entry), output: join(work, 'slides.pdf'), quiet: options.quiet })
      slidesBytes = await readFile(pdf)
    }
    finally {
      await rm(work, { recursive: true, force: true })
    }
  }
  const slidesDoc = await PDFDocument.load(slidesBytes)
  if (slidesDoc.getPageCount() !== deck.slides.length)
    throw new Error(`The slides PDF has ${slidesDoc.getPageCount()} pages but ${relative(root, entry)} has ${deck.slides.length} slides; export the deck again.`)
  const first = slidesDoc.getPage(0)

  const h = deck.headmatter
  const html = handoutHtml({
    deck,
    links: coverLinks(h),
    sources: Object.entries(sources).map(([key, s]) => ({ key, ...s })),
    checkedAsOf: factsCheckedAsOf(sources),
    slideAspect: first.getWidth() / first.getHeight(),
  })
  const layout = await writeAtomically(output, async (tmp) => {
    const browser = await launchChromium()
    try {
      const page = await browser.newPage({ viewport: { width: 794, height: 1123 }, colorScheme: 'light' })
      await page.emulateMedia({ media: 'print', colorScheme: 'light' })
      await page.setContent(html, { waitUntil: 'load' })
      await page.addScriptTag({ path: fileURLToPath(new URL('./handout/paginate.browser.js', import.meta.url)) })
      await page.evaluate('document.fonts.ready')
      const layout = await page.evaluate('paginate()') as HandoutLayout
      const printed = await page.pdf({ preferCSSPageSize: true, printBackground: true, outline: true, tagged: true })
      const pdf = await stampSlides(printed, slidesBytes, layout.slides, layout.sheetWidth, {
        title: String(h.title ?? deck.slides[0]?.title ?? ''),
        author: String(h.author ?? ''),
        subject: String(h.info ?? '').replace(/\s+/g, ' ').trim(),
        keywords: String(h.keywords ?? '').split(',').map(k => k.trim()).filter(Boolean),
      })
      await writeFile(tmp, pdf)
      return layout
    }
    finally {
      await browser.close()
    }
  })
  return { output, layout, bytes: (await stat(output)).size, seconds: (performance.now() - started) / 1000 }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { entry: { type: 'string' }, slides: { type: 'string' }, output: { type: 'string' } } })
  try {
    const { output, layout, bytes, seconds } = await buildHandout({ entry: values.entry, slidesPdf: values.slides, output: values.output })
    console.log(`Wrote ${relative(root, output)}: ${layout.pages} pages, ${(bytes / 1024).toFixed(0)} KiB, in ${seconds.toFixed(1)} s`)
    if (layout.shrunk.length)
      console.log(`Notes set smaller to fit one page: slide ${layout.shrunk.join(', ')}`)
  }
  catch (error) {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  }
}
