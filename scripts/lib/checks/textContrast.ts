/**
 * Contrast from computed colours: cheap enough to run on every slide of every
 * export (one DOM pass, no screenshot). Each run of text's colour (fill for SVG
 * text), faded by its own and its ancestors' opacity, against the nearest
 * opaque background behind it. WCAG AA: 4.5:1, or 3:1 from 24 px (18.66 px
 * bold) on the canvas. Computed styles can lie (a stroke painted over the fill,
 * text over an image); the rendered contrast check, from screenshots, catches
 * those where an export takes screenshots anyway.
 */
import type { Page } from 'playwright-chromium'
import type { SlideArg } from './evaluate'
import { evaluateIn } from './evaluate'

/** Runs in the page (sent as source text: self-contained, no imports). `scope` selects the print container holding this instance of the slide. */
export function textContrastInPage([n, scope]: SlideArg): string[] {
  const slide = (scope ? document.querySelector(scope) : document)?.querySelector(`.slidev-page-${n}`) as HTMLElement | null
  if (!slide)
    return [`slide ${n}: not rendered`]
  const rgba = (c: string) => {
    const v = (c.match(/[\d.]+/g) ?? []).map(Number)
    return v.length >= 3 ? [v[0]!, v[1]!, v[2]!, v[3] ?? 1] : undefined
  }
  const luminance = (c: number[]) => {
    const lin = (channel: number) => (channel / 255 <= 0.03928 ? channel / 255 / 12.92 : ((channel / 255 + 0.055) / 1.055) ** 2.4)
    return 0.2126 * lin(c[0]!) + 0.7152 * lin(c[1]!) + 0.0722 * lin(c[2]!)
  }
  const backgroundOf = (from: Element) => {
    for (let el: Element | null = from; el; el = el.parentElement) {
      const c = rgba(getComputedStyle(el).backgroundColor)
      if (c && c[3]! >= 0.99)
        return c
      if (getComputedStyle(el).backgroundImage !== 'none')
        return undefined
    }
    return [255, 255, 255, 1]
  }
  // Slide scale: font sizes are compared on the canvas, not in the viewport.
  const scale = slide.getBoundingClientRect().width / slide.offsetWidth || 1
  const out: string[] = []
  const seen = new Set<Element>()
  const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement
    const text = (node.textContent ?? '').trim()
    if (!el || !text || seen.has(el) || el.closest('.sr-only, style, script, title, desc'))
      continue
    seen.add(el)
    const style = getComputedStyle(el)
    if (style.visibility === 'hidden' || !el.getClientRects().length)
      continue
    const isSvg = el instanceof SVGElement
    const fg = rgba(isSvg ? style.fill : style.color)
    const bg = backgroundOf(el)
    if (!fg || !bg)
      continue
    let alpha = fg[3]! * (isSvg ? Number(style.fillOpacity || 1) : 1)
    for (let e: Element | null = el; e && e !== slide.parentElement; e = e.parentElement)
      alpha *= Number(getComputedStyle(e).opacity)
    if (alpha < 0.02)
      continue
    const drawn = [0, 1, 2].map(i => fg[i]! * alpha + bg[i]! * (1 - alpha))
    const [hi, lo] = [luminance(drawn), luminance(bg)].sort((a, b) => b - a)
    const ratio = (hi! + 0.05) / (lo! + 0.05)
    const box = el.getBoundingClientRect()
    const size = isSvg
      ? box.height / scale / 1.2
      : Number.parseFloat(style.fontSize)
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700)
    const needed = large ? 3 : 4.5
    if (ratio < needed)
      out.push(`slide ${n}: text "${text.slice(0, 40)}" has contrast ${ratio.toFixed(2)}:1 (computed colours), needs ${needed}:1`)
  }
  return out
}

export const textContrastOf = (page: Page, slideNo: number, scope?: string): Promise<string[]> => evaluateIn(page, textContrastInPage, [slideNo, scope])
