/**
 * No image that failed to load: an <img> that finished loading with no pixels
 * (missing file, blocked request, broken data), and SVG <image> elements and
 * CSS background images whose file cannot be read. The page has settled (images decoded) before this runs.
 */
import type { Page } from 'playwright-core'
import type { SlideArg } from './slide.ts'
import { inPage } from '../inPage.ts'

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
  // Loaded or not, as the browser's load and error events say: decode() also rejects images
  // that loaded fine but cannot be decoded up front (an SVG with no size of its own).
  const loads = (url: string) => new Promise<boolean>((resolve) => {
    const probe = new Image()
    probe.onload = () => resolve(true)
    probe.onerror = () => resolve(false)
    probe.src = url
  })
  for (const image of slide.querySelectorAll('svg image')) {
    const href = image.getAttribute('href') ?? image.getAttribute('xlink:href')
    if (href && !await loads(new URL(href, document.baseURI).href))
      out.push(`slide ${n}: image ${href} did not load`)
  }
  // Background images (Slidev's image layouts set one from the `image:` and `background:` frontmatter),
  // named as the deck wrote them when set inline (`https://cover.sli.dev`, not its path "/"),
  // else by their path on the deck's own server or their whole address elsewhere.
  // Chromium serializes every url() in double quotes, specified and computed alike.
  const urls = (css: string) => Array.from(css.matchAll(/url\("((?:[^"\\]|\\.)*)"\)/g), m => m[1]!)
  const backgrounds = new Map<string, string>()
  for (const el of [slide, ...slide.querySelectorAll('*')]) {
    const written = el instanceof HTMLElement ? urls(el.style.backgroundImage) : []
    for (const url of urls(getComputedStyle(el).backgroundImage)) {
      if (url.startsWith('data:') || backgrounds.has(url))
        continue
      const at = new URL(url, document.baseURI)
      const named = written.find(w => new URL(w, document.baseURI).href === at.href)
        ?? (at.origin === location.origin ? at.pathname : at.href)
      backgrounds.set(url, named)
    }
  }
  for (const [url, named] of backgrounds) {
    if (!await loads(url))
      out.push(`slide ${n}: image ${named} did not load`)
  }
  return out
}

export const brokenImagesOf = (page: Page, slideNo: number, scope?: string): Promise<string[]> => inPage(page, brokenImagesInPage, [slideNo, scope])
