/** The screenshot decoder of the pixel checks gives exactly the pixels pngjs gives, for every PNG row filter. */
import { deflateSync, inflateSync } from 'node:zlib'
import { PNG } from 'pngjs'
import { describe, expect, it } from 'vitest'
import { decodePng } from '../src/capture/checks/pixels'

/** A 97×61 image with gradients, edges and noise, so that every filter type is chosen somewhere. */
function sample(alpha: boolean) {
  const png = new PNG({ width: 97, height: 61 })
  let seed = 7
  for (let i = 0; i < png.width * png.height; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
    const x = i % png.width
    const y = Math.floor(i / png.width)
    png.data[i * 4] = (x * 3) & 0xFF
    png.data[i * 4 + 1] = y < 30 ? y * 8 : seed & 0xFF
    png.data[i * 4 + 2] = (x + y) % 17 === 0 ? 255 : 20
    png.data[i * 4 + 3] = alpha ? (seed >> 8) & 0xFF : 255
  }
  return png
}

describe('decodePng', () => {
  for (const [name, colorType] of [['RGB', 2], ['RGBA', 6]] as const) {
    for (const filterType of [-1, 0, 1, 2, 3, 4]) {
      it(`${name}, filter ${filterType === -1 ? 'chosen per row' : filterType}`, () => {
        const file = PNG.sync.write(sample(colorType === 6), { colorType, filterType })
        const expected = PNG.sync.read(file)
        const decoded = decodePng(file)
        expect([decoded.width, decoded.height]).toEqual([97, 61])
        expect(Buffer.from(decoded.data).equals(expected.data)).toBe(true)
      })
    }
  }

  it('refuses a row with an unknown filter type', () => {
    const file = PNG.sync.write(sample(false), { colorType: 2, filterType: 0 })
    // Re-encode the image data with a bad filter byte in row 0.
    const bad = Buffer.from(file)
    const idat = bad.indexOf('IDAT')
    expect(idat).toBeGreaterThan(0)
    const length = bad.readUInt32BE(idat - 4)
    const raw = inflateSync(bad.subarray(idat + 4, idat + 4 + length))
    raw[0] = 9
    const data = deflateSync(raw)
    const chunk = Buffer.alloc(12 + data.length)
    chunk.writeUInt32BE(data.length, 0)
    chunk.write('IDAT', 4, 'latin1')
    data.copy(chunk, 8)
    const broken = Buffer.concat([bad.subarray(0, idat - 4), chunk, bad.subarray(idat + 8 + length)])
    expect(() => decodePng(broken)).toThrow(/unknown filter type 9 in row 0/)
  })
})
