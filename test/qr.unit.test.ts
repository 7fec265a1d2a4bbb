// @vitest-environment happy-dom
/**
 * The slides' QR codes read back as their URL: the QrCode component's SVG is
 * drawn module by module into pixels and decoded with jsQR, as a phone would.
 */
import { mount } from '@vue/test-utils'
import jsQR from 'jsqr'
import { describe, expect, it } from 'vitest'
import QrCode from '../components/QrCode.vue'
import { sources } from '../data/sources'

const MODULE = /M(\d+),(\d+)h1v1h-1z/g
const PX = 4

/** The component's QR code as modules: the viewBox size and each dark module's x, y. */
function modulesOf(props: Record<string, unknown>) {
  const svg = mount(QrCode as any, { props }).get('svg')
  const size = Number(svg.attributes('viewBox')!.split(' ')[2])
  const d = svg.get('path').attributes('d')!
  const dark = Array.from(d.matchAll(MODULE), m => [Number(m[1]), Number(m[2])] as const)
  // Every drawing command is a module: nothing in the path that this reader skips.
  expect(d.replace(MODULE, '')).toBe('')
  return { size, dark }
}

function decode({ size, dark }: ReturnType<typeof modulesOf>) {
  const width = size * PX
  const pixels = new Uint8ClampedArray(width * width * 4).fill(255)
  for (const [x, y] of dark) {
    for (let py = y * PX; py < (y + 1) * PX; py++) {
      for (let px = x * PX; px < (x + 1) * PX; px++)
        pixels.fill(0, (py * width + px) * 4, (py * width + px) * 4 + 3)
    }
  }
  return jsQR(pixels, width, width)?.data
}

describe('qrCode', () => {
  it.each([
    ['a registry source', { source: 'article-video', label: 'The video' }, sources['article-video'].url],
    ['a plain url', { url: 'https://example.org/talks/azure-linux/', label: 'Web' }, 'https://example.org/talks/azure-linux/'],
  ])('decodes to the URL of %s', (_, props, url) => {
    expect(decode(modulesOf(props))).toBe(url)
  })

  it('keeps a quiet zone of four light modules on every side', () => {
    const { size, dark } = modulesOf({ source: 'article', label: 'The article' })
    expect(dark.length).toBeGreaterThan(100)
    for (const [x, y] of dark)
      expect(Math.min(x, y, size - 1 - x, size - 1 - y)).toBeGreaterThanOrEqual(4)
  })
})
