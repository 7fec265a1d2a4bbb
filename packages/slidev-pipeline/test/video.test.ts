import type { Page } from '../src/capture/browser'
import type { VideoOutputs, VideoPlan } from '../src/outputs/video/video'
/**
 * `npm run video` end to end on a short fixture deck (four slides, a click
 * list, an animated SVG chart, `duration`/`durations` frontmatter, ~15 s), checked
 * with ffprobe, a WebVTT parse and pixel comparison against the same build
 * shown step by step in Slidev's presenting route (the video's stills come from
 * its print route); the storyboard made from the same stills in the same run.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import pixelmatch from 'pixelmatch'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveDeck } from '../src/build/build'
import { settle, showSlide } from '../src/capture/page'
import { talkLengthProblem } from '../src/outputs/video/talk-length'
import { runPipeline } from '../src/pipeline'
import { loadDeck, speakable } from '../src/support/deck'
import { findFfmpeg } from '../src/support/executable'
import { chromiumForFile } from './helpers/browser'
import { imagesPerPage, openPdf, pageText } from './helpers/pdf'
import { ffprobe, VIDEO_FIXTURE as FIXTURE, parseVtt, renderVideo, videoOutputs, writeTone } from './helpers/video'

const browser = chromiumForFile()

/**
 * Waits until slide `no` shows exactly its first `clicks` v-click steps (this
 * deck has only plain v-click and v-clicks): the presenting route loaded at
 * `?clicks=N` can draw the slide before it applies the step, and a reference
 * taken then would blame the video for the page's lateness.
 */
async function clickStateShown(page: Page, no: number, clicks: number) {
  await page.waitForFunction(([n, c]) => [...document.querySelectorAll(`.slidev-page-${n} [data-slidev-clicks-start]`)]
    .every(el => el.classList.contains('slidev-vclick-hidden') === (Number((el as HTMLElement).dataset.slidevClicksStart) > c)), [no, clicks] as const, { timeout: 10_000 })
  await settle(page)
}

