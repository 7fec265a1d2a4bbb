import type { ServedDeck } from '../build/build.ts'
import type { Deck } from '../support/deck.ts'
import type { BrowserContext, Locator, Page } from './browser.ts'
/**
 * Everything the pipeline takes from the built deck, through Slidev's own
 * /print route (as Slidev's exporter does): the slides PDF from one page in
 * `print=true` mode (every slide in its final click state), and a still per
 * slide and click step from pages in `print=clicks` mode (one container per
 * step, as Slidev's PNG export takes them). No slide is loaded twice.
 */
import { parseAspectRatio } from '@slidev/parser/utils'
import { parsePrintContainerId, PRINT_CONTAINER, printQuery, SLIDE_LOADING, SLIDE_PAGE } from '../slidev/internals.ts'
import { inPage, onElement, onElements } from './inPage.ts'
import { editorsSettled, settle } from './page.ts'

/** The slide canvas in CSS px, as Slidev lays it out (`canvasWidth`, `aspectRatio`). */
export interface Canvas { width: number, height: number }

export function canvasOf(deck: Deck): Canvas {
  const width = Number(deck.headmatter.canvasWidth ?? 980)
  const aspect = parseAspectRatio(String(deck.headmatter.aspectRatio ?? '16/9'))
  return { width, height: width / aspect }
}

/** A slide at one click step, drawn in a page the pipeline captures from. */
export interface SlideView {
  page: Page
  /** The slide's container on the page (Slidev's `.print-slide-container`). */
  element: Locator
  /** 1-based slide number. */
  no: number
  /** Click step shown, 0 = before the first click. */
  clicks: number
  /** This is the slide's last click step (as the PDF and PNGs show it). */
  final: boolean
  /** `print`: the page the slides PDF is printed from (final click state); `clicks`: a page stills are taken from. */
  route: 'print' | 'clicks'
}

export interface CaptureHooks {
  /** A new capture page, before it loads the deck: attach listeners and routes here. */
  onPage?: (page: Page, route: SlideView['route']) => Promise<void> | void
  /**
   * Once per capture page, when every slide it will capture is drawn on it
   * (stacked, as the print route lays them out): look at them all in one round trip.
   */
  onSlides?: (views: SlideView[]) => Promise<void> | void
  /** After each slide (and click step) is fully drawn, before it is captured. */
  onSlide?: (view: SlideView) => Promise<void> | void
}

/** Opens the print route and waits until every slide on it is drawn. */
async function openPrintPage(context: BrowserContext, served: ServedDeck, route: SlideView['route'], hooks: CaptureHooks, range?: string): Promise<Page> {
  const page = await context.newPage()
  await hooks.onPage?.(page, route)
  const path = printQuery(route === 'print' ? 'true' : 'clicks') + (range ? `&range=${encodeURIComponent(range)}` : '')
  await page.goto(new URL(path, served.url).href, { waitUntil: 'networkidle' })
  // The app is loaded (networkidle): a print route draws its first container within a second
  // on an idle machine. The wait is long because a machine shared with other builds can take
  // over 10 s (seen under a load average of 24 on 2 cores); a Slidev that moved the route is
  // stopped before this, at start-up (assertDrivableSlidev), so only a foreign build waits it out.
  await page.locator(PRINT_CONTAINER).first().waitFor({ state: 'attached', timeout: 60_000 }).catch(() => {
    throw new Error(`The build in ${served.dir} has no print route to export from (no ${PRINT_CONTAINER} after 60 s): the pipeline's build turns it on (slidev-pipeline: src/slidev/internals.ts); was it built by another tool?`)
  })
  // Until no slide shows Slidev's loading placeholder. Not `locator(…).waitFor({ state: 'detached' })`: a
  // locator's wait is strict, so with two slides still loading it threw, the catch swallowed it, and the
  // checks ran on a slide not yet drawn ("slide 26: not rendered", once, at load average 8).
  await page.waitForFunction(selector => !document.querySelector(selector), SLIDE_LOADING, { timeout: 60_000 }).catch(() => {})
  if (route === 'clicks')
    await containersSettled(page)
  // Once every container is there: each click step's container holds an editor of its own.
  await editorsSettled(page)
  await settle(page)
  return page
}

/**
 * In `print=clicks` mode a slide first gets the container of click 0; the
 * containers of its other clicks appear once the slide has mounted and
 * counted its v-clicks (Slidev: "clicks0.total can be any number >=0 when
 * rendering"). Under load that comes after the network is idle, so a page
 * that listed its containers at once missed some steps. Waits until the list
 * of containers has stayed the same for `quiet` ms.
 */
async function containersSettled(page: Page, quiet = 400, timeout = 30_000) {
  const started = Date.now()
  let last = ''
  let since = Date.now()
  while (Date.now() - since < quiet) {
    if (Date.now() - started > timeout)
      throw new Error(`The print page's slides kept changing for ${timeout / 1000} s (${last.split(' ').length} containers)`)
    await page.waitForTimeout(100)
    const ids = (await onElements(page.locator(PRINT_CONTAINER), els => els.map(e => e.id))).join(' ')
    if (ids !== last) {
      last = ids
      since = Date.now()
    }
  }
}

