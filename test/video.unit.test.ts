/** Timing plan and caption splitting for `npm run video`: pure functions, no browser. */
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { captionCues, chapters, chapterText, ffmetadata, splitCaption, toWebVTT, vttTime } from '../packages/slidev-pipeline/src/outputs/video/captions'
import { checkTimingFrontmatter, clock, notesForSteps, planTiming, TimingError } from '../packages/slidev-pipeline/src/outputs/video/timing'
import { loadDeck, speakable } from '../packages/slidev-pipeline/src/support/deck'
import { deckOf, words } from './helpers/deck'

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
    const deck = await loadDeck(resolve('test/fixtures/video-bad-timing/slides.md'))
    expect(() => checkTimingFrontmatter(deck)).toThrow('test/fixtures/video-bad-timing/pages/bad.md, slide 2 ("Broken Durations"): `durations` must be a list of positive numbers')
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
