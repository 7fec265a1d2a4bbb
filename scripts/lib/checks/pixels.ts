import type { Page } from 'playwright-chromium'
/**
 * Screenshots as pixels: the slide as the audience sees it, decoded in Node.
 * Shared by the rendered-contrast and QR checks.
 */
import { PNG } from 'pngjs'

export interface Pixels { width: number, height: number, data: Uint8Array }

/**
 * The viewport as RGBA pixels, exactly as Chromium painted it. Straight from
 * the DevTools protocol with fast (lightly compressed, still lossless) PNG:
 * these checks take several screenshots per click step.
 */
export async function screenshotPixels(page: Page): Promise<Pixels> {
  const cdp = await page.context().newCDPSession(page)
  try {
    const { data } = await cdp.send('Page.captureScreenshot', { format: 'png', optimizeForSpeed: true })
    const png = PNG.sync.read(Buffer.from(data, 'base64'))
    return { width: png.width, height: png.height, data: png.data }
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

function linear(channel: number) {
  const v = channel / 255
  return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
}
/** WCAG relative luminance of the pixel at byte offset `i`. */
export function luminanceAt(p: Pixels, i: number): number {
  return 0.2126 * linear(p.data[i]!) + 0.7152 * linear(p.data[i + 1]!) + 0.0722 * linear(p.data[i + 2]!)
}
export const contrastRatio = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)
