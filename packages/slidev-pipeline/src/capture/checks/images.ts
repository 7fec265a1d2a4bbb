/**
 * No image that failed to load: an <img> that finished loading with no pixels
 * (missing file, blocked request, broken data), and SVG <image> elements and
 * CSS background images whose file cannot be read. The page has settled (images decoded) before this runs.
 */
import type { Page } from 'playwright-chromium'
import type { SlideArg } from './slide'
import { inPage } from '../inPage'

/** Runs in the page (sent as source text: self-contained, no imports). `scope` selects the print container holding this instance of the slide. */
export async function brokenImagesInPage([n, scope]: SlideArg): Promise<string[]> {
  const slide = (scope ? document.querySelector(scope) : document)?.querySelector(`.slidev-page-${n}`)
  if (!slide)
    return [`slide ${n}: not rendered`]
  const out: string[] = []
  for (const img of slide.querySelectorAll('img')) {
    // Lazy images below the fold have not been asked for yet: ask now.
    if (img.loading === 'lazy')
      img.loading = 'eager'
    await img.decode().catch(() => {})
    if (img.naturalWidth === 0)
      out.push(`slide ${n}: image ${img.getAttribute('src')} did not load`)
  }
  for (const image of slide.querySelectorAll('svg image')) {
    const href = image.getAttribute('href') ?? image.getAttribute('xlink:href')
    if (!href)
      continue
    const probe = new Image()
    probe.src = new URL(href, document.baseURI).href
    if (await probe.decode().then(() => false, () => true))
      out.push(`slide ${n}: image ${href} did not load`)
  }
  // Background images (Slidev's image layouts set one from the `image:` frontmatter).
  const backgrounds = new Set<string>()
  for (const el of [slide, ...slide.querySelectorAll('*')]) {
    for (const m of getComputedStyle(el).backgroundImage.matchAll(/url\("?([^")]+)"?\)/g))
      backgrounds.add(m[1]!)
  }
  for (const url of backgrounds) {
    if (url.startsWith('data:'))
      continue
    const probe = new Image()
    probe.src = url
    if (await probe.decode().then(() => false, () => true))
      out.push(`slide ${n}: image ${new URL(url, document.baseURI).pathname} did not load`)
  }
  return out
}

export const brokenImagesOf = (page: Page, slideNo: number, scope?: string): Promise<string[]> => inPage(page, brokenImagesInPage, [slideNo, scope])
