import type { Browser } from 'playwright-chromium'
import type { ServedDeck } from 'slidev-pipeline/testing'
import { readFileSync } from 'node:fs'
import { buildAndServe, launchChromium, loadDeck } from 'slidev-pipeline/testing'
/**
 * Each quality and design check, seen to fail: a deck broken on purpose
 * (test/fixtures/broken-deck), one slide per problem, walked in light and
 * dark like the real deck. Each check must name its slide, and only that
 * slide (a check that names every slide would pass a test that looks only
 * for the broken one). One deck, one build, for all the checks.
 *
 *   1 hollow chart labels in dark mode     6 a request to a public host
 *   2 faint text (one faded by a filter)   7 an error thrown while rendering
 *   3 text below the type scale            8 content past the slide's edges
 *   4 a half-empty slide                   9 an image without alt text, faint text,
 *                                            a link with no focus ring
 *   5 a QR code too small to scan         10 a misspelt component
 *                                         11 empty frames: rules without their rows, a chart with no label
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { emptyProblems, guardedContext, walkDeck } from './helpers/quality'

let browser: Browser
let served: ServedDeck
const light = emptyProblems()
const dark = emptyProblems()

beforeAll(async () => {
  let deck
  [browser, served, deck] = await Promise.all([
    launchChromium(),
    // check: false, so the remote image the deck check would refuse reaches the browser's offline guard.
    buildAndServe({ entry: 'test/fixtures/broken-deck/slides.md', base: '/broken/', check: false }),
    loadDeck('test/fixtures/broken-deck/slides.md'),
  ])
  for (const [problems, theme] of [[light, 'light'], [dark, 'dark']] as const) {
    const { context, at } = await guardedContext(browser, problems, { dark: theme === 'dark' })
    await walkDeck(context, at, served, deck.slides, problems, theme)
    await context.close()
  }
}, 1_200_000)
afterAll(async () => {
  await browser?.close()
  await served?.close()
})

/** The slide numbers a list of problems names ("slide 3: …", "slide 3 (dark): …", "[slide 3] …"). */
const slidesOf = (problems: string[]) => [...new Set(problems.map(p => Number(p.match(/slide (\d+)/)?.[1])))].sort((a, b) => a - b)
const onSlide = (problems: string[], no: number) => problems.filter(p => slidesOf([p])[0] === no)

