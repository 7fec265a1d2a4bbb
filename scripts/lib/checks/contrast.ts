/**
 * Contrast as drawn, measured from screenshots, not from computed styles
 * (a stray `stroke` once made every chart label hollow in dark mode while the
 * computed fill colour still passed).
 *
 * Three screenshots of the slide as it shows:
 *   drawn      as the audience sees it;
 *   background the same with every glyph made transparent;
 *   glyphs     every run of text painted solid black or white (whichever stands
 *              out from its background), with no stroke: where ink belongs.
 * For each run of text, the pixels its glyphs fully cover (from `glyphs` vs
 * `background`) are compared, drawn against background, pixel by pixel. The
 * median contrast must reach WCAG AA: 4.5:1, or 3:1 for large text (24 px, or
 * 18.66 px bold, on the canvas). Hollow text fails here because its glyph
 * cores are painted in the stroke's colour.
 */
import type { Page } from 'playwright-chromium'
import type { TextItem } from './inPage'
import type { Pixels } from './pixels'
import { measure, notShowing } from './inPage'
import { contrastRatio, luminanceAt, screenshotPixels } from './pixels'

function hideGlyphs(n: number) {
  return `
.slidev-page-${n}, .slidev-page-${n} * {
  color: transparent !important; -webkit-text-fill-color: transparent !important;
  -webkit-text-stroke-color: transparent !important; text-decoration-color: transparent !important;
  text-shadow: none !important; transition: none !important; caret-color: transparent !important;
}
.slidev-page-${n} text, .slidev-page-${n} tspan { fill: transparent !important; stroke: none !important; }`
}

/** Glyph masks: each run solid black or white (whichever stands out from what is behind it), no stroke. */
function paintGlyphs(n: number) {
  return `${hideGlyphs(n)}
${['black', 'white'].map(c => `
.slidev-page-${n} [data-probe-colour="${c}"], .slidev-page-${n} [data-probe-colour="${c}"] tspan {
  color: ${c} !important; -webkit-text-fill-color: ${c} !important; -webkit-text-stroke-width: 0 !important;
  fill: ${c} !important; stroke: none !important;
}`).join('')}`
}

async function screenshotWith(page: Page, css: string): Promise<Pixels> {
  const style = await page.addStyleTag({ content: css })
  try {
    return await screenshotPixels(page)
  }
  finally {
    await style.evaluate(el => (el as Element).remove())
  }
}

type Box = [number, number, number, number]

/** Marks pixels already taken by pixelsIn (line boxes of one run can overlap); cleared after each call. */
let taken = new Uint8Array(0)

/** Byte offsets of the screenshot pixels inside a run's line boxes, each pixel once. */
function pixelsIn(rects: Box[], p: Pixels, dpr: number): number[] {
  if (taken.length < p.width * p.height)
    taken = new Uint8Array(p.width * p.height)
  const out: number[] = []
  for (const [left, top, width, height] of rects) {
    const x0 = Math.max(0, Math.floor(left * dpr))
    const y0 = Math.max(0, Math.floor(top * dpr))
    const x1 = Math.min(p.width, Math.ceil((left + width) * dpr))
    const y1 = Math.min(p.height, Math.ceil((top + height) * dpr))
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        const at = y * p.width + x
        if (!taken[at]) {
          taken[at] = 1
          out.push(at * 4)
        }
      }
    }
  }
  for (const i of out)
    taken[i / 4] = 0
  return out
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

/** Black glyphs stand out on a light background, white ones on a dark one. */
export function maskColourFor(rects: Box[], background: Pixels, dpr = 1): 'black' | 'white' {
  const at = pixelsIn(rects, background, dpr)
  return !at.length || median(at.map(i => luminanceAt(background, i))) > 0.18 ? 'black' : 'white'
}

/**
 * Median contrast of a run's glyph cores: the pixels its mask covers nearly
 * fully, drawn against background. Null when the mask shows no glyphs there.
 */
export function measuredContrast(rects: Box[], colour: 'black' | 'white', drawn: Pixels, background: Pixels, glyphs: Pixels, dpr = 1): number | null {
  const ref = colour === 'black' ? 0 : 255
  const coverage: { i: number, c: number }[] = []
  for (const i of pixelsIn(rects, drawn, dpr)) {
    const bg = [background.data[i]!, background.data[i + 1]!, background.data[i + 2]!]
    const span = Math.hypot(ref - bg[0]!, ref - bg[1]!, ref - bg[2]!)
    // A background close to the mask colour cannot show where glyphs are.
    if (span < 60)
      continue
    const c = Math.hypot(glyphs.data[i]! - bg[0]!, glyphs.data[i + 1]! - bg[1]!, glyphs.data[i + 2]! - bg[2]!) / span
    if (c > 0.05)
      coverage.push({ i, c })
  }
  if (!coverage.length)
    return null
  const most = Math.max(...coverage.map(p => p.c))
  // Glyph cores: covered nearly as fully as any pixel of the run.
  const core = coverage.filter(p => p.c >= 0.9 * most)
  return median(core.map(p => contrastRatio(luminanceAt(drawn, p.i), luminanceAt(background, p.i))))
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
  const colours = items.map(item => maskColourFor(item.rects, background, dpr))
  await measure(page, 'setProbeColours', slideNo, colours)
  const glyphs = await screenshotWith(page, paintGlyphs(slideNo))
  await measure(page, 'clearProbes', slideNo)
  const where = `slide ${slideNo}${label ? ` (${label})` : ''}`
  const out: string[] = []
  items.forEach((item, k) => {
    const ratio = measuredContrast(item.rects, colours[k]!, drawn, background, glyphs, dpr)
    const needed = isLargeText(item) ? 3 : 4.5
    if (ratio !== null && ratio < needed)
      out.push(`${where}: text "${item.label}" is drawn at contrast ${ratio.toFixed(2)}:1, needs ${needed}:1`)
  })
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
