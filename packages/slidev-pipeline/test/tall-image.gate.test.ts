/**
 * An image taller than the space left on its slide (fixtures/tall-image-deck).
 * On screen Slidev cuts it at the slide's bottom edge; Chromium's print used
 * to push it to the next page, where the slide's clipping hid it, so the PDF
 * showed the text and no image. The gate names the overflow; the PDF written
 * with --force must draw what the screen shows: the image, cut at the edge.
 * The next slide's image is on another server: with --allow-remote the export
 * tries it, cannot reach it, and says what the user can do.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixture } from './helpers/paths'
import { renderPages } from './helpers/pdf'
import { inDeck, pages, TIMEOUT } from './helpers/user-deck'

// The image's one colour (Okabe–Ito blue, #0072B2).
const BLUE = [0x00, 0x72, 0xB2]

let work: string
let deck: string
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'tall-image-'))
  deck = join(work, 'my talks', 'tall image')
  mkdirSync(dirname(deck), { recursive: true })
  cpSync(fixture('tall-image-deck'), deck, { recursive: true })
})
afterAll(() => {
  if (work)
    rmSync(work, { recursive: true, force: true })
})

describe('an image taller than its slide', () => {
  it('`export --allow-remote` stops, naming each image with its file and line, and what to do about the remote one', async () => {
    const { code, output } = await inDeck(deck, 'export', ['--allow-remote'])
    expect(code, output).not.toBe(0)
    expect(output).toMatch(/slides\.md:9: slide 1 "A tall image", click 0: <img src="\/tall\.png"> extends past the slide's bottom edge/)
    expect(output).toMatch(/slides\.md:21: slide 2 "The next slide", click 0: image https:\/\/example\.com\/picture\.png did not load: it is on another server, which this export could not reach; put a copy in public\/ and point the slide at it, or write anyway with --force/)
  }, TIMEOUT)

  it('`export --allow-remote --force` prints the image as the screen shows it, cut at the bottom edge, on its own page', async () => {
    const { code, output } = await inDeck(deck, 'export', ['--allow-remote', '--force'])
    expect(code, output).toBe(0)
    const pdf = join(deck, 'exports', 'tall-image.pdf')
    expect(await pages(pdf)).toBe(2)
    const [page, next] = renderPages(pdf, 30)
    // Share of the page drawn in the image's blue, and of its bottom tenth: the
    // image fills the lower left of the slide down to the edge (before: 0 and 0).
    const blue = (png: typeof page, fromRow: number) => {
      let hits = 0
      let all = 0
      for (let y = fromRow; y < png!.height; y++) {
        for (let x = 0; x < png!.width; x++) {
          const i = (y * png!.width + x) * 4
          all++
          if (BLUE.every((c, k) => Math.abs(png!.data[i + k]! - c) <= 12))
            hits++
        }
      }
      return hits / all
    }
    expect(blue(page, 0)).toBeGreaterThan(0.15)
    expect(blue(page, Math.floor(page!.height * 0.9))).toBeGreaterThan(0.15)
    // And nothing of it on the next slide's page.
    expect(blue(next, 0)).toBe(0)
  }, TIMEOUT)
})
