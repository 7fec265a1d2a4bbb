import type { CDPSession, Page } from 'playwright-core'
/**
 * Screenshots as pixels: the slide as the audience sees it, decoded in Node.
 * Shared by the rendered-contrast and QR checks.
 */
import { inflateSync } from 'node:zlib'
import { PNG } from 'pngjs'
import { linearChannel, LUMA } from './colour.ts'

/** RGBA pixels; `x`, `y`: where the top-left pixel is in the viewport, in CSS px (a clipped screenshot). */
export interface Pixels { width: number, height: number, data: Uint8Array, x?: number, y?: number }

/**
 * The viewport as RGBA pixels, exactly as Chromium painted it. Straight from
 * the DevTools protocol with fast (lightly compressed, still lossless) PNG:
 * these checks take several screenshots per click step. `clip` (CSS px of
 * the viewport) takes only that rectangle.
 */
export async function screenshotPixels(page: Page, clip?: { x: number, y: number, width: number, height: number }): Promise<Pixels> {
  const cdp = await sessionOf(page)
  const { data } = await cdp.send('Page.captureScreenshot', { format: 'png', optimizeForSpeed: true, ...(clip && { clip: { ...clip, scale: 1 } }) })
  return { ...decodePng(Buffer.from(data, 'base64')), x: clip?.x ?? 0, y: clip?.y ?? 0 }
}

/** One DevTools session per page, kept for its screenshots (it ends with the page). */
const sessions = new WeakMap<Page, Promise<CDPSession>>()
function sessionOf(page: Page): Promise<CDPSession> {
  let session = sessions.get(page)
  if (!session)
    sessions.set(page, session = page.context().newCDPSession(page))
  return session
}

/**
 * PNG to RGBA. Chromium's screenshots (8-bit RGB or RGBA, not interlaced) are
 * inflated by zlib and unfiltered here; pngjs (a dependency already) decodes
 * anything else. Kept because it measurably wins: on Chromium's fast-PNG
 * screenshots (a 1280×720 slide, a 600×120 text clip) it took about 0.6× the
 * time of PNG.sync.read, the same in every interleaved run, and the contrast
 * checks decode three screenshots per slide in the gate and per click step in
 * the tests' quality walk. test/pixels.unit.test.ts holds it to pngjs's pixels.
 */
export function decodePng(file: Buffer): Pixels {
  const width = file.readUInt32BE(16)
  const height = file.readUInt32BE(20)
  const [depth, colourType, , , interlace] = file.subarray(24, 29)
  const channels = colourType === 2 ? 3 : colourType === 6 ? 4 : 0
  if (depth !== 8 || !channels || interlace !== 0) {
    const png = PNG.sync.read(file)
    return { width: png.width, height: png.height, data: png.data }
  }
  const chunks: Buffer[] = []
  for (let at = 8; at < file.length;) {
    const length = file.readUInt32BE(at)
    if (file.toString('latin1', at + 4, at + 8) === 'IDAT')
      chunks.push(file.subarray(at + 8, at + 8 + length))
    at += 12 + length
  }
  const raw = inflateSync(Buffer.concat(chunks))
  const stride = width * channels
  if (raw.length < (stride + 1) * height)
    throw new Error(`PNG screenshot is truncated: ${raw.length} bytes for ${width}×${height}`)
  let previous = new Uint8Array(stride)
  let row = new Uint8Array(stride)
  const data = new Uint8Array(width * height * 4)
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1))
    // One loop per filter type, none with a branch per byte.
    if (filter === 0) {
      row.set(line)
    }
    else if (filter === 1) {
      for (let i = 0; i < stride; i++)
        row[i] = line[i]! + (i >= channels ? row[i - channels]! : 0)
    }
    else if (filter === 2) {
      for (let i = 0; i < stride; i++)
        row[i] = line[i]! + previous[i]!
    }
    else if (filter === 3) {
      for (let i = 0; i < stride; i++)
        row[i] = line[i]! + (((i >= channels ? row[i - channels]! : 0) + previous[i]!) >> 1)
    }
    else if (filter === 4) {
      for (let i = 0; i < stride; i++) {
        const left = i >= channels ? row[i - channels]! : 0
        const up = previous[i]!
        const upLeft = i >= channels ? previous[i - channels]! : 0
        const pa = Math.abs(up - upLeft)
        const pb = Math.abs(left - upLeft)
        const pc = Math.abs(left + up - 2 * upLeft)
        row[i] = line[i]! + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft)
      }
    }
    else {
      throw new Error(`PNG screenshot has an unknown filter type ${filter} in row ${y}`)
    }
    if (channels === 4) {
      data.set(row, y * stride)
    }
    else {
      for (let x = 0, o = y * width * 4, i = 0; x < width; x++, o += 4, i += 3) {
        data[o] = row[i]!
        data[o + 1] = row[i + 1]!
        data[o + 2] = row[i + 2]!
        data[o + 3] = 255
      }
    }
    ;[previous, row] = [row, previous]
  }
  return { width, height, data }
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

/** Linear light of every 8-bit channel value: it runs over every pixel of every text, every step. */
const LINEAR = Float64Array.from({ length: 256 }, (_, channel) => linearChannel(channel))
/** WCAG relative luminance of the pixel at byte offset `i` (colour.ts's luminance, from a table). */
export function luminanceAt(p: Pixels, i: number): number {
  return LUMA[0] * LINEAR[p.data[i]!]! + LUMA[1] * LINEAR[p.data[i + 1]!]! + LUMA[2] * LINEAR[p.data[i + 2]!]!
}
