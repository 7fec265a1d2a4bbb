/**
 * The export gate's bookkeeping, without a browser: where a problem is pinned
 * (file, line, slide, click step), the [click]-mark warning, stop or --force.
 */
import { join, relative } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { ExportCheckError, Gate, slideSources } from '../packages/slidev-pipeline/src/capture/gate'
import { loadDeck } from '../packages/slidev-pipeline/src/support/deck'
import { root } from './helpers/root'

const fixture = join(root, 'test/fixtures/gate/overflow.md')
const file = relative(process.cwd(), fixture)

describe('the gate', async () => {
  const slides = slideSources(await loadDeck(fixture))

  it('pins a problem to the line that names what is wrong, with slide, title and click step', () => {
    const gate = new Gate(slides)
    gate.add('overflow', 'slide 2: <li> "The fifteenth point runs off the bottom of the sli" extends past the slide\'s bottom edge', { slide: 2, step: 0 })
    expect(gate.report()).toEqual([`${file}:38: slide 2 "Too many points", click 0: <li> "The fifteenth point runs off the bottom of the sli" extends past the slide's bottom edge`])
  })

  it('pins a request to the slide whose source names its URL, whichever slide was showing', () => {
    const gate = new Gate(slides)
    gate.add('offline', 'request to https://example.com/x.png blocked', { slide: 1, step: 0 })
    // Neither slide names that URL: it stays where it was seen.
    expect(gate.report()[0]).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+: slide 1 `))
  })

  it('warns when the notes hold more or fewer [click] marks than the slide has click steps', () => {
    const gate = new Gate(slides)
    gate.countClicks(1, 0)
    gate.countClicks(2, 2)
    expect(gate.clickWarnings()).toEqual([`${file}:41: slide 2 "Too many points": its notes have 0 [click] marks but the slide has 2 click steps`])
  })

  it('stops with every problem, or with force prints them as a warning', () => {
    // Fonts only warn unless the deck makes them strict (as this talk's deck.config.ts does).
    const gate = new Gate(slides, { strict: ['font'] })
    expect(() => gate.enforce()).not.toThrow()
    gate.add('font', 'slide 2: font "X" is not loaded', { slide: 2, step: 0 })
    expect(() => gate.enforce()).toThrow(ExportCheckError)
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    gate.enforce({ force: true })
    expect(warn.mock.calls.flat().join('\n')).toMatch(/writing anyway \(--force\).*\n.*slide 2 "Too many points", click 0: font "X" is not loaded/)
    warn.mockRestore()
  })

  it('only warns about advisory checks (contrast, fonts, Slidev\'s own remote defaults) of a deck that does not make them strict', () => {
    const gate = new Gate(slides)
    gate.add('contrast', 'slide 2: text "x" has contrast 3.98:1 (computed colours), needs 4.5:1', { slide: 2, step: 0 })
    gate.add('slidev default', 'request to https://fonts.googleapis.com/css2 blocked: Slidev loads web fonts')
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    expect(() => gate.enforce()).not.toThrow()
    expect(warn.mock.calls.flat().join('\n')).toMatch(/contrast 3\.98:1[\s\S]*fonts\.googleapis\.com/)
    warn.mockRestore()
    gate.add('overflow', 'slide 2: <li> "x" extends past the slide\'s bottom edge', { slide: 2, step: 0 })
    expect(() => gate.enforce()).toThrow(ExportCheckError)
  })
})
