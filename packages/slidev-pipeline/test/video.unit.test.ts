import type { Speech } from '../src/outputs/video/speech'
/** The video's one timing plan, its captions and chapters for `npm run video`: pure functions, no browser. */
import { relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { captionCues, chapters, chapterText, ffmetadata, splitCaption, toWebVTT, vttTime } from '../src/outputs/video/captions'
import { stepFrames } from '../src/outputs/video/encode'
import { checkTimingFrontmatter, clickSteps, clock, notesForSteps, planTiming, TimingError } from '../src/outputs/video/timing'
import { planVideo } from '../src/outputs/video/video'
import { loadDeck, speakable } from '../src/support/deck'
import { deckOf, words } from './helpers/deck'
import { fixture } from './helpers/paths'

describe('timing plan', () => {
  it('times notes at 150 words per minute, per click step', () => {
    const plan = planTiming(deckOf([{ notes: `${words(150)} [click] ${words(75)}` }]), [1])
    expect(plan.steps.map(s => s.duration)).toEqual([60, 30])
    expect(plan.total).toBe(90)
    expect(plan.steps.map(s => s.source)).toEqual(['notes', 'notes'])
  })

  it('gives a step without notes (or with very few words) the minimum', () => {
    const plan = planTiming(deckOf([{ notes: 'Short. [click]' }, { notes: '' }]), [2, 0])
    expect(plan.steps.map(s => s.duration)).toEqual([3, 3, 3, 3])
    expect(planTiming(deckOf([{ notes: '' }]), [0], { minStep: 5 }).total).toBe(5)
  })

  it('follows [click:N] markers and keeps text past the last step on it', () => {
    expect(notesForSteps('a [click:2] c [click] d', 3)).toEqual(['a', '', 'c\n\nd'])
    expect(notesForSteps('', 2)).toEqual(['', ''])
  })

  it('takes `durations` per step and `duration` for the whole slide', () => {
    const plan = planTiming(deckOf([
      { notes: words(300) },
      { frontmatter: { durations: [2, 1.5, 4] }, notes: words(500) },
      { frontmatter: { duration: 9 }, notes: `${words(100)} [click] ${words(50)}` },
      { frontmatter: { duration: 4 } },
    ]), [0, 2, 1, 1])
    expect(plan.slides.map(s => s.duration)).toEqual([120, 7.5, 9, 4])
    expect(plan.slides[1]!.steps.map(s => s.duration)).toEqual([2, 1.5, 4])
    // Split in proportion to the spoken length: 40 s and 20 s of notes.
    expect(plan.slides[2]!.steps.map(s => s.duration)).toEqual([6, 3])
    expect(plan.slides[3]!.steps.map(s => s.duration)).toEqual([2, 2])
    expect(plan.steps[1]!.source).toBe('durations')
  })

  it('leaves `duration` on the first slide to Slidev (the presenter timer)', () => {
    const plan = planTiming(deckOf([{ frontmatter: { duration: '25min' }, notes: words(150) }]), [0])
    expect(plan.total).toBe(60)
  })

  it('rounds every step to whole frames and starts each where the last ended', () => {
    const plan = planTiming(deckOf([{}, { frontmatter: { duration: 1 } }, { frontmatter: { durations: [0.51, 0.5] } }]), [0, 2, 1])
    for (const step of plan.steps)
      expect(Number.isInteger(Math.round(step.duration * 30 * 1e6) / 1e6)).toBe(true)
    expect(plan.slides[1]!.duration).toBeCloseTo(1, 9)
    expect(plan.slides[1]!.steps.map(s => s.frames)).toEqual([10, 10, 10])
    plan.steps.slice(1).forEach((s, i) => expect(s.start).toBeCloseTo(plan.steps[i]!.start + plan.steps[i]!.duration, 9))
    expect(plan.totalFrames).toBe(plan.steps.reduce((n, s) => n + s.frames, 0))
  })

  it.each([
    [{ durations: [2, 'x'] }, /`durations` must be a list of positive numbers/],
    [{ durations: 5 }, /`durations` must be a list/],
    [{ durations: [2] }, /`durations` has 1 entry but the slide has 2 click steps/],
    [{ duration: 0 }, /`duration` must be a positive number/],
    [{ duration: '10s' }, /`duration` must be a positive number/],
    [{ duration: 5, durations: [1, 1] }, /either `duration`.*or `durations`/],
  ])('rejects bad frontmatter %j, naming file and slide', (frontmatter, message) => {
    const deck = deckOf([{}, { frontmatter, title: 'Charts', file: 'pages/charts.md' }])
    const plan = () => planTiming(deck, [0, 1])
    expect(plan).toThrow(TimingError)
    expect(plan).toThrow(message)
    expect(plan).toThrow(/pages\/charts\.md, slide 2 \("Charts"\)/)
  })

  it('names the imported file when a real deck has bad durations', async () => {
    const deck = await loadDeck(fixture('video-bad-timing', 'slides.md'))
    expect(() => checkTimingFrontmatter(deck)).toThrow(`${relative(process.cwd(), fixture('video-bad-timing', 'pages', 'bad.md'))}, slide 2 ("Broken Durations"): \`durations\` must be a list of positive numbers`)
  })

  it('formats clock times', () => {
    expect([0, 59.9, 61, 1322.4, 3723].map(clock)).toEqual(['0:00', '0:59', '1:01', '22:02', '1:02:03'])
    expect(vttTime(3723.4567)).toBe('01:02:03.457')
  })
})

describe('captions', () => {
  it('cuts text into cues of at most two lines of 42 characters', () => {
    const text = speakable(`Welcome, everyone. This talk restates an article called **Azure Linux Explained**, written by Wolfgang Ofner and published on the twenty-sixth of May 2025. All credit for the structure and the claims goes to him; the link is on this slide and at the end.`)
    const cues = splitCaption(text)
    for (const cue of cues) {
      const lines = cue.split('\n')
      expect(lines.length).toBeLessThanOrEqual(2)
      for (const line of lines)
        expect(line.length).toBeLessThanOrEqual(42)
    }
    expect(cues.join(' ').replace(/\n/g, ' ')).toBe(text)
    expect(cues[0]).toBe('Welcome, everyone.')
  })

  it('balances two lines instead of leaving one word alone', () => {
    expect(splitCaption('Here comes the first point, shown on its own.')).toEqual(['Here comes the first point,\nshown on its own.'])
  })

  it('keeps version numbers whole and cuts words longer than a line', () => {
    expect(splitCaption('You need Azure CLI 2.61.0 or later.')).toEqual(['You need Azure CLI 2.61.0 or later.'])
    const long = splitCaption(`see ${'x'.repeat(50)} there`)
    expect(long.join('\n').split('\n').every(l => l.length <= 42)).toBe(true)
  })

  it('times cues inside their step, in order, in proportion to their length', () => {
    const deck = deckOf([
      { notes: 'Short one. [click] A much longer sentence that will need two full lines of text to show all of it, and then a third.' },
      { notes: '', title: '' },
      { notes: 'Last words.' },
    ])
    const plan = planTiming(deck, [1, 0, 0])
    const cues = captionCues(plan)
    expect(cues[0]).toEqual({ start: 0, end: 3, text: 'Short one.' })
    const second = plan.steps[1]!
    const inStep = cues.filter(c => c.start >= second.start && c.end <= second.start + second.duration + 1e-9)
    expect(inStep).toHaveLength(2)
    expect(inStep[0]!.end - inStep[0]!.start).toBeGreaterThan(inStep[1]!.end - inStep[1]!.start)
    expect(inStep.at(-1)!.end).toBeCloseTo(second.start + second.duration, 9)
    expect(cues.at(-1)!.start).toBe(plan.slides[2]!.start)
    expect(toWebVTT(cues)).toMatch(/^WEBVTT\n\n1\n00:00:00\.000 --> 00:00:03\.000\nShort one\.\n\n2\n/)
  })

  it('makes one chapter per titled slide, the first at 0:00', () => {
    const plan = planTiming(deckOf([{ title: '' }, { title: 'Intro' }, { title: '' }, { title: 'End = here; #1' }]), [0, 0, 0, 0])
    const list = chapters(plan)
    expect(list).toEqual([{ start: 0, end: 9, title: 'Intro' }, { start: 9, end: 12, title: 'End = here; #1' }])
    expect(chapterText(list)).toBe('0:00 Intro\n0:09 End = here; #1\n')
    expect(ffmetadata('Talk', list)).toContain('[CHAPTER]\nTIMEBASE=1/1000\nSTART=9000\nEND=12000\ntitle=End \\= here\\; \\#1\n')
    expect(ffmetadata('Talk', list)).not.toContain('artist=')
    expect(ffmetadata('Talk', list, 'Ada Lovelace')).toContain('title=Talk\nartist=Ada Lovelace\n')
  })
})

describe('the one timing plan (planVideo)', () => {
  // Every kind of slide: notes, `durations`, `duration`, no notes; with a narration, also a recorded step and a recorded slide.
  const deck = deckOf([
    { title: 'Notes', notes: `The first sentence is here, with enough words to fill a line. Second, one follows it. [click] ${words(40)}` },
    { title: 'Per step', frontmatter: { durations: [2, 1.5] }, notes: 'Short. [click] A step whose speech is longer than its two seconds, so it is extended.' },
    { title: 'Whole slide', frontmatter: { duration: 9 }, notes: `${words(30)} [click] ${words(10)}` },
    { title: '', notes: '' },
    { title: 'Recorded', notes: `${words(20)} [click] ${words(20)}` },
  ])
  const clicks = [1, 1, 1, 0, 1]
  const steps = clickSteps(deck, clicks)
  // The voice: each sentence where it is spoken inside its step; step 1-1 and slide 5 recorded.
  const speech: Speech = {
    steps: steps.map((step, i) => {
      if (step.slide === 5)
        return { kind: 'silent' as const }
      if (i === 1)
        return { kind: 'recording' as const, seconds: 4.2 }
      const text = speakable(step.notes)
      if (!text)
        return { kind: 'silent' as const }
      // Two sentences where the text has two (1 s, a gap, 1.15 s), else one.
      const cut = text.indexOf('. ') + 2
      return { kind: 'voice' as const, seconds: 2.3, spans: cut > 1
        ? [{ from: 0, to: cut - 1, start: 0, end: 1 }, { from: cut, to: text.length, start: 1.15, end: 2.3 }]
        : [{ from: 0, to: text.length, start: 0, end: 2.3 }] }
    }),
    slides: new Map([[5, 7.25]]),
  }

  /** What must hold of any video: steps back to back in whole frames, the video as long as them, every caption inside its step. */
  function expectConsistent(video: ReturnType<typeof planVideo>) {
    const { plan, cues } = video
    expect(plan.steps.map(s => [s.slide, s.clicks])).toEqual(steps.map(s => [s.slide, s.clicks]))
    let frame = 0
    for (const step of plan.steps) {
      expect(step.start).toBeCloseTo(frame / plan.fps, 9)
      expect(step.duration).toBeCloseTo(step.frames / plan.fps, 9)
      frame += step.frames
    }
    expect(plan.totalFrames).toBe(frame)
    expect(plan.total).toBeCloseTo(frame / plan.fps, 9)
    expect(video.length).toBe(plan.total)
    for (const slide of plan.slides)
      expect(slide.duration).toBeCloseTo(slide.steps.reduce((n, s) => n + s.duration, 0), 9)
    // The encoder gives each step exactly its planned frames, and the MP4 as many as the plan.
    const encoded = stepFrames(plan.steps.map(s => ({ still: `${s.slide}-${s.clicks}.png`, seconds: s.duration })), plan.fps, video.length)
    expect(encoded).toEqual(plan.steps.map(s => s.frames))
    // Captions: in order, none overlapping, each inside one step.
    expect(cues.length).toBeGreaterThan(0)
    cues.forEach((cue, i) => {
      expect(cue.end).toBeGreaterThan(cue.start)
      expect(cue.start).toBeGreaterThanOrEqual(i ? cues[i - 1]!.end : 0)
      const step = plan.steps.find(s => cue.start >= s.start - 1e-9 && cue.start < s.start + s.duration)!
      expect(cue.end, cue.text).toBeLessThanOrEqual(step.start + step.duration + 1e-9)
    })
    // Chapters: the titled slides, from 0:00 to the end of the video.
    expect(video.chapters.map(c => c.title)).toEqual(['Notes', 'Per step', 'Whole slide', 'Recorded'])
    expect(video.chapters[0]!.start).toBe(0)
    expect(video.chapters.at(-1)!.end).toBe(plan.total)
  }

  it('makes a silent video as long as its timings, captions inside their steps', () => {
    const video = planVideo(deck, clicks)
    expectConsistent(video)
    expect(video.plan.extended).toEqual([])
    expect(video.plan).toEqual(planTiming(deck, clicks))
  })

  it('makes a narrated video from the seconds spoken per step, once, and times its captions by the speech', () => {
    const video = planVideo(deck, clicks, { speech })
    expectConsistent(video)
    const { plan, cues } = video
    // Spoken steps last their speech plus the pause; the recorded step its recording; the recorded slide its recording.
    expect(plan.steps[0]!.duration).toBeCloseTo(Math.ceil((2.3 + 0.6) * 30) / 30, 9)
    expect(plan.steps[1]!.duration).toBeCloseTo(Math.ceil(4.2 * 30) / 30, 9)
    expect(plan.slides[4]!.duration).toBeCloseTo(Math.ceil(7.25 * 30) / 30, 9)
    // `durations: [2, 1.5]` is shorter than 2.3 s of speech and the pause: both steps extended, and reported.
    expect(plan.extended.map(e => [e.slide, e.clicks])).toEqual([[2, 0], [2, 1]])
    // A caption starts when its words are spoken: the first at its step's start, the step's second sentence 1.15 s in.
    expect(cues[0]!.start).toBe(0)
    const second = cues.find(c => c.text.startsWith('Second'))!
    expect(second.start).toBeCloseTo(plan.steps[0]!.start + 1.15, 9)
    // The recorded slide's captions end with its recording.
    const recorded = plan.slides[4]!
    expect(cues.filter(c => c.start >= recorded.start).at(-1)!.end).toBeCloseTo(recorded.start + 7.25, 9)
  })

  it('holds the last slide for a longer --audio file, and only then is the video longer than its steps', () => {
    const video = planVideo(deck, clicks, { audioLength: 600 })
    expect(video.length).toBe(600)
    const frames = stepFrames(video.plan.steps.map(s => ({ still: 'x.png', seconds: s.duration })), video.plan.fps, video.length)
    expect(frames.reduce((a, b) => a + b, 0)).toBe(600 * 30)
    expect(frames.slice(0, -1)).toEqual(video.plan.steps.slice(0, -1).map(s => s.frames))
  })

  it('refuses speech for other click steps than the deck has', () => {
    expect(() => planVideo(deck, clicks, { speech: { steps: speech.steps.slice(1), slides: new Map() } })).toThrow(/speech for 8 steps, but the deck has 9/)
  })
})