describe('the quality checks catch a broken deck', () => {
  it('blocks and names a request to a public host', () => {
    // Named by the slide on screen when the request went out: Slidev renders slides ahead, so not always slide 6.
    for (const problems of [light.offline, dark.offline]) {
      expect(problems.join('\n')).toMatch(/slide \d+ \((light|dark)\): request to https:\/\/example\.com\/background\.png/)
      expect(problems.filter(p => !p.includes('request to https://example.com/background.png'))).toEqual([])
    }
  })

  it('reports an error thrown while a slide renders', () => {
    // Named by the slide whose render threw, whichever slide showed then (Slidev renders ahead).
    expect(light.errors.join('\n')).toMatch(/\[slide 7\] TypeError: .*deeper/)
    expect([...light.errors, ...dark.errors].filter(e => !e.includes('[slide 7]'))).toEqual([])
  })

  it('names what overflows the slide, and only on that slide', () => {
    const overflow = light.overflow.join('\n')
    expect(overflow).toMatch(/slide 8: <div> extends past the slide's right edge/)
    expect(overflow).toMatch(/slide 8: <div> "Too tall" extends past the slide's bottom edge/)
    expect(slidesOf(light.overflow)).toEqual([8])
  })

  it('names what did not render: the misspelt component, the image the offline guard blocked', () => {
    const rendering = light.rendering.join('\n')
    expect(rendering).toMatch(/slide 10: <chartt> is not a known component or element/)
    // Named as the deck wrote it (an inline style's url()), not by its path alone.
    expect(rendering).toMatch(/slide 6: image https:\/\/example\.com\/background\.png did not load/)
    expect(slidesOf([...light.rendering, ...dark.rendering]), [...light.rendering, ...dark.rendering].join('\n')).toEqual([6, 10])
  })

  it('reports what axe-core finds (an image without a text alternative), and only on that slide', () => {
    // axe's findings name a rule ("image-alt: …"); the rest of the list is the computed contrast of the last step.
    const axe = (problems: string[]) => problems.filter(p => !/^slide \d+ \(\w+\): text "/.test(p))
    expect(axe(light.accessibility).join('\n')).toMatch(/slide 9 \(light\): image-alt: .* at img/)
    expect(slidesOf([...axe(light.accessibility), ...axe(dark.accessibility)])).toEqual([9])
  })

  it('names a link whose keyboard focus cannot be seen (measured in pixels), and only on that slide', () => {
    for (const [problems, theme] of [[light, 'light'], [dark, 'dark']] as const) {
      expect(problems.keyboard.join('\n')).toMatch(new RegExp(`slide 9 \\(${theme}\\): <a> "a link that hides its focus ring" shows no visible focus indicator \\(0 pixels change`))
      expect(slidesOf(problems.keyboard)).toEqual([9])
    }
  })
})

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
    const grey = onSlide(light.renderedContrast, 9).join('\n')
    expect(grey).toMatch(/slide 9 \(light\): text "Light grey on white is unreadable on a projector" is drawn at contrast 1\.\d+:1/)
    expect(grey).toMatch(/slide 9 \(light\): text "Faint chart label" is drawn at contrast 1\.\d+:1/)
    expect(onSlide(light.accessibility, 9).join('\n')).toMatch(/slide 9 \(light\): text "Faint chart label" has contrast 1\.\d+:1 \(computed colours\)/)
    expect(slidesOf(light.renderedContrast)).toEqual([2, 9])
  })

  it('names text below the type scale: body, chart label drawn small, footnote', () => {
    const small = light.typeScale.join('\n')
    expect(small).toMatch(/slide 3: body text "Body text at fifteen pixels\." is 15 px, below the 20 px minimum/)
    expect(small).toMatch(/slide 3: chart, table, code or caption text "Label drawn at ten pixels" is 10 px, below the 14 px minimum/)
    expect(small).toMatch(/slide 3: source footnote "Source: a footnote at nine pixels" is 9 px, below the 11 px minimum/)
    expect(slidesOf(light.typeScale)).toEqual([3])
  })

  it('names the half-empty slide, and only it (besides slide 7, empty because its render threw)', () => {
    expect(light.balance.find(p => p.startsWith('slide 4:'))).toMatch(/^slide 4: content ends at \d+ % of the slide height/)
    expect(slidesOf(light.balance)).toEqual([4, 7])
  })

  it('names the empty frames with file, line, slide and click step, and only on that slide', () => {
    // The line that names each frame, found in the fixture (a slide added above moves them).
    const lines = readFileSync('test/fixtures/broken-deck/slides.md', 'utf8').split('\n')
    const at = (needle: string, step: number) => `test/fixtures/broken-deck/slides.md:${lines.findIndex(l => l.startsWith(needle)) + 1}: slide 11 "Empty frames", click ${step}: `
    for (const [problems, theme] of [[light.emptyFrames, 'light'], [dark.emptyFrames, 'dark']] as const) {
      // Each problem once, at the first step it shows: the collapsed rules of both hidden rows, and the chart with an axis and a lone "0".
      expect(problems).toEqual([
        `${at('<table style="border-collapse', 0)}table row 2 of <table> draws its rules with no visible text: an empty frame (reveal the whole row, rules included) (${theme})`,
        `${at('<table style="border-collapse', 0)}table row 3 of <table> draws its rules with no visible text: an empty frame (reveal the whole row, rules included) (${theme})`,
        `${at('<svg viewBox="0 0 400 110"', 0)}chart <svg> "Bars whose labels come with them" is drawn with no visible label or mark: an empty frame (show its labels from the first step) (${theme})`,
      ])
    }
  })

  it('names the QR code that is too small and does not decode at 640x360, and passes the big one', () => {
    expect(light.qr).toEqual([
      'slide 5: QR code for https://example.com/too-small is 11 % of the slide height, below 30 %',
      'slide 5: QR code for https://example.com/too-small does not decode from a 640×360 screenshot',
    ])
  })
})
