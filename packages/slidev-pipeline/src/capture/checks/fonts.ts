/**
 * The deck's fonts are drawn: text the deck sets in a font it provides (an
 * `@font-face`, its own or its theme's) or names as installed (headmatter
 * `fonts` with `provider: none`, or `fonts.local`) is drawn in that font, not
 * in a system fallback. Judged by what is drawn, in two steps:
 *
 * 1. In the page, over the runs of the text walk (src/capture/checks/textRuns.ts),
 *    once per family and face: a run whose first named family has a loaded
 *    face that covers its characters (`document.fonts.check`) is drawn in it
 *    and needs nothing more. The rest are *suspects*: a family whose faces
 *    failed or are not all loaded (a theme's copy of the font 404s while the
 *    deck's own copy loads; a subset that does not cover one character), or an
 *    installed font the deck named.
 * 2. In Node, for each suspect only: Chromium's own answer, through the
 *    DevTools Protocol (`CSS.getPlatformFontsForNode`), of the fonts that drew
 *    the run's glyphs. A run is drawn in a fallback when most of its glyphs
 *    come from a system font its `font-family` does not name.
 *
 * A font the theme or Slidev's defaults wish for with no `@font-face` (the
 * default theme's "Avenir Next") is not the deck's: the stack goes on to what
 * the theme chose after it, and a web font Slidev would fetch is the blocked
 * request's line. Generic families (sans-serif, monospace, ...) are the
 * author's explicit choice and pass.
 */
import type { CDPSession, Page } from 'playwright-core'
import type { TextRun } from './textRuns.ts'
import { inPage } from '../inPage.ts'
import { notShowing } from './slide.ts'
import { textRunsOf } from './textRuns.ts'

/** A run whose font the page cannot vouch for: Chromium is asked what drew it. */
export interface FontSuspect {
  /** Index in the page's `window[FONT_SUSPECTS]`, where its element is kept for the DevTools Protocol. */
  index: number
  slide: number
  /** The first family of the run's `font-family` that the deck provides or names as installed: what it wants drawn. */
  family: string
  /** Every non-generic family of the stack, lower case: a system font named here was chosen. */
  stack: string[]
  label: string
  /** Why that family may not be what is drawn. */
  cause: 'failed' | 'not loaded' | 'not installed'
}

/** Where the suspects' elements wait in the page between the two steps (a global of the page's main world). */
export const FONT_SUSPECTS = '__slidevPipelineFontSuspects'

/**
 * Runs in the page (sent as source text: self-contained, no imports), on the runs of slide `n`.
 * `installed`: the families the deck names as installed fonts (lower case). Appends the suspects'
 * elements to `window[FONT_SUSPECTS]` (the caller clears it).
 */
