/**
 * The deck's fonts are loaded: every run of visible text on the slide (from
 * the text walk, src/capture/checks/textRuns.ts) is set in a font the deck
 * loaded (`document.fonts`), not in a system fallback. A family with no
 * @font-face (a typo in the headmatter, a font the speaker has installed but
 * the next machine has not) or whose file failed to load is named with the
 * text that falls back. Generic families (sans-serif, monospace, ...) are the
 * author's explicit choice and pass.
 */
import type { Page } from 'playwright-core'
import type { TextRun } from './textRuns.ts'
import { inPage } from '../inPage.ts'
import { notShowing } from './slide.ts'
import { textRunsOf } from './textRuns.ts'

/** Runs in the page (sent as source text: self-contained, no imports), on the runs of slide `n`. */
export async function unloadedFontsInPage([n, runs]: [number, Pick<TextRun, 'family' | 'font' | 'label' | 'chars'>[]]): Promise<string[]> {
  await document.fonts.ready
  const GENERIC = new Set(['serif', 'sans-serif', 'monospace', 'cursive', 'fantasy', 'system-ui', 'ui-serif', 'ui-sans-serif', 'ui-monospace', 'ui-rounded', 'emoji', 'math', 'fangsong', 'inherit', 'initial'])
  const faces = [...document.fonts]
  const unquote = (f: string) => f.trim().replace(/^(['"])(.*)\1$/, '$2')
  const problems = new Map<string, string>()
  // One check per family and face (style, weight), over every character set in it.
  const uses = new Map<string, { family: string, font: string, label: string, chars: string }>()
  for (const { family, font, label, chars } of runs) {
    if (!family || GENERIC.has(family.toLowerCase()))
      continue
    const key = `${font} "${family}"`
    const use = uses.get(key)
    if (use)
      use.chars += chars ?? ''
    else
      uses.set(key, { family, font: key, label, chars: chars ?? '' })
  }
  for (const { family, font, label, chars } of uses.values()) {
    if (problems.has(family))
      continue
    const own = faces.filter(f => unquote(f.family) === family)
    const failed = own.find(f => f.status === 'error')
    // check(): every face the browser would use for these characters is loaded (or none was declared).
    const usable = own.some(f => f.status === 'loaded') && document.fonts.check(font, chars)
    if (failed)
      problems.set(family, `slide ${n}: font "${family}" failed to load: "${label.slice(0, 40)}" is drawn in a fallback font`)
    else if (!own.length)
      problems.set(family, `slide ${n}: font "${family}" is not one of the deck's fonts (no @font-face): "${label.slice(0, 40)}" is drawn in a fallback font`)
    else if (!usable)
      problems.set(family, `slide ${n}: font "${family}" is not loaded: "${label.slice(0, 40)}" is drawn in a fallback font`)
  }
  return [...problems.values()]
}

export async function unloadedFontsOf(page: Page, slideNo: number, scope?: string): Promise<string[]> {
  const runs = await textRunsOf(page, slideNo, scope)
  return runs ? inPage(page, unloadedFontsInPage, [slideNo, runs]) : notShowing(slideNo)
}
