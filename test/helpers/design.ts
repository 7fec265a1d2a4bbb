import type { Page } from 'playwright-chromium'
/**
 * This talk's own design checks on a slide a test shows (the quality walk,
 * test/helpers/quality.ts), at its last click step: balance and QR codes.
 * The toolkit knows neither: they hold the talk's layouts and its QrCode.
 */
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { halve } from 'slidev-pipeline/testing'

/** The talk's layouts that may leave the lower half empty. */
export const EXEMPT_LAYOUTS = ['cover', 'section', 'closing']
export const MIN_CONTENT_BOTTOM = 0.55
export const MIN_QR_HEIGHT = 0.3
const SHOT = { width: 1280, height: 720 }

const notShowing = (no: number) => [`slide ${no}: not rendered`]

/**
 * Balance: a content slide uses its height. Apart from the cover, section and
 * closing layouts, content (text, charts, code, pictures; not the source
 * footnote) must reach past 55 % of the slide height.
 */
export async function balanceOf(page: Page, no: number): Promise<string[]> {
  const b = await page.evaluate((n) => {
    // The instance that shows: Slidev keeps neighbours mounted but hidden.
    const slide = [...document.querySelectorAll(`.slidev-page-${n}`)].find(el => el.checkVisibility())
    if (!slide)
      return null
    const layout = slide.querySelector('.slidev-layout')
    const frame = slide.getBoundingClientRect()
    let bottom = frame.top
    for (const el of slide.querySelectorAll('*')) {
      if (el.closest('.sr-only, title, desc, style, script, .katex-mathml, .source-note, [data-balance="ignore"]') || !el.checkVisibility({ opacityProperty: true, visibilityProperty: true }))
        continue
      // Content is what carries meaning: text, pictures, code, charts.
      const holdsText = [...el.childNodes].some(c => c.nodeType === 3 && c.textContent!.trim())
      const isPicture = /^(?:svg|img|canvas|video|pre|table)$/i.test(el.tagName)
      if (!(holdsText || isPicture) || (el.closest('svg') !== null && el.tagName.toLowerCase() !== 'svg'))
        continue
      if (getComputedStyle(el).position === 'fixed')
        continue
      bottom = Math.max(bottom, el.getBoundingClientRect().bottom)
    }
    return {
      layout: layout ? [...layout.classList].filter(c => c !== 'slidev-layout').join(' ') : '',
      bottom: (bottom - frame.top) / frame.height,
    }
  }, no)
  if (!b)
    return notShowing(no)
  if (EXEMPT_LAYOUTS.some(l => b.layout.split(/\s+/).includes(l)) || b.bottom >= MIN_CONTENT_BOTTOM)
    return []
  return [`slide ${no}: content ends at ${Math.round(b.bottom * 100)} % of the slide height (layout "${b.layout}"), leaving the lower half empty; it must reach ${Math.round(MIN_CONTENT_BOTTOM * 100)} %`]
}

export interface Pixels { width: number, height: number, data: Uint8Array }

/** A screenshot of the page (or of `clip`), as RGBA pixels. */
export async function screenshotPixels(page: Page, clip?: { x: number, y: number, width: number, height: number }): Promise<Pixels> {
  const png = PNG.sync.read(await page.screenshot({ clip }))
  return { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) }
}

function crop(p: Pixels, [left, top, width, height]: number[]): Pixels {
  const x0 = Math.max(0, Math.floor(left!))
  const y0 = Math.max(0, Math.floor(top!))
  const x1 = Math.min(p.width, Math.ceil(left! + width!))
  const y1 = Math.min(p.height, Math.ceil(top! + height!))
  const out = new Uint8Array((x1 - x0) * (y1 - y0) * 4)
  for (let y = y0; y < y1; y++)
    out.set(p.data.subarray((y * p.width + x0) * 4, (y * p.width + x1) * 4), (y - y0) * (x1 - x0) * 4)
  return { width: x1 - x0, height: y1 - y0, data: out }
}

/**
 * QR codes a phone reads from the back row: each at least 30 % of the slide's
 * height, and each decodes, to the address it stands for, from a 1280×720
 * screenshot scaled down to 640×360 (a rough stand-in for a photo of the
 * projection). The talk's QrCode marks itself with `data-qr="<url>"`.
 */
export async function qrCodesOf(page: Page, no: number): Promise<string[]> {
  const before = page.viewportSize()
  const resize = before?.width !== SHOT.width || before?.height !== SHOT.height
  if (resize) {
    await page.setViewportSize(SHOT)
    await page.evaluate(() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done))))
  }
  try {
    const codes = await page.evaluate((n) => {
      const slide = [...document.querySelectorAll(`.slidev-page-${n}`)].find(el => el.checkVisibility())
      if (!slide)
        return null
      const frame = slide.getBoundingClientRect()
      return [...slide.querySelectorAll('[data-qr]')].filter(el => el.checkVisibility({ opacityProperty: true, visibilityProperty: true })).map((el) => {
        const r = el.getBoundingClientRect()
        return { url: el.getAttribute('data-qr')!, height: r.height / frame.height, box: [r.left, r.top, r.width, r.height] }
      })
    }, no)
    if (!codes)
      return notShowing(no)
    if (!codes.length)
      return []
    let shot = await screenshotPixels(page)
    // Down to 640×360 (from 1280×720, or 2560×1440 on a 2× screen).
    while (shot.width >= SHOT.width)
      shot = halve(shot)
    const factor = shot.width / SHOT.width
    const out: string[] = []
    for (const code of codes) {
      if (code.height < MIN_QR_HEIGHT)
        out.push(`slide ${no}: QR code for ${code.url} is ${Math.round(code.height * 100)} % of the slide height, below ${MIN_QR_HEIGHT * 100} %`)
      // The code's own box plus a margin: as if the phone were pointed at it.
      const [left, top, width, height] = code.box as [number, number, number, number]
      const margin = 0.25 * Math.max(width, height)
      const region = crop(shot, [left - margin, top - margin, width + 2 * margin, height + 2 * margin].map(v => v * factor))
      const found = jsQR(new Uint8ClampedArray(region.data.buffer, region.data.byteOffset, region.data.byteLength), region.width, region.height)
      if (!found)
        out.push(`slide ${no}: QR code for ${code.url} does not decode from a 640×360 screenshot`)
      else if (found.data !== code.url)
        out.push(`slide ${no}: QR code for ${code.url} decodes to ${found.data}`)
    }
    return out
  }
  finally {
    if (resize && before)
      await page.setViewportSize(before)
  }
}