/** Every container on a print page with its slide number and click step. */
async function containersOf(page: Page) {
  const ids = await onElements(page.locator(PRINT_CONTAINER), els => els.map(e => e.id))
  const parsed = ids.map(parsePrintContainerId)
  return parsed.map(({ no, clicks }, i) => ({ no, clicks, final: parsed[i + 1]?.no !== no, element: page.locator(PRINT_CONTAINER).nth(i) }))
}

/**
 * Each slide's first heading as drawn, by slide number: the title a reader
 * sees (Markdown rendered, a component in it drawn, a `{{ }}` filled in).
 * Read from the slides' last click step, with text only a screen reader or
 * KaTeX's MathML holds left out; '' for a slide drawn without a heading.
 */
export async function slideHeadings(views: SlideView[]): Promise<Map<number, string>> {
  const finals = views.filter(v => v.final)
  const texts = await Promise.all(finals.map(v => onElement(v.element, (el, slidePage) => {
    const heading = (el.querySelector(slidePage) ?? el).querySelector('h1, h2, h3, h4, h5, h6')
    if (!heading)
      return ''
    const copy = heading.cloneNode(true) as Element
    copy.querySelectorAll('.sr-only, .katex-mathml, style, script, title, desc').forEach(e => e.remove())
    return (copy.textContent ?? '').replace(/\s+/g, ' ').trim()
  }, SLIDE_PAGE)))
  return new Map(finals.map((v, i) => [v.no, texts[i]!]))
}

/** Runs the slide hook over every container of a print page. */
async function visit(page: Page, route: SlideView['route'], hooks: CaptureHooks) {
  const containers = await containersOf(page)
  await hooks.onSlides?.(containers.map(c => ({ page, route, ...c })))
  if (hooks.onSlide) {
    for (const c of containers)
      await hooks.onSlide({ page, route, ...c })
  }
  return containers
}

/**
 * Runs in the page (sent as source text: self-contained): what the page's
 * `<body>` lays out outside Slidev's app (`#app`), in the flow of the page, as
 * one `"text"` (an element with none as `<tag>`). A deck's own `index.html` is merged into Slidev's, its
 * `<body>` content included: a note left for a web host ("Go to /dist to view
 * the slides") printed as a page of its own before the slides, and Chromium
 * printed one page more than the deck has slides. With `hide`, each is taken
 * out of the page (the PDF is the slides, as the deck shows them).
 */
export function outsideSlidesInPage(hide = false): string[] {
  const found: string[] = []
  for (const node of [...document.body.childNodes]) {
    if (node instanceof Element && (node.id === 'app' || node.matches('script, style, link, meta, template, noscript')))
      continue
    const text = (node.textContent ?? '').trim().replace(/\s+/g, ' ')
    const inFlow = node instanceof HTMLElement
      ? node.checkVisibility() && node.getBoundingClientRect().height > 0 && ['static', 'relative', 'sticky'].includes(getComputedStyle(node).position)
      : node.nodeType === Node.TEXT_NODE && text.length > 0
    if (!inFlow)
      continue
    found.push(text || `<${(node as Element).localName}>`)
    if (hide && node instanceof HTMLElement)
      node.style.setProperty('display', 'none', 'important')
    else if (hide)
      node.textContent = ''
  }
  // One cause: the body's note, as it reads.
  const all = found.join(' ')
  return all ? [`"${all.length > 60 ? `${all.slice(0, 60)}…` : all}"`] : []
}

/** The slides PDF, as Chromium prints the print route: one page per slide, vector, fonts embedded, links live. */
export async function printSlides(context: BrowserContext, served: ServedDeck, canvas: Canvas, options: { dark?: boolean, hooks?: CaptureHooks } = {}): Promise<Uint8Array> {
  const hooks = options.hooks ?? {}
  const page = await openPrintPage(context, served, 'print', hooks)
  try {
    await page.emulateMedia({ media: 'screen', colorScheme: options.dark ? 'dark' : 'light' })
    await settle(page)
    await visit(page, 'print', hooks)
    // Each container breaks the page after itself; after the last one that
    // would print an empty page (the canvas is 551.25 px, the page 414 pt).
    await onElement(page.locator(PRINT_CONTAINER).last(), (el: HTMLElement) => { el.style.breakAfter = 'auto' })
    // Print what the screen shows. Chromium fragments each container across
    // pages: an image taller than the space left on its slide was pushed to the
    // next page and clipped there, so it vanished from the PDF (Slidev's own
    // export loses it too). Size containment makes the container monolithic:
    // it is never split, and its fixed width and height are what it had anyway.
    await page.addStyleTag({ content: `${PRINT_CONTAINER} { contain: size }` })
    // Only the slides: what a deck's index.html adds to <body> is not a page of the PDF (the gate names it).
    await inPage(page, outsideSlidesInPage, true)
    return await page.pdf({
      width: `${canvas.width}px`,
      height: `${canvas.height}px`,
      margin: { left: 0, top: 0, right: 0, bottom: 0 },
      printBackground: true,
      preferCSSPageSize: true,
      // A tagged PDF: Chromium writes the page's accessibility tree as the
      // structure tree (H1, L/LI, Table/TH, Link, Figure with /Alt from an
      // image's accessible name) and /Lang from <html lang>. No `outline`:
      // slides-pdf.ts writes one entry per slide, Chromium's would list every heading.
      tagged: true,
    })
  }
  finally {
    await page.close()
  }
}

