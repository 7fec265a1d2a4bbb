import type { Browser } from 'playwright-chromium'
import type { ServedDeck } from '../scripts/lib/build'
/**
 * The design checks, seen to fail: a small deck broken on purpose
 * (test/fixtures/broken-design) reproduces the hollow dark-mode labels, faint
 * text that computed styles call fine, type below the scale, a half-empty
 * slide and a QR code too small to scan. Each check must name its slide, and
 * only that slide.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../scripts/lib/browser'
import { buildAndServe } from '../scripts/lib/build'
import { emptyProblems, guardedContext, walkDeck } from './helpers/quality'

let browser: Browser
let served: ServedDeck
const light = emptyProblems()
const dark = emptyProblems()

beforeAll(async () => {
  [browser, served] = await Promise.all([
    launchChromium(),
    buildAndServe({ entry: 'test/fixtures/broken-design/slides.md', base: '/broken-design/' }),
  ])
  for (const [problems, theme] of [[light, 'light'], [dark, 'dark']] as const) {
    const { context, at } = await guardedContext(browser, problems, { dark: theme === 'dark' })
    await walkDeck(context, at, served, 5, problems, theme)
    await context.close()
  }
}, 1_200_000)
afterAll(async () => {
  await browser?.close()
  await served?.close()
})

const onSlide = (problems: string[], no: number) => problems.filter(p => p.startsWith(`slide ${no} `) || p.startsWith(`slide ${no}:`))

describe('the design checks catch a broken deck', () => {
  it('refuses the hollow dark-mode labels: stroke painted over the fill, in dark only', () => {
    expect(onSlide(dark.strokeOverFill, 1).join('\n')).toMatch(/slide 1 \(dark\): <text> "Azure Linux 3\.0" has a stroke \(rgb\(18, 18, 18\) 1px\) painted over its fill/)
    // Light mode has no stroke anywhere; in dark the bare html.dark rule reaches
    // every SVG text of the deck once the component's CSS is loaded, as it did.
    expect(light.strokeOverFill).toEqual([])
  })

  it('measures the hollow labels from the pixels: low contrast in dark, fine in light', () => {
    expect(onSlide(dark.renderedContrast, 1).join('\n')).toMatch(/slide 1 \(dark\): text "Ubuntu 24\.04 kernel 6\.8\.0" is drawn at contrast [1-3]\.\d+:1, needs 4\.5:1/)
    expect(onSlide(light.renderedContrast, 1)).toEqual([])
  })

  it('measures faint text from the pixels, including a filter that computed styles miss', () => {
    const faint = onSlide(light.renderedContrast, 2).join('\n')
    expect(faint).toMatch(/slide 2 \(light\): text "Mid grey on white: about 2\.8 to 1\." is drawn at contrast 2\.\d+:1/)
    expect(faint).toMatch(/slide 2 \(light\): text "Dark text faded by a filter that computed styles?" is drawn at contrast 1\.\d+:1/)
    expect(faint).not.toMatch(/readable/)
    expect(light.renderedContrast.filter(p => !p.startsWith('slide 2 '))).toEqual([])
  })

  it('names text below the type scale: body, chart label drawn small, footnote', () => {
    const small = light.typeScale.join('\n')
    expect(small).toMatch(/slide 3: body text "Body text at fifteen pixels\." is 15 px, below the 20 px minimum/)
    expect(small).toMatch(/slide 3: chart, table, code or caption text "Label drawn at ten pixels" is 10 px, below the 14 px minimum/)
    expect(small).toMatch(/slide 3: source footnote "Source: a footnote at nine pixels" is 9 px, below the 11 px minimum/)
    expect(light.typeScale.filter(p => !p.startsWith('slide 3:'))).toEqual([])
  })

  it('names the half-empty slide, and only it', () => {
    expect(light.balance).toHaveLength(1)
    expect(light.balance[0]).toMatch(/^slide 4: content ends at \d+ % of the slide height/)
  })

  it('names the QR code that is too small and does not decode at 640x360, and passes the big one', () => {
    expect(light.qr).toEqual([
      'slide 5: QR code for https://example.com/too-small is 11 % of the slide height, below 30 %',
      'slide 5: QR code for https://example.com/too-small does not decode from a 640×360 screenshot',
    ])
  })
})
