import type { Page } from 'playwright-core'
import type { Pixels } from './pixels.ts'
/**
 * QR codes a phone reads from the back row: each at least 30 % of the slide's
 * height, and each decodes, to the address it stands for, from a 1280×720
 * screenshot scaled down to 640×360 (a rough stand-in for a photo of the
 * projection). QR codes mark themselves with `data-qr="<url>"`.
 */
import jsQR from 'jsqr'
import { inPage } from '../inPage.ts'
import { halve, screenshotPixels } from './pixels.ts'
import { notShowing } from './slide.ts'

export const MIN_QR_HEIGHT = 0.3
const SHOT = { width: 1280, height: 720 }

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

interface QrBox { url: string, height: number, box: [number, number, number, number] }

/**
 * Runs in the page (sent as source text: self-contained, no imports): the QR
 * codes on slide `n` (the instance that shows), what each encodes, its height
 * as a fraction of the slide, and its box in viewport px (to cut it out of a screenshot).
 */
export function qrCodesInPage(n: number): QrBox[] | null {
  const slide = [...document.querySelectorAll(`.slidev-page-${n}`)].find(el => el.checkVisibility())
  if (!slide)
    return null
  const frame = slide.getBoundingClientRect()
  return [...slide.querySelectorAll('[data-qr]')].filter(el => el.checkVisibility({ opacityProperty: true, visibilityProperty: true })).map((el) => {
    const r = el.getBoundingClientRect()
    return { url: el.getAttribute('data-qr')!, height: r.height / frame.height, box: [r.left, r.top, r.width, r.height] }
  })
}

export async function qrCodesOf(page: Page, slideNo: number): Promise<string[]> {
  const before = page.viewportSize()
  const resize = before?.width !== SHOT.width || before?.height !== SHOT.height
  if (resize) {
    await page.setViewportSize(SHOT)
    await inPage(page, () => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done))))
  }
  try {
    const codes = await inPage(page, qrCodesInPage, slideNo)
    if (!codes)
      return notShowing(slideNo)
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
        out.push(`slide ${slideNo}: QR code for ${code.url} is ${Math.round(code.height * 100)} % of the slide height, below ${MIN_QR_HEIGHT * 100} %`)
      // The code's own box plus a margin: as if the phone were pointed at it.
      const [left, top, width, height] = code.box
      const margin = 0.25 * Math.max(width, height)
      const region = crop(shot, [left - margin, top - margin, width + 2 * margin, height + 2 * margin].map(v => v * factor))
      const found = jsQR(new Uint8ClampedArray(region.data.buffer, region.data.byteOffset, region.data.byteLength), region.width, region.height)
      if (!found)
        out.push(`slide ${slideNo}: QR code for ${code.url} does not decode from a 640×360 screenshot`)
      else if (found.data !== code.url)
        out.push(`slide ${slideNo}: QR code for ${code.url} decodes to ${found.data}`)
    }
    return out
  }
  finally {
    if (resize && before)
      await page.setViewportSize(before)
  }
}