export async function fontSuspectsInPage([n, runs, installed, store]: [number, Pick<TextRun, 'families' | 'font' | 'label' | 'chars' | 'probeKey'>[], string[], string]): Promise<FontSuspect[]> {
  await document.fonts.ready
  const GENERIC = new Set(['serif', 'sans-serif', 'monospace', 'cursive', 'fantasy', 'system-ui', 'ui-serif', 'ui-sans-serif', 'ui-monospace', 'ui-rounded', 'emoji', 'math', 'fangsong', 'inherit', 'initial', '-apple-system', 'blinkmacsystemfont'])
  const unquote = (f: string) => f.trim().replace(/^(['"])(.*)\1$/, '$2')
  const faces = [...document.fonts]
  const kept = ((window as any)[store] ??= []) as Element[]
  const elements = (window as any)[`${store}Runs`] as Element[] | undefined
  const suspects: FontSuspect[] = []
  // One question per family stack and face (style, weight) on the slide, over every character set in it.
  const uses = new Map<string, { run: (typeof runs)[number], chars: string }>()
  for (const run of runs) {
    const key = `${run.font} ${run.families?.join(',')}`
    const use = uses.get(key)
    if (use)
      use.chars += run.chars ?? ''
    else
      uses.set(key, { run, chars: run.chars ?? '' })
  }
  for (const { run, chars } of uses.values()) {
    const families = run.families ?? []
    if (!families[0] || GENERIC.has(families[0].toLowerCase()))
      continue
    const stack = families.filter(f => !GENERIC.has(f.toLowerCase()))
    // CSS matches family names case-insensitively.
    const facesOf = (family: string) => faces.filter(f => unquote(f.family).toLowerCase() === family.toLowerCase())
    // The first family the deck provides (an @font-face) or names as installed; a name with neither is a wish the stack goes past.
    const family = stack.find(f => facesOf(f).length || installed.includes(f.toLowerCase()))
    if (!family)
      continue
    const own = facesOf(family)
    let cause: FontSuspect['cause'] | undefined
    if (!own.length)
      cause = 'not installed'
    else if (!(own.some(f => f.status === 'loaded') && document.fonts.check(`${run.font} "${family}"`, chars)))
      cause = own.some(f => f.status === 'error') && !own.some(f => f.status === 'loaded') ? 'failed' : 'not loaded'
    const element = elements?.[run.probeKey ?? -1]
    if (!cause || !element)
      continue
    suspects.push({ index: kept.push(element) - 1, slide: n, family, stack: stack.map(f => f.toLowerCase()), label: run.label, cause })
  }
  return suspects
}

/** The DevTools session of each page, opened when a page first has a suspect (most decks never need one). */
const sessions = new WeakMap<Page, Promise<CDPSession>>()

function sessionOf(page: Page): Promise<CDPSession> {
  let session = sessions.get(page)
  if (!session) {
    session = (async () => {
      const cdp = await page.context().newCDPSession(page)
      await cdp.send('DOM.enable')
      await cdp.send('CSS.enable')
      return cdp
    })()
    sessions.set(page, session)
  }
  return session
}

/** Glyph counts by font that drew the run's text, from Chromium. */
interface PlatformFont { familyName: string, isCustomFont: boolean, glyphCount: number }

/**
 * Asks Chromium which fonts drew each suspect, and returns a problem for each
 * one drawn in a fallback: `slide N: font "X" failed to load: "…" is drawn in
 * the fallback "DejaVu Sans"`. Clears the page's suspects.
 */
export async function drawnInFallback(page: Page, suspects: FontSuspect[]): Promise<{ suspect: FontSuspect, message: string }[]> {
  if (!suspects.length)
    return []
  const cdp = await sessionOf(page)
  await cdp.send('DOM.getDocument', { depth: 0 })
  const problems: { suspect: FontSuspect, message: string }[] = []
  for (const suspect of suspects) {
    const { result } = await cdp.send('Runtime.evaluate', { expression: `window.${FONT_SUSPECTS}[${suspect.index}]` })
    if (!result.objectId)
      continue
    const { nodeId } = await cdp.send('DOM.requestNode', { objectId: result.objectId })
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId }) as { fonts: PlatformFont[] }
    // A web font drew it (the deck's copy of the family, or the next web font of the stack), or a system font the stack names.
    const chosen = (f: PlatformFont) => f.isCustomFont || suspect.stack.includes(f.familyName.toLowerCase())
    const fallback = fonts.filter(f => !chosen(f)).sort((a, b) => b.glyphCount - a.glyphCount)
    const drawnInChosen = fonts.filter(chosen).reduce((sum, f) => sum + f.glyphCount, 0)
    const drawnInFallback = fallback.reduce((sum, f) => sum + f.glyphCount, 0)
    if (!fallback.length || drawnInFallback <= drawnInChosen)
      continue
    const why = suspect.cause === 'failed'
      ? 'failed to load'
      : suspect.cause === 'not loaded' ? 'is not loaded' : 'is not installed here, and no @font-face declares it'
    problems.push({ suspect, message: `slide ${suspect.slide}: font "${suspect.family}" ${why}: "${suspect.label.slice(0, 40)}" is drawn in the fallback "${fallback[0]!.familyName}"` })
  }
  await inPage(page, store => void ((window as any)[store] = []), FONT_SUSPECTS)
  return problems
}

/** The families a deck names as installed fonts: its headmatter's `fonts` with `provider: none`, and `fonts.local`. */
export function installedFontsOf(headmatter: { fonts?: unknown }): string[] {
  const fonts = headmatter.fonts as Record<string, unknown> | undefined
  if (!fonts || typeof fonts !== 'object')
    return []
  const list = (v: unknown) => (Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : []).map(s => String(s).trim().replace(/^(['"])(.*)\1$/, '$2').toLowerCase()).filter(Boolean)
  const named = fonts.provider === 'none' ? ['sans', 'serif', 'mono'].flatMap(k => list(fonts[k])) : []
  return [...new Set([...named, ...list(fonts.local)])]
}

/** Both steps on slide `no` of `page`: the problems, one per family and face. */
export async function unloadedFontsOf(page: Page, slideNo: number, scope?: string, installed: string[] = []): Promise<string[]> {
  const runs = await textRunsOf(page, slideNo, scope, { keep: FONT_SUSPECTS })
  if (!runs)
    return notShowing(slideNo)
  const suspects = await inPage(page, fontSuspectsInPage, [slideNo, runs, installed, FONT_SUSPECTS])
  return (await drawnInFallback(page, suspects)).map(p => p.message)
}
