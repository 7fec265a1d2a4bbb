/**
 * The deck's fonts are loaded: every run of visible text on the slide is set in
 * a font the deck loaded (`document.fonts`), not in a system fallback. A
 * family with no @font-face (a typo in the headmatter, a font the speaker
 * has installed but the next machine has not) or whose file failed to load
 * is named with the text that falls back. Generic families (sans-serif,
 * monospace, ...) are the author's explicit choice and pass.
 */
import type { Page } from 'playwright-chromium'
import type { SlideArg } from './evaluate'
import { evaluateIn } from './evaluate'

/** Runs in the page (sent as source text: self-contained, no imports). `scope` selects the print container holding this instance of the slide. */
export async function unloadedFontsInPage([n, scope]: SlideArg): Promise<string[]> {
  const slide = (scope ? document.querySelector(scope) : document)?.querySelector(`.slidev-page-${n}`)
  if (!slide)
    return [`slide ${n}: not rendered`]
  await document.fonts.ready
  const GENERIC = new Set(['serif', 'sans-serif', 'monospace', 'cursive', 'fantasy', 'system-ui', 'ui-serif', 'ui-sans-serif', 'ui-monospace', 'ui-rounded', 'emoji', 'math', 'fangsong', 'inherit', 'initial'])
  const faces = [...document.fonts]
  const unquote = (f: string) => f.trim().replace(/^(['"])(.*)\1$/, '$2')
  const problems = new Map<string, string>()
  const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement
    const text = (node.textContent ?? '').trim()
    if (!el || !text || el.closest('.sr-only, style, script, title, desc'))
      continue
    const style = getComputedStyle(el)
    if (style.display === 'none' || style.visibility === 'hidden' || !el.getClientRects().length)
      continue
    const family = unquote(style.fontFamily.split(',')[0] ?? '')
    if (!family || GENERIC.has(family.toLowerCase()) || problems.has(family))
      continue
    const own = faces.filter(f => unquote(f.family) === family)
    const failed = own.find(f => f.status === 'error')
    // check(): every face the browser would use for this text is loaded (or none was declared).
    const usable = own.some(f => f.status === 'loaded') && document.fonts.check(`${style.fontStyle} ${style.fontWeight} 16px "${family}"`, text)
    if (failed)
      problems.set(family, `slide ${n}: font "${family}" failed to load: "${text.slice(0, 40)}" is drawn in a fallback font`)
    else if (!own.length)
      problems.set(family, `slide ${n}: font "${family}" is not one of the deck's fonts (no @font-face): "${text.slice(0, 40)}" is drawn in a fallback font`)
    else if (!usable)
      problems.set(family, `slide ${n}: font "${family}" is not loaded: "${text.slice(0, 40)}" is drawn in a fallback font`)
  }
  return [...problems.values()]
}

export const unloadedFontsOf = (page: Page, slideNo: number, scope?: string): Promise<string[]> => evaluateIn(page, unloadedFontsInPage, [slideNo, scope])
