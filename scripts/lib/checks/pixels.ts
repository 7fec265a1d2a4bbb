import type { Page } from 'playwright-chromium'
/**
 * Screenshots as pixels: the slide as the audience sees it, decoded in Node.
 * Shared by the rendered-contrast and QR checks.
 */
import { PNG } from 'pngjs'
import { luminance } from './colour'

/** RGBA pixels; `x`, `y`: where the top-left pixel is in the viewport, in CSS px (a clipped screenshot). */
export interface Pixels { width: number, height: number, data: Uint8Array, x?: number, y?: number }

/**
 * The viewport as RGBA pixels, exactly as Chromium painted it. Straight from
 * the DevTools protocol with fast (lightly compressed, still lossless) PNG:
 * these checks take several screenshots per click step. `clip` (CSS px of
 * the viewport) takes only that rectangle.
 */
export async function screenshotPixels(page: Page, clip?: { x: number, y: number, width: number, height: number }): Promise<Pixels> {
  const cdp = await page.context().newCDPSession(page)
  try {
    const { data } = await cdp.send('Page.captureScreenshot', { format: 'png', optimizeForSpeed: true, ...(clip && { clip: { ...clip, scale: 1 } }) })
    const png = PNG.sync.read(Buffer.from(data, 'base64'))
    return { width: png.width, height: png.height, data: png.data, x: clip?.x ?? 0, y: clip?.y ?? 0 }
  }
  finally {
    await cdp.detach()
  }
}

/** Halves width and height by averaging 2×2 blocks, as a camera or a downscaler would. */
export function halve(src: Pixels): Pixels {
  const width = Math.floor(src.width / 2)
  const height = Math.floor(src.height / 2)
  const data = new Uint8Array(width * height * 4)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 4; c++) {
        const at = (dx: number, dy: number) => src.data[((2 * y + dy) * src.width + 2 * x + dx) * 4 + c]!
        data[(y * width + x) * 4 + c] = Math.round((at(0, 0) + at(1, 0) + at(0, 1) + at(1, 1)) / 4)
      }
    }
  }
  return { width, height, data }
}

/** WCAG relative luminance of the pixel at byte offset `i`. */
export function luminanceAt(p: Pixels, i: number): number {
  return luminance(p.data[i]!, p.data[i + 1]!, p.data[i + 2]!)
}
