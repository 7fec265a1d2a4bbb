import type { Browser } from '../../capture/browser.ts'
import type { Deck } from '../../support/deck.ts'
/**
 * The storyboard: one A4 landscape page per slide with every click step of
 * that slide side by side (click 0, click 1, …), from the stills the pipeline
 * already took for the video. To look at a talk the way the room and the video
 * see it, step by step, not only in the final state the slides PDF prints.
 *
 * Chromium lays the grid out and prints it. The 1920×1080 stills come to the
 * page through a route on a made-up origin (nothing leaves the machine) and are
 * drawn down to JPEG thumbnails in the page, so the PDF stays a few MB.
 */
import { readFile } from 'node:fs/promises'
import { inPage } from '../../capture/inPage.ts'
import { slideLabel } from '../../support/deck.ts'
import { fontFaces } from '../handout/html.ts'

export interface StoryboardStill { no: number, clicks: number, file: string }

const ORIGIN = 'http://storyboard.invalid'
/** A4 landscape, in mm: the page, its margins, the heading and the gaps. */
const PAGE = { width: 297, height: 210, margin: 10, heading: 16, gap: 4, caption: 5 }
/** Width of a thumbnail in pixels: sharp at 2× in a grid of three, readable when zoomed. */
const THUMB_PX = 800

const escape = (text: string) => text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)

/** Columns and the width of each still (mm) so that `n` stills fill the page without running off it. */
export function gridOf(n: number, aspect = 16 / 9): { columns: number, width: number } {
  const areaW = PAGE.width - 2 * PAGE.margin
  const areaH = PAGE.height - 2 * PAGE.margin - PAGE.heading
  let best = { columns: 1, width: 0 }
  for (let columns = 1; columns <= n; columns++) {
    const rows = Math.ceil(n / columns)
    const width = Math.min((areaW - (columns - 1) * PAGE.gap) / columns, ((areaH - (rows - 1) * PAGE.gap) / rows - PAGE.caption) * aspect)
    if (width > best.width + 0.01)
      best = { columns, width }
  }
  return { columns: best.columns, width: Math.floor(best.width * 10) / 10 }
}

export function storyboardHtml(deck: Deck, stills: StoryboardStill[]): string {
  const title = String(deck.headmatter.title ?? deck.slides[0]?.title ?? 'Slides')
  const sheets = deck.slides.map((slide) => {
    const steps = stills.filter(s => s.no === slide.no).sort((a, b) => a.clicks - b.clicks)
    const { columns, width } = gridOf(steps.length)
    const figures = steps.map(s => `<figure><img data-still="${s.no}-${s.clicks}" src="${ORIGIN}/still/${s.no}-${s.clicks}.png" alt="Slide ${s.no}, click ${s.clicks}" style="width:${width}mm"><figcaption>click ${s.clicks}</figcaption></figure>`).join('')
    const count = `${steps.length} step${steps.length === 1 ? '' : 's'}`
    return `<section class="sheet" data-slide="${slide.no}"><header><h1><span class="no">${slide.no}</span> ${escape(slideLabel(slide))}</h1><span class="count">${count}</span></header>`
      + `<div class="grid" style="grid-template-columns:repeat(${columns},${width}mm)">${figures}</div></section>`
  }).join('\n')
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}: storyboard</title><style>
${fontFaces()}
@page { size: A4 landscape; margin: 0 }
* { box-sizing: border-box }
body { margin: 0; font: 10pt/1.3 Inter, sans-serif; color: #1a1a1a; background: #fff }
.sheet { width: ${PAGE.width}mm; height: ${PAGE.height}mm; padding: ${PAGE.margin}mm; overflow: hidden; break-after: page }
.sheet:last-child { break-after: auto }
header { height: ${PAGE.heading}mm; display: flex; align-items: baseline; justify-content: space-between; gap: 6mm }
h1 { margin: 0; font-size: 15pt; font-weight: 700; white-space: nowrap; overflow: hidden; text-overflow: ellipsis }
h1 .no { color: #0b57a4; margin-right: 2mm }
.count { color: #555; font-size: 9pt; white-space: nowrap }
.grid { display: grid; gap: ${PAGE.gap}mm; justify-content: center }
figure { margin: 0 }
img { display: block; aspect-ratio: 16 / 9; border: 0.2mm solid #c9ced6 }
figcaption { height: ${PAGE.caption}mm; padding-top: 0.8mm; font-size: 8pt; color: #444; font-weight: 600 }
</style></head><body>
${sheets}
</body></html>`
}

/** Lays out and prints the storyboard of `deck` from `stills` (every click step of every slide). */
export async function makeStoryboard(browser: Browser, deck: Deck, stills: StoryboardStill[]): Promise<Uint8Array> {
  const missing = deck.slides.filter(s => !stills.some(still => still.no === s.no))
  if (missing.length)
    throw new Error(`Storyboard: no still of slide ${missing.map(s => s.no).join(', ')}`)
  const files = new Map(stills.map(s => [`${s.no}-${s.clicks}`, s.file]))
  const context = await browser.newContext({ viewport: { width: 1123, height: 794 }, colorScheme: 'light' })
  try {
    // One origin for the page and its stills: the canvas may read them back as JPEG.
    await context.route('**/*', async (route) => {
      const url = new URL(route.request().url())
      if (url.origin !== ORIGIN)
        return route.abort()
      if (url.pathname === '/')
        return route.fulfill({ contentType: 'text/html', body: storyboardHtml(deck, stills) })
      const file = files.get(url.pathname.replace(/^\/still\/|\.png$/g, ''))
      return file ? route.fulfill({ contentType: 'image/png', body: await readFile(file) }) : route.fulfill({ status: 404 })
    })
    const page = await context.newPage()
    await page.goto(`${ORIGIN}/`, { waitUntil: 'load' })
    const broken = await inPage(page, async (width) => {
      const out: string[] = []
      for (const img of document.querySelectorAll('img')) {
        await img.decode().catch(() => {})
        if (!img.naturalWidth) {
          out.push(img.alt)
          continue
        }
        const canvas = document.createElement('canvas')
        canvas.width = width
        canvas.height = Math.round(width * img.naturalHeight / img.naturalWidth)
        const g = canvas.getContext('2d')!
        g.imageSmoothingQuality = 'high'
        g.drawImage(img, 0, 0, canvas.width, canvas.height)
        img.src = canvas.toDataURL('image/jpeg', 0.85)
        await img.decode()
      }
      await document.fonts.ready
      return out
    }, THUMB_PX)
    if (broken.length)
      throw new Error(`Storyboard: ${broken.join(', ')} did not load`)
    return new Uint8Array(await page.pdf({ preferCSSPageSize: true, printBackground: true }))
  }
  finally {
    await context.close()
  }
}