describe('video of the fixture deck', () => {
  let work: string
  let out: VideoOutputs
  let result: VideoPlan
  let exported: string
  let storyboard: string

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'video-test-'))
    out = videoOutputs(work)
    exported = join(work, 'reference')
    storyboard = join(work, 'storyboard.pdf')
    // The storyboard comes from the video's stills: one run, one capture. (Fixture decks test the video, not the gate.)
    const run = await runPipeline({ entry: FIXTURE, artifacts: ['video', 'storyboard'], outputs: { ...out, storyboard }, gate: false, browser: browser() })
    result = run.video!
    // The reference for the frames: each step as the presenting route shows it, 1920×1080, drawn to the end.
    await mkdir(exported)
    const served = await serveDeck(run.build!.dir, '/')
    const page = await browser().newPage({ viewport: { width: 1920, height: 1080 }, reducedMotion: 'reduce' })
    try {
      for (const step of result.plan.steps) {
        await showSlide(page, served, step.slide, step.clicks)
        await clickStateShown(page, step.slide, step.clicks)
        await page.screenshot({ path: join(exported, `${step.slide}-${step.clicks}.png`), animations: 'disabled', caret: 'hide' })
      }
    }
    finally {
      await page.close()
      await served.close()
    }
  })
  afterAll(async () => {
    if (work)
      await rm(work, { recursive: true, force: true })
  })

  it('plans ~15 s from the frontmatter and notes', () => {
    expect(result.plan.steps.map(s => [s.slide, s.clicks])).toEqual([[1, 0], [2, 0], [2, 1], [2, 2], [3, 0], [3, 1], [3, 2], [4, 0]])
    expect(result.plan.slides.map(s => s.duration)).toEqual([2.5, 5, 4, 3.6])
    expect(result.plan.total).toBeCloseTo(15.1, 9)
  })

  it('is a 1920×1080 H.264 yuv420p MP4 at 30 fps as long as the plan, with captions and chapters', () => {
    const info = JSON.parse(ffprobe(['-show_format', '-show_streams', '-show_chapters', '-of', 'json', out.video]))
    const video = info.streams.find((s: any) => s.codec_type === 'video')
    expect(video).toMatchObject({ codec_name: 'h264', width: 1920, height: 1080, pix_fmt: 'yuv420p', r_frame_rate: '30/1' })
    expect(Math.abs(Number(info.format.duration) - result.plan.total)).toBeLessThanOrEqual(1 / 30)
    expect(Math.abs(Number(video.nb_frames) - result.plan.totalFrames)).toBeLessThanOrEqual(1)
    expect(info.streams.filter((s: any) => s.codec_type === 'subtitle').map((s: any) => s.codec_name)).toEqual(['mov_text'])
    const titled = result.plan.slides.filter(s => s.title)
    expect(titled.length).toBe(3)
    expect(info.chapters.map((c: any) => c.tags.title)).toEqual(titled.map(s => s.title))
    expect(info.chapters.map((c: any) => Number(c.start_time))).toEqual([0, 2.5, 7.5])
  })

  it('writes WebVTT cues in order, inside the video, with every note and short lines', async () => {
    const cues = parseVtt(await readFile(out.captions, 'utf8'))
    expect(cues.length).toBeGreaterThanOrEqual(8)
    cues.forEach((cue, i) => {
      expect(cue.end).toBeGreaterThan(cue.start)
      expect(cue.start).toBeGreaterThanOrEqual(i ? cues[i - 1]!.end : 0)
      expect(cue.end).toBeLessThanOrEqual(result.plan.total + 0.001)
      expect(cue.lines.length).toBeLessThanOrEqual(2)
      cue.lines.forEach(line => expect(line.length).toBeLessThanOrEqual(42))
    })
    const spoken = cues.map(c => c.lines.join(' ')).join(' ')
    for (const slide of (await loadDeck(resolve(FIXTURE))).slides)
      expect(spoken).toContain(speakable(slide.notes))
    // Each step's words are shown during that step.
    const chart = result.plan.steps[6]!
    const during = cues.filter(c => c.start >= chart.start - 0.001 && c.end <= chart.start + chart.duration + 0.001)
    expect(during.map(c => c.lines.join(' ')).join(' ')).toBe('Then the orange bar joins it, and the chart is complete.')
  })

  it('lists chapters as text and makes a 1280×720 thumbnail', async () => {
    expect(await readFile(out.chapters, 'utf8')).toBe('0:00 Video Fixture\n0:02 Two Points\n0:07 A Chart\n')
    const thumb = PNG.sync.read(await readFile(out.thumbnail))
    expect([thumb.width, thumb.height]).toEqual([1280, 720])
  })

  const grab = (at: number) => {
    const png = join(work, `grab-${at}.png`)
    execFileSync(findFfmpeg(), ['-v', 'error', '-y', '-ss', at.toFixed(3), '-i', out.video, '-frames:v', '1', png])
    return PNG.sync.read(readFileSync(png))
  }
  const reference = async (slide: number, clicks: number) =>
    PNG.sync.read(await readFile(join(exported, `${slide}-${clicks}.png`)))
  const differing = (a: PNG, b: PNG) => pixelmatch(a.data, b.data, undefined, a.width, a.height, { threshold: 0.1 }) / (a.width * a.height)

  it.each([[1, 0], [2, 1], [3, 1], [3, 2], [4, 0]])('shows slide %i at click %i, fully drawn, in the middle of its interval', async (slide, clicks) => {
    const step = result.plan.steps.find(s => s.slide === slide && s.clicks === clicks)!
    const frame = grab(step.start + step.duration / 2)
    const expected = await reference(slide, clicks)
    expect([frame.width, frame.height]).toEqual([1920, 1080])
    // On failure, say which step the frame shows instead, so the message tells a late frame from a wrong one.
    const others = result.plan.steps.filter(s => s.slide === slide && s.clicks !== clicks)
    const closest = async () => (await Promise.all(others.map(async s => `click ${s.clicks}: ${differing(frame, await reference(s.slide, s.clicks)).toFixed(4)}`))).join(', ')
    const difference = differing(frame, expected)
    expect(difference, difference < 0.005 ? '' : `the frame differs from this step's reference by ${difference.toFixed(4)}; from the slide's other steps by ${await closest()}`).toBeLessThan(0.005)
  })

  it('makes a storyboard: a page per slide, titled, with one still per click step labelled "click N"', async () => {
    const deck = await loadDeck(resolve(FIXTURE))
    const doc = await openPdf(storyboard)
    const pages: string[] = []
    for (let i = 1; i <= doc.numPages; i++)
      pages.push(await pageText(await doc.getPage(i)))
    await doc.destroy()
    expect(pages).toHaveLength(deck.slides.length)
    const steps = (no: number) => result.plan.steps.filter(s => s.slide === no).length
    deck.slides.forEach((slide, i) => {
      if (slide.title)
        expect(pages[i]).toContain(slide.title)
      expect(Array.from(pages[i]!.matchAll(/click (\d+)/g), m => Number(m[1]))).toEqual(Array.from({ length: steps(slide.no) }, (_, k) => k))
    })
    // Slide 2 has two clicks: three stills; slides 1 and 4 none: one.
    expect(await imagesPerPage(storyboard)).toEqual(deck.slides.map(s => steps(s.no)))
    expect(deck.slides.map(s => steps(s.no))).toEqual([1, 3, 3, 1])
  })

  it('tells the chart steps apart (the comparison is not blind)', async () => {
    const step = result.plan.steps.find(s => s.slide === 3 && s.clicks === 1)!
    expect(differing(grab(step.start + step.duration / 2), await reference(3, 2))).toBeGreaterThan(0.02)
  })
})

