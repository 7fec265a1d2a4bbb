/**
 * Contrast, from the one text walk (src/capture/checks/textRuns.ts):
 *
 * - computed: each run's colour as drawn (opacity applied) against the opaque
 *   background behind it. One DOM pass, no screenshot: every slide, every step.
 * - rendered: for the runs computed colours cannot decide (a stroke, a filter,
 *   an image behind, a gradient that passes through the text's colour), from pixels. Computed styles lie: a stray
 *   `stroke` once made every chart label hollow in dark mode while the
 *   computed fill colour still passed.
 * - stroke over fill: text whose outline is painted over its fill reads hollow.
 *
 * Rendered contrast takes three screenshots of the runs' area:
 *   drawn      as the audience sees it;
 *   background the same with every glyph made transparent;
 *   glyphs     every run of text painted solid black or white (whichever stands
 *              out from its background), with no stroke: where ink belongs.
 * For each run, the pixels its glyphs fully cover (from `glyphs` vs
 * `background`) are compared, drawn against background, pixel by pixel. The
 * median must reach WCAG AA: 4.5:1, or 3:1 for large text (24 px, or 18.66 px
 * bold, on the canvas). Hollow text fails here because its glyph cores are
 * painted in the stroke's colour.
 */
import type { Page } from 'playwright-core'
import type { Pixels } from './pixels.ts'
import type { Box, TextRun } from './textRuns.ts'
import { inPage, onElement } from '../inPage.ts'
import { contrastRatio, luminance, neededContrast } from './colour.ts'
import { luminanceAt, screenshotPixels } from './pixels.ts'
import { notShowing } from './slide.ts'
import { textRunsOf } from './textRuns.ts'

const where = (slideNo: number, label: string) => `slide ${slideNo}${label ? ` (${label})` : ''}`

/**
 * A run's contrast from computed colours: against each colour behind it (a
 * gradient's stops), the lowest. Null when they cannot tell: the run is
 * undecided, or its colour lies between two of the gradient's (somewhere
 * along it, text and background are the same).
 */
export function computedContrast(run: TextRun): number | null {
  if (!run.colour || !run.backgrounds?.length || run.exempt)
    return null
  const [r, g, b, alpha] = run.colour
  const pairs = run.backgrounds.map((bg) => {
    const drawn = [r, g, b].map((c, i) => c * alpha + bg[i]! * (1 - alpha)) as [number, number, number]
    return [luminance(...drawn), luminance(...bg)] as const
  })
  const lighter = pairs.map(([text, back]) => text > back)
  if (lighter.some(l => l !== lighter[0]))
    return null
  return Math.min(...pairs.map(([text, back]) => contrastRatio(text, back)))
}

/** Runs only pixels can judge: computed colours cannot tell their contrast. */
export const needsPixels = (run: TextRun) => !run.exempt && computedContrast(run) === null

const hex = (c: readonly number[]) => `#${c.slice(0, 3).map(v => Math.round(v).toString(16).padStart(2, '0')).join('')}`

/** The colours a run is judged by: `#6b7280 at 50 % on #ffffff` (the first of a gradient's stops). */
export function coloursOf(run: TextRun): string {
  if (!run.colour || !run.backgrounds?.length)
    return ''
  const alpha = run.colour[3]
  return `${hex(run.colour)}${alpha < 0.995 ? ` at ${Math.round(alpha * 100)} %` : ''} on ${run.backgrounds.map(hex).join('/')}`
}

/** Contrast of every run computed colours can decide. */
export function computedContrastProblems(slideNo: number, runs: TextRun[], label = ''): string[] {
  return runs.flatMap((run) => {
    const ratio = computedContrast(run)
    const needed = neededContrast(run)
    return ratio !== null && ratio < needed ? [`${where(slideNo, label)}: text "${run.label}" has contrast ${ratio.toFixed(2)}:1 (computed colours), needs ${needed}:1 (${coloursOf(run)})`] : []
  })
}

/** Text whose stroke is painted over its fill: it reads hollow, whatever its colours. */
export function strokeOverFillProblems(slideNo: number, runs: TextRun[], label = ''): string[] {
  return runs.filter(r => r.stroke).map(r => `${where(slideNo, label)}: <${r.tag}> "${r.label}" has a stroke (${r.stroke}) painted over its fill`)
}

export async function computedContrastOf(page: Page, slideNo: number, label = ''): Promise<string[]> {
  const runs = await textRunsOf(page, slideNo)
  return runs ? computedContrastProblems(slideNo, runs, label) : notShowing(slideNo)
}

export async function strokeOverFillOf(page: Page, slideNo: number, label = ''): Promise<string[]> {
  const runs = await textRunsOf(page, slideNo)
  return runs ? strokeOverFillProblems(slideNo, runs, label) : notShowing(slideNo)
}

