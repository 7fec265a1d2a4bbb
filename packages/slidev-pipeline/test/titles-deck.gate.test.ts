/**
 * Titles as the audience reads them, on fixtures/titles-deck: a bold title
 * (`# Talk on **May 1st 2020**`), a title that draws a component of the
 * deck's own (`# Where <MarkerCore /> lives`, drawn "the core"), one with
 * code, and a last slide with no heading. The PDF outline (as pdf.js reads
 * it), the handout's headings, the storyboard's and the video's chapters show
 * the heading's drawn text, never its Markdown or a tag; the outline has one
 * entry per page, the untitled slide as "Slide 5". The deck's images come
 * from public/ through frontmatter, so the deck check lets it through.
 * Copied under a path with a space, its packages linked in as `npm install`
 * would give them; one build and one capture make every file.
 */
import type { PipelineResult } from '../src/pipeline'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../src/capture/browser'
import { runPipeline } from '../src/pipeline'
import { fixture } from './helpers/paths'
import { readPdf } from './helpers/pdf'
import { linkPackages } from './helpers/user-deck'

const TIMEOUT = 300_000
const TITLES = ['Talk on May 1st 2020', 'Where the core lives', 'A picture from public', 'A picture, from a page in pages/']
/** Raw Markdown or a tag where a reader should see text. */
const MARKUP = /\*\*|<\/?[A-Z]|`|MarkerCore/

let work: string
let result: PipelineResult

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'titles-deck-'))
  const deck = join(work, 'my talks', 'titles deck')
  mkdirSync(join(work, 'my talks'))
  cpSync(fixture('titles-deck'), deck, { recursive: true })
  linkPackages(deck)
  const browser = await launchChromium()
  try {
    result = await runPipeline({ entry: join(deck, 'slides.md'), artifacts: ['pdf', 'handout', 'video', 'storyboard'], browser })
  }
  finally {
    await browser.close()
  }
}, TIMEOUT)
afterAll(() => {
  if (work)
    rmSync(work, { recursive: true, force: true })
})

describe('titles as drawn, on a deck with Markdown and a component in its headings', () => {
  it('gives the slides PDF one outline entry per page, each the heading\'s text, the untitled slide "Slide 5"', async () => {
    const pdf = await readPdf(result.paths.pdf)
    expect(pdf.pages).toHaveLength(5)
    expect(pdf.outline).toEqual([...TITLES, 'Slide 5'])
    // The deck's title, the first slide's when the headmatter names none, in the window's title bar.
    expect(pdf.info.Title).toBe(TITLES[0])
  })

  it('heads each slide of the handout with that text, and its outline too', async () => {
    const handout = await readPdf(result.paths.handout)
    const text = handout.pages.map(p => p.text.replace(/\s+/g, ' ')).join('\n')
    for (const [i, title] of [...TITLES, 'Slide 5'].entries()) {
      expect(text).toContain(`${i + 1} ${title}`)
      expect(handout.outline).toContain(`${i + 1} ${title}`)
    }
    // The cover's title too.
    expect(handout.outline.join('\n')).not.toMatch(MARKUP)
    expect(handout.pages[0]!.text).toContain(TITLES[0])
  })

  it('names the video\'s chapters and the storyboard\'s sheets by that text', async () => {
    const chapters = readFileSync(result.paths.chapters, 'utf8').trim().split('\n').map(l => l.replace(/^\d+:\d{2}(?::\d{2})? /, ''))
    expect(chapters).toEqual(TITLES)
    const storyboard = (await readPdf(result.paths.storyboard)).pages.map(p => p.text.replace(/\s+/g, ' '))
    expect(storyboard).toHaveLength(5)
    for (const [i, title] of [...TITLES, 'Slide 5'].entries())
      expect(storyboard[i]).toContain(title)
    expect(storyboard.join('\n')).not.toMatch(MARKUP)
  })
})
