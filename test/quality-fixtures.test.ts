import type { Browser } from 'playwright-chromium'
import type { ServedDeck } from '../scripts/lib/build'
/**
 * Each quality check, seen to fail: a small deck broken on purpose
 * (test/fixtures/broken-render) must trip the offline, error, overflow,
 * accessibility and contrast checks, each naming the slide.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../scripts/lib/browser'
import { buildAndServe } from '../scripts/lib/build'
import { emptyProblems, guardedContext, walkDeck } from './helpers/quality'

let browser: Browser
let served: ServedDeck
const problems = emptyProblems()

beforeAll(async () => {
  [browser, served] = await Promise.all([
    launchChromium(),
    // check: false, so the remote image the deck check would refuse reaches the browser's offline guard.
    buildAndServe({ entry: 'test/fixtures/broken-render/slides.md', base: '/broken/', check: false }),
  ])
  const { context, at } = await guardedContext(browser, problems)
  await walkDeck(context, at, served, 4, problems, 'light')
  await context.close()
})
afterAll(async () => {
  await browser?.close()
  await served?.close()
})

describe('the quality checks catch a broken deck', () => {
  it('blocks and names a request to a public host', () => {
    expect(problems.offline.join('\n')).toMatch(/slide 1 \(light\): request to https:\/\/example\.com\/background\.png/)
  })

  it('reports an error thrown while a slide renders', () => {
    // Named by the slide whose render threw, whichever slide showed then (Slidev renders ahead).
    expect(problems.errors.join('\n')).toMatch(/\[slide 2\] TypeError: .*deeper/)
    expect(problems.errors.filter(e => !e.includes('[slide 2]'))).toEqual([])
  })

  it('names what overflows the slide, and only on that slide', () => {
    const overflow = problems.overflow.join('\n')
    expect(overflow).toMatch(/slide 3: <div> extends past the slide's right edge/)
    expect(overflow).toMatch(/slide 3: <div> "Too tall" extends past the slide's bottom edge/)
    expect(problems.overflow.every(p => p.startsWith('slide 3'))).toBe(true)
  })

  it('reports what axe-core finds (an image without a text alternative), and only on that slide', () => {
    expect(problems.accessibility.join('\n')).toMatch(/slide 4 \(light\): image-alt: .* at img/)
    expect(problems.accessibility.filter(p => !p.startsWith('slide 4'))).toEqual([])
  })

  it('measures contrast itself, from colours and pixels, where axe-core is not asked', () => {
    expect(problems.accessibility.join('\n')).toMatch(/slide 4 \(light\): text "Faint chart label" has contrast 1\.\d+:1/)
    const drawn = problems.renderedContrast.join('\n')
    expect(drawn).toMatch(/slide 4 \(light\): text "Light grey on white is unreadable on a projector" is drawn at contrast 1\.\d+:1/)
    expect(drawn).toMatch(/slide 4 \(light\): text "Faint chart label" is drawn at contrast 1\.\d+:1/)
    expect(problems.renderedContrast.filter(p => !p.startsWith('slide 4'))).toEqual([])
  })
})
