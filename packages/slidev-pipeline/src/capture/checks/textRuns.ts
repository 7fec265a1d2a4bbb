/**
 * The one walk over a slide's text that the text checks share: the type
 * scale, contrast (computed and rendered), stroked text and fonts. Each run
 * of text is read once, with each element's computed style read once (the
 * walk up to the background and the opacities reuses them).
 *
 * Computed colours decide contrast only where they are what is drawn. A run
 * is `undecided` when something between its colour and the eye is not in
 * them: an image behind it, a stroke, a filter, a blend mode, a text shadow,
 * a gradient fill or text clipped to its background. Those runs are measured
 * from pixels instead (src/capture/checks/contrast.ts). A gradient behind the
 * text is read from its colour stops.
 */
import type { Page } from 'playwright-core'
import type { SlideArg } from './slide.ts'
import { inPage } from '../inPage.ts'

type Rgb = [number, number, number]
type Rgba = [number, number, number, number]
export type Box = [left: number, top: number, width: number, height: number]

export interface TextRun {
  label: string
  tag: string
  /** Font size in canvas px (the slide's own pixels, e.g. of a 980 px wide canvas), as drawn: SVG text scaled by its viewBox counts at its drawn size. */
  size: number
  weight: number
  /** Tier of the deck's type scale (its config's `typeScale`) and the smallest size it allows, in canvas px; '' and 0 when no tier holds it. */
  tier: string
  min: number
  /** First family of `font-family`, unquoted; style and weight as `document.fonts.check` takes them; the characters drawn (only in the page). */
  family: string
  font: string
  chars?: string
  /** Every family of `font-family`, unquoted, in order (only in the page: the fonts check reads the whole stack). */
  families?: string[]
  /** With `keep`: the run's index in the page's `window[keep + 'Runs']`, which holds its element. */
  probeKey?: number
  /** The glyphs' colour and its alpha (opacity applied); absent when undecided. */
  colour?: Rgba
  /** What is behind the glyphs: one opaque colour, or the stops of an opaque gradient. */
  backgrounds?: Rgb[]
  /** Why computed colours cannot tell the contrast (what else is drawn). */
  undecided?: string
  /** A stroke painted over the fill (`rgb(...) 1px`): the glyphs read hollow. */
  stroke?: string
  /** Line boxes in viewport px; only with `rects: true`. */
  rects: Box[]
  /** With `probe`: the index set on the element as `data-text-probe` (pixel contrast paints each run by it). */
  probe?: number
  /**
   * Why contrast does not judge this run, when it is intent: a line dimmed by Slidev's line
   * highlighting (or v-click's fade, or marked `data-dimmed`), a code editor's own chrome,
   * decoration marked `aria-hidden="true"`.
   */
  exempt?: string
}

/** A tier of a deck's type scale: text inside `selector` (none: any text) must be drawn at least `min` canvas px. */
export interface TypeTier {
  name: string
  min: number
  selector?: string
}

export interface TextRunOptions {
  /** The deck's type scale: each run takes the first tier that holds it. */
  tiers?: TypeTier[]
  /** Measure each run's line boxes (for screenshots); runs without any are left out. */
  rects?: boolean
  /** Mark each run's element with `data-text-probe` (changes the DOM: only for the pixel check). */
  probe?: boolean
  /** Keep each run's element in the page, in `window[keep + 'Runs']` (the fonts check asks Chromium what drew it). */
  keep?: string
}