export interface Still { no: number, clicks: number, png: Buffer }

/**
 * One PNG per slide and click step, `width` px wide (1920: 1080p), drawn at
 * that scale by Chromium (not enlarged afterwards). The print page stacks every step; for each
 * capture only that step's container is displayed, at the top of the page,
 * and cut out by its exact rectangle through the DevTools protocol
 * (Playwright rounds boxes to whole CSS pixels: 551.25 px would give 1081
 * rows). Print mode turns transitions off, so showing a container again draws
 * it finished. `fastPng`: Chromium's fast PNG encoder, for stills nobody keeps (the video's).
 *
 * One page, not several side by side: two pages of one Chromium took longer
 * than one (measured on 2 cores, Chromium 156: the talk's 33 PNGs 20.2 → 16.1 s
 * of capture, its 93 stills and PDF for `all` 32.9 → 27.1 s, a 5-slide deck's
 * PNGs 7.9 → 3.6 s), because the second page's frames
 * wait on the first's (its first still took 2.1 s instead of 0.13 s).
 */
export async function captureStills(context: BrowserContext, served: ServedDeck, canvas: Canvas, options: { width?: number, hooks?: CaptureHooks, onStill?: (still: Still) => void, finalOnly?: boolean, fastPng?: boolean } = {}): Promise<Still[]> {
  const hooks = options.hooks ?? {}
  const page = await openPrintPage(context, served, 'clicks', hooks)
  try {
    let containers = await containersOf(page)
    if (options.finalOnly)
      containers = containers.filter(c => c.final)
    // Before one still is shown at a time: every step is drawn, stacked.
    await hooks.onSlides?.(containers.map(c => ({ page, route: 'clicks', ...c })))
    await page.addStyleTag({ content: `html.one-still ${PRINT_CONTAINER}:not(.still-current) { display: none !important }` })
    const viewport = page.viewportSize()!
    const cdp = await context.newCDPSession(page)
    const stills: Still[] = []
    for (const c of containers) {
      // No wait for a frame here: the screenshot below draws a new one of the page as it is now
      // (the talk's 93 stills and the features deck's 16 were byte for byte the same with two
      // requestAnimationFrame waits, which cost 45 ms a still).
      const box = await onElement(c.element, (el) => {
        document.documentElement.classList.add('one-still')
        document.querySelector('.still-current')?.classList.remove('still-current')
        el.classList.add('still-current')
        window.scrollTo(0, 0)
        const r = el.getBoundingClientRect()
        return { x: r.left, y: r.top }
      })
      await hooks.onSlide?.({ page, route: 'clicks', ...c })
      const { data } = await cdp.send('Page.captureScreenshot', {
        format: 'png',
        // Lossless either way; faster to encode and about a third larger (stills only the video reads).
        optimizeForSpeed: options.fastPng ?? false,
        clip: { x: box.x, y: box.y, width: canvas.width, height: canvas.height, scale: (options.width ?? 1920) / canvas.width },
      })
      // A still is only as good as the window it was taken in.
      const shown = await inPage(page, () => ({ width: innerWidth, height: innerHeight }))
      if (shown.width !== viewport.width || shown.height !== viewport.height)
        throw new Error(`The capture page's window changed to ${shown.width}×${shown.height} CSS px (the viewport is ${viewport.width}×${viewport.height}) while slide ${c.no}, click ${c.clicks} was taken: its still would be cut off.`)
      const still = { no: c.no, clicks: c.clicks, png: Buffer.from(data, 'base64') }
      options.onStill?.(still)
      stills.push(still)
    }
    await cdp.detach()
    return stills
  }
  finally {
    await page.close()
  }
}

/**
 * Click steps per slide as Chromium drew them, added into `into` (`into[no - 1]`):
 * the highest step among each slide's containers. On the PDF's page (print=true)
 * each slide shows at its last step, so its step is its click count; on a
 * print=clicks page the last container of a slide is. The one place clicks are counted.
 */
export function clicksSeen(views: readonly { no: number, clicks: number }[], into: number[] = []): number[] {
  for (const v of views)
    into[v.no - 1] = Math.max(into[v.no - 1] ?? 0, v.clicks)
  return into
}

/** Click steps per slide as Slidev counts them: the containers of the `print=clicks` route (when nothing else is captured). */
export async function countClicks(context: BrowserContext, served: ServedDeck, hooks: CaptureHooks = {}, into: number[] = []): Promise<number[]> {
  const page = await openPrintPage(context, served, 'clicks', hooks)
  try {
    return clicksSeen(await containersOf(page), into)
  }
  finally {
    await page.close()
  }
}
