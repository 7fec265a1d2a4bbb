/**
 * Contrast as drawn, measured from screenshots, not from computed styles
 * (a stray `stroke` once made every chart label hollow in dark mode while the
 * computed fill colour still passed).
 *
 * Three screenshots of the slide as it shows:
 *   drawn      as the audience sees it;
 *   background the same with every glyph made transparent;
 *   glyphs     every glyph painted solid magenta, with no stroke: where ink belongs.
 * For each run of text, the pixels its glyphs fully cover (from `glyphs` vs
 * `background`) are compared, drawn against background, pixel by pixel. The
 * median contrast must reach WCAG AA: 4.5:1, or 3:1 for large text (24 px, or
 * 18.66 px bold, on the canvas). Hollow text fails here because its glyph
 * cores are painted in the stroke's colour.
 */
import type { Page } from 'playwright-chromium'
import { measure, notShowing } from './inPage'
import type { TextItem } from './inPage'
import { contrastRatio, luminanceAt, screenshotPixels } from './pixels'
import type { Pixels } from './pixels'

const REFERENCE = [255, 0, 255] as const

const hideGlyphs = (n: number) => `
.slidev-page-${n}, .slidev-page-${n} * {
  color: transparent !important; -webkit-text-fill-color: transparent !important;
  -webkit-text-stroke-color: transparent !important; text-decoration-color: transparent !important;
  text-shadow: none !important; transition: none !important; caret-color: transparent !important;
}
.slidev-page-${n} text, .slidev-page-${n} tspan { fill: transparent !important; stroke: none !important; }`

const paintGlyphs = (n: number) => `
.slidev-page-${n}, .slidev-page-${n} * {
  color: rgb(${REFERENCE}) !important; -webkit-text-fill-color: rgb(${REFERENCE}) !important;
  -webkit-text-stroke-width: 0 !important; text-decoration-color: transparent !important;
  text-shadow: none !important; transition: none !important;
}
.slidev-page-${n} text, .slidev-page-${n} tspan { fill: rgb(${REFERENCE}) !important; stroke: none !important; }`

async function screenshotWith(page: Page, css: string): Promise<Pixels> {
  const style = await page.addStyleTag({ content: css })
  try {
    return await screenshotPixels(page)
  }
  finally {
    await style.evaluate(el => (el as Element).remove())
  }
}

function distance(p: Pixels, i: number, rgb: readonly number[]) {
  return Math.hypot(p.data[i]! - rgb[0]!, p.data[i + 1]! - rgb[1]!, p.data[i + 2]! - rgb[2]!)
}

/** Median contrast of a text run's fully inked pixels; null when it has no such pixels. */
export function measuredContrast(item: Pick<TextItem, 'rects'>, drawn: Pixels, background: Pixels, glyphs: Pixels, dpr = 1): number | null {
  const coverage: { i: number, c: number }[] = []
  const visited = new Set<number>()
  for (const [left, top, width, height] of item.rects) {
    const x0 = Math.max(0, Math.floor(left * dpr))
    const y0 = Math.max(0, Math.floor(top * dpr))
    const x1 = Math.min(drawn.width, Math.ceil((left + width) * dpr))
    const y1 = Math.min(drawn.height, Math.ceil((top + height) * dpr))
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        const i = (y * drawn.width + x) * 4
        if (visited.has(i))
          continue
        visited.add(i)
        const bg = [background.data[i]!, background.data[i + 1]!, background.data[i + 2]!]
        const full = distance(glyphs, i, bg) / (Math.hypot(REFERENCE[0] - bg[0]!, REFERENCE[1] - bg[1]!, REFERENCE[2] - bg[2]!) || 1)
        // A background close to the reference colour cannot show where glyphs are.
        if (Math.hypot(REFERENCE[0] - bg[0]!, REFERENCE[1] - bg[1]!, REFERENCE[2] - bg[2]!) > 60 && full > 0.05)
          coverage.push({ i, c: full })
      }
    }
  }
  if (!coverage.length)
    return null
  const most = Math.max(...coverage.map(p => p.c))
  // Glyph cores: pixels covered nearly as fully as any (opacity lowers all of them alike).
  const core = coverage.filter(p => p.c >= 0.85 * most)
  const ratios = core.map(p => contrastRatio(luminanceAt(drawn, p.i), luminanceAt(background, p.i))).sort((a, b) => a - b)
  return ratios[Math.floor(ratios.length / 2)]!
}

/** Large text under WCAG: 18 pt (24 px), or 14 pt (18.66 px) bold. */
export const isLargeText = (i: Pick<TextItem, 'size' | 'weight'>) => i.size >= 24 || (i.size >= 18.66 && i.weight >= 700)

/**
 * Rendered contrast of every run of text on slide `slideNo` at the click step
 * showing. `label` (e.g. "dark") goes into each problem. The page's viewport
 * should show the whole slide (play mode, 16:9 viewport).
 */
export async function renderedContrastOf(page: Page, slideNo: number, label = ''): Promise<string[]> {
  const items = await measure(page, 'textItems', slideNo)
  if (!items)
    return notShowing(slideNo)
  if (!items.length)
    return []
  const dpr = await page.evaluate('window.devicePixelRatio') as number
  const drawn = await screenshotPixels(page)
  const background = await screenshotWith(page, hideGlyphs(slideNo))
  const glyphs = await screenshotWith(page, paintGlyphs(slideNo))
  const where = `slide ${slideNo}${label ? ` (${label})` : ''}`
  const out: string[] = []
  for (const item of items) {
    const ratio = measuredContrast(item, drawn, background, glyphs, dpr)
    const needed = isLargeText(item) ? 3 : 4.5
    if (ratio !== null && ratio < needed)
      out.push(`${where}: text "${item.label}" is drawn at contrast ${ratio.toFixed(2)}:1, needs ${needed}:1`)
  }
  return out
}

/** Text whose stroke is painted over its fill: it reads hollow, whatever its colours. */
export async function strokeOverFillOf(page: Page, slideNo: number, label = ''): Promise<string[]> {
  const stroked = await measure(page, 'strokedText', slideNo)
  if (!stroked)
    return notShowing(slideNo)
  const where = `slide ${slideNo}${label ? ` (${label})` : ''}`
  return stroked.map(s => `${where}: <${s.tag}> "${s.label}" has a stroke (${s.stroke}) painted over its fill`)
}