/** Runs in the page (sent as source text: self-contained, no imports). Null when the slide is not rendered. */
export function textRunsInPage([n, scope, options = {}]: [...SlideArg, TextRunOptions?]): TextRun[] | null {
  const IGNORED = '.sr-only, title, desc, style, script, .katex-mathml'
  // A line of Shiki's code (Slidev's code blocks) or of a Monaco editor.
  const CODE_LINE = 'pre.shiki code > .line, .monaco-editor .view-line'
  // Slidev's line highlighting (@slidev/client logic/utils.ts, KaTeX's too) marks the lines it dims; v-click's fade.
  const DIMMED_LINES = '.slidev-code-dishonored, .dishonored'
  // Magic Move's line numbers are dimmed by @shikijs/magic-move itself (opacity .3), as Shiki's gutter is.
  const DIMMED = `${DIMMED_LINES}, .slidev-vclick-hidden.slidev-vclick-anim-fade, .slidev-vclick-fade, .shiki-magic-move-line-number, [data-dimmed]`
  const root = scope ? document.querySelector(scope) : document
  // Slidev keeps neighbouring slides mounted but hidden: the one that shows.
  const slide = [...(root?.querySelectorAll(`.slidev-page-${n}`) ?? [])].find(el => el.checkVisibility()) as HTMLElement | undefined
  if (!slide)
    return null
  const styles = new Map<Element, CSSStyleDeclaration>()
  const styleOf = (el: Element) => {
    let s = styles.get(el)
    if (!s)
      styles.set(el, s = getComputedStyle(el))
    return s
  }
  const rgba = (c: string) => {
    const v = (c.match(/[\d.]+/g) ?? []).map(Number)
    return /^rgba?\(/.test(c) && v.length >= 3 ? [v[0]!, v[1]!, v[2]!, v[3] ?? 1] : undefined
  }
  const unquote = (f: string) => f.trim().replace(/^(['"])(.*)\1$/, '$2')
  // Canvas px per viewport px: Slidev scales the slide to fit the window.
  const scale = slide.offsetWidth / slide.getBoundingClientRect().width || 1
  const tierOf = (el: Element) => {
    const tier = (options.tiers ?? []).find(t => !t.selector || el.closest(t.selector))
    return { tier: tier?.name ?? '', min: tier?.min ?? 0 }
  }

  /** What computed colours do not show, from `el` up to the slide, and the opacity it is drawn with (memoised: runs share ancestors). */
  const effects = new Map<Element, { opacity: number, effect?: string }>()
  const effectsOf = (el: Element | null): { opacity: number, effect?: string } => {
    if (!el || el === slide.parentElement)
      return { opacity: 1 }
    let known = effects.get(el)
    if (!known) {
      const s = styleOf(el)
      const above = effectsOf(el.parentElement)
      const own = s.filter !== 'none' ? `a filter (${s.filter})` : s.mixBlendMode !== 'normal' ? `a blend mode (${s.mixBlendMode})` : undefined
      effects.set(el, known = { opacity: Number(s.opacity) * above.opacity, effect: own ?? above.effect })
    }
    return known
  }
  /** The first opaque background behind `el` (a colour, or an opaque gradient's stops), or undefined when none can be read (memoised). */
  const behind = new Map<Element, Rgb[] | undefined>()
  const backgroundsOf = (el: Element | null): Rgb[] | undefined => {
    if (!el)
      return [[255, 255, 255]]
    if (behind.has(el))
      return behind.get(el)
    const s = styleOf(el)
    let found: Rgb[] | undefined
    if (s.backgroundImage !== 'none') {
      const stops = Array.from(s.backgroundImage.matchAll(/rgba?\([^)]*\)/g), m => rgba(m[0])!)
      const gradient = s.backgroundImage.includes('gradient(') && !/url\(|image-set\(|cross-fade\(|element\(/.test(s.backgroundImage)
      found = gradient && stops.length && stops.every(c => c[3]! >= 0.99) ? stops.map(c => [c[0]!, c[1]!, c[2]!]) : undefined
    }
    else {
      const c = rgba(s.backgroundColor)
      found = c && c[3]! >= 0.99 ? [[c[0]!, c[1]!, c[2]!]] : backgroundsOf(el.parentElement)
    }
    behind.set(el, found)
    return found
  }

  const runs = new Map<Element, TextRun>()
  const kept: Element[] = []
  if (options.keep)
    (window as any)[`${options.keep}Runs`] = kept
  const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement
    if (!parent || !node.textContent?.trim())
      continue
    const svgText = parent.closest('text')
    // Highlighted code is judged a line at a time, in the line's colour (the theme's foreground): the
    // tokens' colours are the theme's palette, and one run per line is the same on every run
    // (Monaco splits a line into more tokens once its tokenizer has run).
    const codeLine = svgText ? null : parent.closest(CODE_LINE)
    const owner = svgText ?? codeLine ?? parent
    // Code with no line elements (Shiki Magic Move: tokens and <br>s): each token in the block's colour.
    const codeBlock = svgText || codeLine ? null : parent.closest('pre.shiki')
    let run = runs.get(owner)
    if (!run) {
      if (owner.closest(IGNORED) || !owner.checkVisibility({ opacityProperty: true, visibilityProperty: true }))
        continue
      const style = styleOf(owner)
      let size = Number.parseFloat(style.fontSize)
      if (svgText) {
        // User units to canvas px: the drawn height over the height in the SVG's own units.
        const box = (svgText as SVGTextElement).getBBox()
        size *= box.height > 0 ? svgText.getBoundingClientRect().height * scale / box.height : 1
      }
      const isSvg = owner instanceof SVGElement
      const fill = isSvg ? style.fill : styleOf(codeBlock ?? owner).webkitTextFillColor
      const strokeWidth = Number.parseFloat(isSvg ? style.strokeWidth : style.webkitTextStrokeWidth) || 0
      const strokeColour = isSvg ? style.stroke : style.webkitTextStrokeColor
      const stroked = strokeWidth > 0 && (isSvg ? strokeColour !== 'none' && Number(style.strokeOpacity) > 0 : (rgba(strokeColour)?.[3] ?? 0) > 0)
      // paint-order lists what is painted first; missing keywords follow in the default order.
      const given = style.paintOrder === 'normal' ? [] : style.paintOrder.split(/\s+/)
      const order = [...given, ...['fill', 'stroke', 'markers'].filter(k => !given.includes(k))]
      const strokeOverFill = stroked && order.indexOf('stroke') > order.indexOf('fill')
      const { opacity, effect } = effectsOf(owner)
      const fg = rgba(fill)
      const backgrounds = backgroundsOf(owner)
      const weight = Number.parseFloat(style.fontWeight) || 400
      const undecidedBecause = () => {
        if (stroked)
          return `a stroke (${strokeColour} ${strokeWidth}px)`
        if (effect)
          return effect
        if (style.textShadow !== 'none')
          return 'a text shadow'
        if (!fg)
          return `a fill of ${fill}`
        if (fg[3] === 0 && !isSvg)
          return 'text clipped to its background'
        return backgrounds ? undefined : 'a background image or a translucent gradient'
      }
      const dimmed = owner.closest(DIMMED)
      const exempt = dimmed
        ? (dimmed.matches(DIMMED_LINES) ? 'a line dimmed by line highlighting' : 'dimmed on purpose')
        : !codeLine && !codeBlock && owner.closest('.monaco-editor')
            ? 'the code editor\'s own chrome'
            : owner.closest('[aria-hidden="true"]') ? 'decoration (aria-hidden)' : undefined
      run = {
        ...(exempt && { exempt }),
        label: (owner.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 48),
        tag: owner.localName,
        size: Math.round(size * 10) / 10,
        weight,
        ...tierOf(owner),
        family: unquote(style.fontFamily.split(',')[0] ?? ''),
        families: style.fontFamily.split(',').map(unquote).filter(Boolean),
        font: `${style.fontStyle} ${style.fontWeight} 16px`,
        chars: '',
        undecided: undecidedBecause(),
        stroke: strokeOverFill ? `${strokeColour} ${strokeWidth}px` : undefined,
        rects: [],
      }
      if (!run.undecided) {
        run.colour = [fg![0]!, fg![1]!, fg![2]!, fg![3]! * (isSvg ? Number(style.fillOpacity || 1) : 1) * opacity]
        run.backgrounds = backgrounds
      }
      if (options.keep)
        run.probeKey = kept.push(owner) - 1
      if (options.probe) {
        run.probe = runs.size
        owner.setAttribute('data-text-probe', String(run.probe))
      }
      runs.set(owner, run)
      if (svgText && options.rects) {
        const r = svgText.getBoundingClientRect()
        run.rects.push([r.left, r.top, r.width, r.height])
      }
    }
    for (const ch of new Set(node.textContent.trim())) {
      if (!run.chars!.includes(ch))
        run.chars += ch
    }
    if (!svgText && options.rects) {
      const range = document.createRange()
      range.selectNodeContents(node)
      for (const r of range.getClientRects()) {
        if (r.width > 0 && r.height > 0)
          run.rects.push([r.left, r.top, r.width, r.height])
      }
    }
  }
  // With boxes measured, a run with none is not drawn (an empty line, a collapsed element).
  return [...runs.values()].filter(r => !options.rects || r.rects.length)
}

export function textRunsOf(page: Page, slideNo: number, scope?: string, options: TextRunOptions = {}): Promise<TextRun[] | null> {
  return inPage(page, textRunsInPage, [slideNo, scope, options])
}
