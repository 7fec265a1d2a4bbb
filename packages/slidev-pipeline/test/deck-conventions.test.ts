/**
 * A deck's conventions from its config, on a page in real Chromium that stands in
 * for a slide (Slidev's `.slidev-page-N`): the type scale's tiers (`typeScale`) and
 * what must not be covered by an overlay (`overlays`). Without them, neither is judged.
 */
import { describe, expect, it } from 'vitest'
import { overflowOf } from '../src/capture/checks/overflow'
import { textRunsOf } from '../src/capture/checks/textRuns'
import { typeScaleOf } from '../src/capture/checks/typeScale'
import { chromiumForFile } from './helpers/browser'

const browser = chromiumForFile()

/** One 980×552 slide: a paragraph, a caption, and a footnote pinned over the paragraph's last line. */
const SLIDE = `<div class="slidev-page-1" style="position: relative; display: flow-root; width: 980px; height: 552px; font-family: sans-serif">
  <p style="font-size: 24px; margin: 400px 0 0">A point about the slide</p>
  <figure style="margin: 0"><figcaption style="font-size: 12px">A caption</figcaption></figure>
  <div class="footnote" style="position: absolute; left: 0; top: 400px; font-size: 10px; background: #fff">Source: somewhere</div>
</div>`

async function slidePage() {
  const page = await browser().newPage({ viewport: { width: 980, height: 552 } })
  await page.setContent(SLIDE)
  return page
}

const TIERS = [
  { name: 'footnote', selector: '.footnote', min: 11 },
  { name: 'caption', selector: 'figcaption', min: 14 },
  { name: 'body text', min: 20 },
]

describe('a deck\'s type scale', () => {
  it('puts each run in the first tier that holds it and names each run below its tier', async () => {
    const page = await slidePage()
    const runs = await textRunsOf(page, 1, undefined, { tiers: TIERS })
    expect(Object.fromEntries(runs!.map(r => [r.label, `${r.tier} ${r.min}`]))).toEqual({
      'A point about the slide': 'body text 20',
      'A caption': 'caption 14',
      'Source: somewhere': 'footnote 11',
    })
    expect(await typeScaleOf(page, 1, TIERS)).toEqual([
      'slide 1: caption "A caption" is 12 px, below the 14 px minimum',
      'slide 1: footnote "Source: somewhere" is 10 px, below the 11 px minimum',
    ])
    await page.close()
  })

  it('has no tier and no minimum without one', async () => {
    const page = await slidePage()
    expect((await textRunsOf(page, 1))!.map(r => [r.tier, r.min])).toEqual([['', 0], ['', 0], ['', 0]])
    expect(await typeScaleOf(page, 1, [])).toEqual([])
    await page.close()
  })
})

describe('a deck\'s overlays', () => {
  it('names what an overlay covers, by the overlay\'s name, and nothing without one', async () => {
    const page = await slidePage()
    expect(await overflowOf(page, 1, undefined, [{ name: 'the footnote', selector: '.footnote' }])).toEqual([
      'slide 1: <p> "A point about the slide" is covered by the footnote',
    ])
    expect(await overflowOf(page, 1)).toEqual([])
    // Its own `content` selector: here only captions count, and none is under it.
    expect(await overflowOf(page, 1, undefined, [{ name: 'the footnote', selector: '.footnote', content: 'figcaption' }])).toEqual([])
    await page.close()
  })
})
