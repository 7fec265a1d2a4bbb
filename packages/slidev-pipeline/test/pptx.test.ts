/**
 * `npm run export:pptx` as the pipeline makes it, on the four-slide video
 * fixture deck: one PowerPoint slide per deck slide, each showing that slide's
 * final click state (the same still as the PNG export), the speaker notes as
 * notes (without `[click]` marks), the title in the properties; the file opens
 * as a zip of valid slide XML; a failed export leaves the previous file alone.
 */
import { execFileSync } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runPipeline } from '../src/pipeline'
import { chromiumForFile } from './helpers/browser'
import { VIDEO_FIXTURE } from './helpers/video'

const FIXTURE = VIDEO_FIXTURE
const entries = (file: string) => execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).trim().split('\n')
const text = (file: string, entry: string) => execFileSync('unzip', ['-p', file, entry], { encoding: 'utf8' })

describe('export:pptx from the pipeline', () => {
  const browser = chromiumForFile()
  let work: string
  let pptx: string
  let pngDir: string

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'pptx-test-'))
    pptx = join(work, 'deck.pptx')
    pngDir = join(work, 'png')
    // Fixture decks test the export, not the gate (test/export.gate.test.ts).
    await runPipeline({ entry: FIXTURE, artifacts: ['pptx', 'png'], outputs: { pptx, png: pngDir }, gate: false, browser: browser() })
  })
  afterAll(async () => {
    if (work)
      await rm(work, { recursive: true, force: true })
  })

  it('has one slide per deck slide, in order, each a 1920×1080 picture of that slide in its final click state', async () => {
    const names = entries(pptx)
    const slides = names.filter(n => /^ppt\/slides\/slide\d+\.xml$/.test(n))
    expect(slides.length).toBe(4)
    const pngs = (await readdir(pngDir)).sort()
    for (let n = 1; n <= 4; n++) {
      const xml = text(pptx, `ppt/slides/slide${n}.xml`)
      expect(xml).toMatch(/<p:sld\b/)
      const rels = text(pptx, `ppt/slides/_rels/slide${n}.xml.rels`)
      const media = rels.match(/Target="\.\.\/media\/([^"]+)"/)?.[1]
      expect(media, `slide ${n} shows a picture`).toBeTruthy()
      const picture = execFileSync('unzip', ['-p', pptx, `ppt/media/${media}`])
      const png = PNG.sync.read(picture)
      expect([png.width, png.height]).toEqual([1920, 1080])
      // The same pixels as the PNG export of that slide.
      expect(picture.equals(await readFile(join(pngDir, pngs[n - 1]!))), `slide ${n} is ${pngs[n - 1]}`).toBe(true)
    }
  })

  it('carries each slide\'s notes, without [click] marks, and the title', () => {
    const notesOf = (n: number) => text(pptx, `ppt/notesSlides/notesSlide${n}.xml`).replace(/<[^>]+>/g, '')
    expect(notesOf(1)).toContain('Hello and welcome. This fixture deck is short on purpose.')
    expect(notesOf(2)).toContain('Here comes the first point, shown on its own.')
    expect(notesOf(3)).toContain('Then the orange bar joins it, and the chart is complete.')
    expect(notesOf(4)).toContain('An untitled closing slide, timed from its notes alone.')
    for (let n = 1; n <= 4; n++)
      expect(notesOf(n)).not.toContain('[click]')
    expect(text(pptx, 'docProps/core.xml')).toContain('<dc:title>Video Fixture</dc:title>')
  })

  it('keeps the previous file when the export stops before writing', async () => {
    const previous = join(work, 'previous.pptx')
    await writeFile(previous, 'the previous PowerPoint')
    const stop = new Error('stopped by the test')
    await expect(runPipeline({
      entry: FIXTURE,
      artifacts: ['pptx'],
      outputs: { pptx: previous },
      gate: false,
      browser: browser(),
      hooks: { beforeWrite: () => { throw stop } },
    })).rejects.toBe(stop)
    expect(await readFile(previous, 'utf8')).toBe('the previous PowerPoint')
    expect((await readdir(work)).filter(n => n.startsWith('.tmp'))).toEqual([])
  })
})