describe('the talk\'s length', () => {
  it('flags a plan longer than the talk\'s duration, or far shorter', () => {
    const deck = { entry: 'slides.md', userRoot: '.', headmatter: { duration: '25min' }, slides: [] }
    expect(talkLengthProblem(deck, 26 * 60)).toMatch(/1:00 over the talk's duration of 25:00/)
    expect(talkLengthProblem(deck, 10 * 60)).toMatch(/short of 80 % of the talk's duration of 25:00/)
    expect(talkLengthProblem(deck, 22 * 60)).toBeUndefined()
    expect(talkLengthProblem({ ...deck, headmatter: {} }, 99 * 60)).toBeUndefined()
  })
})

describe('video with a narration track (--audio)', () => {
  it('muxes the audio and holds the last slide until the narration ends', async () => {
    const work = await mkdtemp(join(tmpdir(), 'video-audio-'))
    try {
      // 18 s of tone: longer than the fixture deck's ~15 s plan.
      const narration = join(work, 'narration.m4a')
      writeTone(narration, 18)
      const out = videoOutputs(work)
      const result = (await renderVideo({ entry: FIXTURE, outputs: out, audio: narration, browser: browser() })).video!
      const info = JSON.parse(ffprobe(['-show_format', '-show_streams', '-of', 'json', out.video]))
      expect(result.plan.total).toBeLessThan(18)
      // (a "data" stream carries the chapter track)
      expect(info.streams.map((s: any) => s.codec_type)).toEqual(expect.arrayContaining(['video', 'audio', 'subtitle']))
      expect(info.streams.find((s: any) => s.codec_type === 'audio').codec_name).toBe('aac')
      const video = info.streams.find((s: any) => s.codec_type === 'video')
      expect(Math.abs(Number(video.duration) - 18)).toBeLessThanOrEqual(0.1)
      expect(Math.abs(Number(info.format.duration) - 18)).toBeLessThanOrEqual(0.1)
    }
    finally {
      await rm(work, { recursive: true, force: true })
    }
  })
})