/** Every instance of slide n (the page may hold one per click step; only the one showing is in the screenshot). */
const page$ = (n: number) => `.slidev-page-${n}`

function hideGlyphs(n: number) {
  return `
${page$(n)}, ${page$(n)} * {
  color: transparent !important; -webkit-text-fill-color: transparent !important;
  -webkit-text-stroke-color: transparent !important; text-decoration-color: transparent !important;
  text-shadow: none !important; transition: none !important; caret-color: transparent !important;
}
${page$(n)} text, ${page$(n)} tspan { fill: transparent !important; stroke: none !important; }`
}

/** Glyph masks: each run solid black or white (whichever stands out from what is behind it), no stroke. */
function paintGlyphs(n: number) {
  return `${hideGlyphs(n)}
${['black', 'white'].map(c => `
${page$(n)} [data-probe-colour="${c}"], ${page$(n)} [data-probe-colour="${c}"] tspan, ${page$(n)} [data-probe-colour="${c}"]:is(.line, .view-line) * {
  color: ${c} !important; -webkit-text-fill-color: ${c} !important; -webkit-text-stroke-width: 0 !important;
  fill: ${c} !important; stroke: none !important;
}`).join('')}`
}

/** A screenshot of `clip` (viewport CSS px) with `css` added; `scroll`: the page's scroll offset (the protocol clips in page coordinates). */
async function screenshotWith(page: Page, css: string | undefined, clip: Box, scroll: [number, number]): Promise<Pixels> {
  const style = css ? await page.addStyleTag({ content: css }) : undefined
  try {
    const [x, y, width, height] = clip
    const shot = await screenshotPixels(page, { x: x + scroll[0], y: y + scroll[1], width, height })
    return { ...shot, x, y }
  }
  finally {
    if (style)
      await onElement(style, el => (el as Element).remove())
  }
}

/** Marks pixels already taken by pixelsIn (line boxes of one run can overlap); cleared after each call. */
let taken = new Uint8Array(0)

/** Byte offsets of the screenshot pixels inside a run's line boxes (viewport CSS px), each pixel once. */
function pixelsIn(rects: Box[], p: Pixels, dpr: number): Int32Array {
  if (taken.length < p.width * p.height)
    taken = new Uint8Array(p.width * p.height)
  const ox = (p.x ?? 0) * dpr
  const oy = (p.y ?? 0) * dpr
  const boxes = rects.map(([left, top, width, height]) => [
    Math.max(0, Math.floor(left * dpr - ox)),
    Math.max(0, Math.floor(top * dpr - oy)),
    Math.min(p.width, Math.ceil((left + width) * dpr - ox)),
    Math.min(p.height, Math.ceil((top + height) * dpr - oy)),
  ] as const)
  // Room for every box's pixels: overlaps are taken once, so fewer may be used.
  const out = new Int32Array(boxes.reduce((n, [x0, y0, x1, y1]) => n + Math.max(0, x1 - x0) * Math.max(0, y1 - y0), 0))
  let count = 0
  for (const [x0, y0, x1, y1] of boxes) {
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        const at = y * p.width + x
        if (!taken[at]) {
          taken[at] = 1
          out[count++] = at * 4
        }
      }
    }
  }
  for (let k = 0; k < count; k++)
    taken[out[k]! / 4] = 0
  return out.subarray(0, count)
}

/** The median (the upper one of an even count) of `values`, sorted in place: a typed array sorts as numbers, natively. */
function median(values: Float64Array): number {
  return values.sort()[Math.floor(values.length / 2)]!
}

/**
 * Black glyphs stand out on a light background, white ones on a dark one: light when the
 * median luminance under the run exceeds 0.18. The median exceeds it exactly when at most
 * half the pixels (rounded down) are at or below it, so counting them needs no sort.
 */
export function maskColourFor(rects: Box[], background: Pixels, dpr = 1): 'black' | 'white' {
  const at = pixelsIn(rects, background, dpr)
  let dark = 0
  for (const i of at) {
    if (luminanceAt(background, i) <= 0.18)
      dark++
  }
  return dark <= Math.floor(at.length / 2) ? 'black' : 'white'
}

/**
 * Median contrast of a run's glyph cores: the pixels its mask covers nearly
 * fully, drawn against background. Null when the mask shows no glyphs there.
 * Typed arrays, no object per pixel: it runs over every pixel of every run at each slide's last step.
 */
