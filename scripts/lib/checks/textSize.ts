/**
 * The smallest readable text: every visible run of text on the slide is at
 * least MIN_TEXT_PX on the slide canvas (980 px wide here), as drawn, so SVG
 * text shrunk by its viewBox counts at its drawn size. A floor only, until
 * the design's type scale (scripts/lib/checks/typeScale.ts: body, chart and
 * footnote tiers) replaces it in the gate: today's footnotes are 9.6 px.
 */
import type { Page } from 'playwright-chromium'
import type { SlideArg } from './evaluate'
import { evaluateIn } from './evaluate'

/** Runs in the page (sent as source text: self-contained, no imports). `scope` selects the print container holding this instance of the slide. */
export function textSizeInPage([n, scope]: SlideArg): string[] {
  const MIN_TEXT_PX = 9
  const slide = (scope ? document.querySelector(scope) : document)?.querySelector(`.slidev-page-${n}`) as HTMLElement | null
  if (!slide)
    return [`slide ${n}: not rendered`]
  // Viewport px per canvas px: the slide is scaled to fit the window.
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
    let size = Number.parseFloat(style.fontSize)
    if (el instanceof SVGGraphicsElement && el.ownerSVGElement) {
      // Font size in user units times the SVG's drawn scale.
      const svg = el.ownerSVGElement
      const drawnScale = svg.viewBox.baseVal?.width ? svg.getBoundingClientRect().width / scale / svg.viewBox.baseVal.width : 1
      size *= drawnScale
    }
    if (size < MIN_TEXT_PX - 0.05)
      out.push(`slide ${n}: text "${text.slice(0, 40)}" is ${size.toFixed(1)} px on the canvas, below the ${MIN_TEXT_PX} px floor`)
  }
  return out
}

export const textSizeOf = (page: Page, slideNo: number, scope?: string): Promise<string[]> => evaluateIn(page, textSizeInPage, [slideNo, scope])
