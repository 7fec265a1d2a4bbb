/**
 * The export gate's reporter, without a browser: the runner's Problem records
 * in, lines out. Where a problem is pinned (file, line, slide, click step),
 * each once, the [click]-mark warning, what stops and what only warns, --force.
 */
import type { Problem } from '../src/capture/gate/runner'
import { relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { enforceGate, ExportCheckError, problemLines, reportGate } from '../src/capture/gate/report'
import { GateRunner } from '../src/capture/gate/runner'
import { loadDeck } from '../src/support/deck'
import { fixture as fixtureFile } from './helpers/paths'

const fixture = fixtureFile('gate', 'overflow.md')
const file = relative(process.cwd(), fixture)
const cwd = process.cwd()
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

describe('the gate\'s reporter', async () => {
  const { slides } = await loadDeck(fixture)
  const overflow: Problem = { check: 'overflow', slide: 2, step: 0, element: '<li>', message: '<li> "The fifteenth point runs off the bottom of the sli" extends past the slide\'s bottom edge' }

  it('pins a problem to the line that names what is wrong, with slide, title and click step', () => {
    expect(problemLines([overflow], slides, cwd)).toEqual([`${file}:38: slide 2 "Too many points", click 0: <li> "The fifteenth point runs off the bottom of the sli" extends past the slide's bottom edge`])
  })

  it('names the dark theme, and not the light one (the default)', () => {
    expect(problemLines([{ ...overflow, theme: 'dark' }], slides, cwd)[0]).toMatch(/^[^:]+:38: slide 2 "Too many points", click 0, dark theme: <li>/)
    expect(problemLines([{ ...overflow, theme: 'light' }], slides, cwd)[0]).toMatch(/, click 0: <li>/)
  })

  it('names a problem seen at several click steps and pages once, at the first step it shows', () => {
    const lines = problemLines([{ ...overflow, step: 2 }, { ...overflow, step: 1 }, { ...overflow, step: 3 }], slides, cwd)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/, click 1: /)
  })

  it('pins a request to the slide whose source names its URL, whichever slide was showing', () => {
    // Slide 2's source names no URL; a deck whose slide 1 does, with a stand-in file's lines.
    const lines = '---\ntitle: x\n---\n\n# One\n\n![logo](https://example.com/x.png)\n\n---\n\n# Two\n'.split('\n')
    const stand = [
      { no: 1, title: 'One', notes: '', filepath: '/deck/slides.md', start: 0, contentStart: 3, end: 8, lines },
      { no: 2, title: 'Two', notes: '', filepath: '/deck/slides.md', start: 8, contentStart: 9, end: 12, lines },
    ]
    const [line] = problemLines([{ check: 'offline', slide: 2, step: 1, message: 'request to https://example.com/x.png blocked' }], stand, '/deck')
    expect(line).toBe('slides.md:7: slide 1 "One": request to https://example.com/x.png blocked')
    // Neither slide of the overflow fixture names that URL: it stays where it was seen.
    expect(problemLines([{ check: 'offline', slide: 1, step: 0, message: 'request to https://example.com/x.png blocked' }], slides, cwd)[0]).toMatch(new RegExp(`^${escape(file)}:\\d+: slide 1 `))
  })

  it('names a problem with no slide by its check alone', () => {
    expect(problemLines([{ check: 'slidev default', message: 'request to https://fonts.googleapis.com/css2 blocked' }], slides, cwd)).toEqual(['slidev default: request to https://fonts.googleapis.com/css2 blocked'])
  })

  it('warns when the notes hold more or fewer [click] marks than the slide has click steps', () => {
    const report = reportGate({ problems: [], slides, clicks: [0, 2], cwd })
    expect(report.warnings).toEqual([`${file}:41: slide 2 "Too many points": its notes have 0 [click] marks but the slide has 2 click steps`])
    expect(report.stopping).toEqual([])
  })

  it('stops with every problem, or with force prints them as a warning', () => {
    const font: Problem = { check: 'font', slide: 2, step: 0, message: 'font "X" is not loaded' }
    // Fonts only warn unless the deck makes them strict (as this talk's deck.config.ts does).
    expect(() => enforceGate(reportGate({ problems: [], slides, strict: ['font'], cwd }))).not.toThrow()
    expect(() => enforceGate(reportGate({ problems: [font], slides, strict: ['font'], cwd }))).toThrow(ExportCheckError)
    const printed: string[] = []
    enforceGate(reportGate({ problems: [font], slides, strict: ['font'], force: true, cwd }), text => printed.push(text))
    expect(printed.join('\n')).toMatch(/writing anyway \(--force\).*\n.*slide 2 "Too many points", click 0: font "X" is not loaded/)
  })

  it('only warns about advisory checks (contrast, fonts, Slidev\'s own remote defaults) of a deck that does not make them strict', () => {
    const advisory: Problem[] = [
      { check: 'contrast', slide: 2, step: 0, message: 'text "x" has contrast 3.98:1 (computed colours), needs 4.5:1' },
      { check: 'slidev default', message: 'request to https://fonts.googleapis.com/css2 blocked: Slidev loads web fonts' },
    ]
    const printed: string[] = []
    expect(() => enforceGate(reportGate({ problems: advisory, slides, cwd }), text => printed.push(text))).not.toThrow()
    expect(printed.join('\n')).toMatch(/contrast 3\.98:1[\s\S]*fonts\.googleapis\.com/)
    const withOverflow = reportGate({ problems: [...advisory, overflow], slides, cwd })
    expect(withOverflow.stopping).toHaveLength(1)
    expect(() => enforceGate(withOverflow, () => {})).toThrow(ExportCheckError)
  })
})

describe('the gate\'s runner', () => {
  it('keeps what a check says as a plain record: the slide prefix off, the element it names, the theme', () => {
    const runner = new GateRunner({ theme: 'dark' })
    runner.add('overflow', 'slide 2: <li> "x" extends past the slide\'s bottom edge', { slide: 2, step: 1 })
    runner.add('slidev default', 'request to https://fonts.googleapis.com/css2 blocked')
    expect(runner.problems).toEqual([
      { check: 'overflow', slide: 2, step: 1, theme: 'dark', element: '<li>', message: '<li> "x" extends past the slide\'s bottom edge' },
      { check: 'slidev default', theme: 'dark', message: 'request to https://fonts.googleapis.com/css2 blocked' },
    ])
  })
})