export function measuredContrast(rects: Box[], colour: 'black' | 'white', drawn: Pixels, background: Pixels, glyphs: Pixels, dpr = 1): number | null {
  const ref = colour === 'black' ? 0 : 255
  const at = pixelsIn(rects, drawn, dpr)
  const covered = new Int32Array(at.length)
  const coverage = new Float64Array(at.length)
  let count = 0
  let most = 0
  for (const i of at) {
    const b0 = background.data[i]!
    const b1 = background.data[i + 1]!
    const b2 = background.data[i + 2]!
    const span = Math.sqrt((ref - b0) ** 2 + (ref - b1) ** 2 + (ref - b2) ** 2)
    // A background close to the mask colour cannot show where glyphs are.
    if (span < 60)
      continue
    const c = Math.sqrt((glyphs.data[i]! - b0) ** 2 + (glyphs.data[i + 1]! - b1) ** 2 + (glyphs.data[i + 2]! - b2) ** 2) / span
    if (c > 0.05) {
      covered[count] = i
      coverage[count++] = c
      most = Math.max(most, c)
    }
  }
  if (!count)
    return null
  // Glyph cores: covered nearly as fully as any pixel of the run.
  const ratios = new Float64Array(count)
  let cores = 0
  for (let k = 0; k < count; k++) {
    if (coverage[k]! >= 0.9 * most)
      ratios[cores++] = contrastRatio(luminanceAt(drawn, covered[k]!), luminanceAt(background, covered[k]!))
  }
  return median(ratios.subarray(0, cores))
}

/** The smallest rectangle around every box, inside the viewport (whole CSS px). */
function around(rects: Box[], viewport: { width: number, height: number }): Box | undefined {
  if (!rects.length)
    return undefined
  const x0 = Math.max(0, Math.floor(Math.min(...rects.map(r => r[0]))))
  const y0 = Math.max(0, Math.floor(Math.min(...rects.map(r => r[1]))))
  const x1 = Math.min(viewport.width, Math.ceil(Math.max(...rects.map(r => r[0] + r[2]))))
  const y1 = Math.min(viewport.height, Math.ceil(Math.max(...rects.map(r => r[1] + r[3]))))
  return x1 > x0 && y1 > y0 ? [x0, y0, x1 - x0, y1 - y0] : undefined
}

/**
 * Rendered contrast of the runs of text on slide `slideNo` at the click step
 * showing, the whole slide in the viewport. `label` (e.g. "dark") goes into
 * each problem; `scope` selects the print container holding this instance of
 * the slide. `undecidedOnly`: only the runs computed colours cannot decide
 * (the export gate); the screenshots then cover only those runs.
 */
export async function renderedContrastOf(page: Page, slideNo: number, label = '', options: { scope?: string, undecidedOnly?: boolean } = {}): Promise<string[]> {
  const all = await textRunsOf(page, slideNo, options.scope, { rects: true, probe: true })
  try {
    if (!all)
      return notShowing(slideNo)
    const runs = all.filter(r => !r.exempt && (!options.undecidedOnly || needsPixels(r)))
    const viewport = page.viewportSize() ?? { width: 1280, height: 720 }
    const clip = around(runs.flatMap(r => r.rects), viewport)
    if (!clip)
      return []
    const [dpr, ...scroll] = await inPage(page, () => [window.devicePixelRatio, window.scrollX, window.scrollY] as const)
    const drawn = await screenshotWith(page, undefined, clip, scroll)
    const background = await screenshotWith(page, hideGlyphs(slideNo), clip, scroll)
    const colours = Object.fromEntries(runs.map(r => [r.probe, maskColourFor(r.rects, background, dpr)]))
    await inPage(page, ([n, scope, byProbe]) => {
      for (const el of (scope ? document.querySelector(scope) : document)?.querySelectorAll(`.slidev-page-${n} [data-text-probe]`) ?? [])
        el.setAttribute('data-probe-colour', byProbe[el.getAttribute('data-text-probe')!] ?? 'none')
    }, [slideNo, options.scope, colours] as const)
    const glyphs = await screenshotWith(page, paintGlyphs(slideNo), clip, scroll)
    return runs.flatMap((run) => {
      const ratio = measuredContrast(run.rects, colours[run.probe!]!, drawn, background, glyphs, dpr)
      const needed = neededContrast(run)
      return ratio !== null && ratio < needed ? [`${where(slideNo, label)}: text "${run.label}" is drawn at contrast ${ratio.toFixed(2)}:1, needs ${needed}:1`] : []
    })
  }
  finally {
    await inPage(page, ([n, scope]) => {
      for (const el of (scope ? document.querySelector(scope) : document)?.querySelectorAll(`.slidev-page-${n} [data-text-probe]`) ?? []) {
        el.removeAttribute('data-text-probe')
        el.removeAttribute('data-probe-colour')
      }
    }, [slideNo, options.scope] as const)
  }
}
