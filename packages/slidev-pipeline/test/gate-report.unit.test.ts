/**
 * The gate's reporter groups (issue 33, item 8): one line per cause, with how
 * many times and on which slides it occurs and the next few places, the same
 * lines in the same order whatever order the capture pages saw them in; a deck
 * with nothing wrong prints nothing; a shape bleeding off the slide says
 * nothing unless the deck makes `bleed` strict. Without a browser: Problem
 * records in, lines out, on fixtures/noise-deck's slides.
 */
import type { Problem } from '../src/capture/gate/runner'
import { describe, expect, it } from 'vitest'
import { causeOf, enforceGate, reportGate } from '../src/capture/gate/report'
import { clickMarkCount, loadDeck } from '../src/support/deck'
import { fixture } from './helpers/paths'

const cwd = fixture('noise-deck')

describe('the gate\'s report, one line per cause', async () => {
  const { slides } = await loadDeck(fixture('noise-deck', 'slides.md'))
  /** The same theme colour on four runs over three slides: one cause. */
  const faint = (slide: number, label: string, step = 0): Problem => ({ check: 'contrast', slide, step, message: `text "${label}" has contrast 3.98:1 (computed colours), needs 4.5:1 (#212121 at 50 % on #ffffff)` })
  const contrast = [faint(4, 'A row wider than the slide'), faint(1, 'A deck with nothing wrong in it'), faint(3, 'Shapes that run off the slide'), faint(4, 'A column whose box', 1)]

  it('names a cause once, at its first place, with the count, the slides and the next places', () => {
    const { warnings } = reportGate({ problems: contrast, slides, cwd })
    expect(warnings).toEqual([
      'slides.md:15: slide 1 "Quiet on purpose", click 0: text "A deck with nothing wrong in it" has contrast 3.98:1 (computed colours), needs 4.5:1 (#212121 at 50 % on #ffffff) [4 times, on slides 1, 3 and 4; also slides.md:41, slides.md:57, slides.md:59]',
    ])
  })

  it('keeps different causes apart: another colour, another check, another theme', () => {
    const other: Problem = { ...faint(3, 'Shapes that run off the slide'), message: 'text "Shapes that run off the slide" has contrast 2.10:1 (computed colours), needs 4.5:1 (#bbbbbb on #ffffff)' }
    const dark: Problem = { ...faint(3, 'Shapes that run off the slide'), theme: 'dark' }
    const { warnings } = reportGate({ problems: [...contrast, other, dark], slides, cwd })
    expect(warnings).toHaveLength(3)
    expect(warnings.filter(w => w.includes('[4 times'))).toHaveLength(1)
  })

  it('prints the same lines in the same order, whatever order the problems were seen in', () => {
    const overflow = (slide: number, text: string): Problem => ({ check: 'overflow', slide, step: 0, element: '<li>', message: `<li> "${text}" extends past the slide's bottom edge` })
    const problems = [...contrast, overflow(5, 'a'), overflow(2, 'b'), { check: 'error', slide: 3, step: 0, message: 'console error: boom' }]
    const lines = (p: Problem[]) => {
      const report = reportGate({ problems: p, slides, cwd })
      return [...report.stopping, ...report.warnings]
    }
    expect(lines([...problems].reverse())).toEqual(lines(problems))
    const { stopping } = reportGate({ problems, slides, cwd })
    expect(stopping).toHaveLength(2)
    expect(stopping[0]).toMatch(/^slides\.md:\d+: slide 2 "Revealed one by one", click 0: <li> "b" extends past the slide's bottom edge \[2 times, on slides 2 and 5; also slides\.md:\d+\]$/)
  })

  it('takes the sample out of a cause, not what names it', () => {
    expect(causeOf('<li> "The fifteenth point" extends past the slide\'s bottom edge')).toBe('<li> "…" extends past the slide\'s bottom edge')
    expect(causeOf('font "Brand Sans" failed to load: "Some title" is drawn in a fallback font')).toBe('font "Brand Sans" failed to load: "…" is drawn in a fallback font')
    expect(causeOf('<pre.shiki> "code" cuts its content (600×900 in 600×400)')).toBe('<pre.shiki> "…" cuts its content (…)')
  })

  it('prints nothing for a deck with nothing wrong, and nothing for a bleed unless the deck makes it strict', () => {
    const bleed: Problem = { check: 'bleed', slide: 3, step: 0, element: '<div.blob>', message: '<div.blob> extends past the slide\'s top and right edge: a shape with no text or image in it (mark it data-bleed if it bleeds on purpose)' }
    const printed: string[] = []
    for (const problems of [[], [bleed]])
      enforceGate(reportGate({ problems, slides, clicks: slides.map(s => s.no === 2 ? 2 : clickMarkCount(s.notes)), cwd }), text => printed.push(text))
    expect(printed).toEqual([])
    expect(reportGate({ problems: [bleed], slides, strict: ['bleed'], cwd }).stopping).toEqual([expect.stringMatching(/slide 3 "Bleeds on purpose", click 0: <div\.blob> extends past/)])
  })
})

describe('a missing file the slide names by a relative path', () => {
  it('is placed at that slide and line, not at no slide', () => {
    const lines = ['---', 'layout: ncolumns', 'images:', '- facilities/cluster.png', '---', '', '# Infrastructure']
    const slides = [
      { no: 1, title: 'Cover', notes: '', filepath: '/deck/slides.md', start: 0, contentStart: 0, end: 0, lines: [] },
      { no: 2, title: 'Infrastructure', notes: '', filepath: '/deck/slides.md', start: 0, contentStart: 5, end: lines.length, lines },
    ]
    const { stopping } = reportGate({ problems: [{ check: 'error', message: 'HTTP 404 for /facilities/cluster.png' }], slides, cwd: '/deck' })
    expect(stopping).toEqual(['slides.md:4: slide 2 "Infrastructure": HTTP 404 for /facilities/cluster.png'])
  })
})
