/**
 * The export is the gate: on a deck broken in several ways, `npm run export`
 * (the real command) stops naming each problem's file, line and slide, and
 * leaves the previous PDF byte-identical; with `--force` it writes the PDF and
 * lists the same problems as warnings.
 *
 * Each problem is a slide of its own fixture (test/fixtures/gate/*.md, slide
 * 2; those decks share components, fonts and favicon). Two decks import them
 * with `src: ./fixture.md#2`, after a first slide that passes every check, so
 * each problem is reported at its own file and line through the import, and
 * nothing is reported for the good slide:
 *
 * - static-problems.md: caught by the static check before anything is built
 *   (nothing is built for this deck).
 * - page-problems.md: caught on the rendered page only. Text below the type
 *   scale, hollow chart labels (a stroke over the fill, which computed
 *   colours do not show: the pixels do), and a remote and a missing image
 *   inside components, whose templates the static check does not read. The
 *   forced run writes the PDF and lists the same problems as warnings.
 *
 * Two decks instead of one per problem, and one build: the page-side checks of
 * what the static check also catches are seen to fail in the quality walk of
 * the deck broken on purpose (test/quality-fixtures.test.ts).
 */
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { promisify } from 'node:util'
import { PDFDocument } from 'pdf-lib'
import { afterAll, describe, expect, it } from 'vitest'
import { root } from './helpers/root'

const run = promisify(execFile)
const work = mkdtempSync(join(tmpdir(), 'export-gate-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** Runs `npm run export` on a fixture; resolves with its exit code and all it printed. */
async function exportFixture(entry: string, output: string, extra: string[] = []) {
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', 'export', '--', '--entry', entry, '--output', output, ...extra], { cwd: root, timeout: 300_000 })
    return { code: 0, output: stdout + stderr }
  }
  catch (error: any) {
    return { code: error.code as number, output: `${error.stdout}${error.stderr}` }
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

interface Problem { fixture: string, line: string, stops: RegExp, forced?: RegExp }

/** `unplaced`: problems no slide's source can be matched to (a request a component's template makes), named without a slide. */
const decks: { deck: string, problems: Problem[], unplaced?: RegExp[] }[] = [
  {
    deck: 'static-problems',
    problems: [
      { fixture: 'unknown-component', line: '<Chartt', stops: /unknown component <Chartt>/ },
      { fixture: 'remote-image', line: 'https://example.com/logo.png', stops: /remote asset https:\/\/example\.com\/logo\.png/ },
      { fixture: 'missing-image', line: 'image: /architecture.png', stops: /image not found: \/architecture\.png/ },
      // The component's own file and line are named too: that is where the alt text goes.
      { fixture: 'silent-chart', line: '<SilentChart', stops: /<SilentChart> draws an <svg> without alt text \(test\/fixtures\/gate\/components\/SilentChart\.vue:7\)/ },
      { fixture: 'decorative-image', line: 'class="flourish"', stops: /<img> without alt text: alt="" \(or aria-hidden="true"\) if it is decoration/ },
    ],
  },
  {
    deck: 'page-problems',
    problems: [
      // The four bullets past the bottom edge are one cause: one line, at the first of them, with the others' lines.
      { fixture: 'overflow', line: 'The thirteenth point', stops: /<li> "The thirteenth point[^"]*" extends past the slide's bottom edge \[4 times, on slide 2; also [^\]]*overflow\.md:39\]/, forced: /<li> "The thirteenth point[^"]*" extends past the slide's bottom edge \[4 times/ },
      { fixture: 'low-contrast', line: 'Light grey on white', stops: /text "Light grey on white[^"]*" has contrast 1\.\d\d:1/, forced: /text "Light grey on white[^"]*" has contrast 1\.\d\d:1/ },
      { fixture: 'font-not-loading', line: 'font-family: \'Brand Sans\';', stops: /font "Brand Sans" failed to load/, forced: /font "Brand Sans" failed to load/ },
      { fixture: 'small-text', line: 'Body text at fifteen pixels', stops: /body text "Body text at fifteen pixels[^"]*" is 15 px, below the 20 px minimum/, forced: /body text "Body text at fifteen pixels[^"]*" is 15 px, below the 20 px minimum/ },
      // The labels' computed fill passes; the pixels show the white stroke painted over it. The component is in
      // another file, so the line is where the slide's content starts.
      { fixture: 'hollow-label', line: '# Hollow chart labels', stops: /text "Azure Linux 3\.0" is drawn at contrast [1-3]\.\d\d:1, needs 4\.5:1/, forced: /<text> "Azure Linux 3\.0" has a stroke \(rgb\(255, 255, 255\) 1px\) painted over its fill/ },
      // Inside components: the slide's line is where its content starts.
      { fixture: 'remote-in-component', line: '# A badge from the web', stops: /image https:\/\/example\.com\/badge\.png did not load/, forced: /image https:\/\/example\.com\/badge\.png did not load/ },
      { fixture: 'missing-in-component', line: '# The architecture, drawn by a component', stops: /image \/architecture\.png did not load/, forced: /image \/architecture\.png did not load/ },
    ],
    unplaced: [/offline: request to https:\/\/example\.com\/badge\.png blocked/],
  },
]

const gateDir = join(root, 'test/fixtures/gate')
/** The problem lines an export printed: `file:line: slide N …`. */
const problemLines = (output: string) => output.split('\n').filter(l => /^\s+- test\/fixtures\/gate\/[\w-]+\.md:\d+: slide \d+/.test(l))

// The two decks side by side: each is a chain of child processes (build, Chromium) that leaves a core idle
// while it waits; the two steps of one deck stay in order.
describe.concurrent.each(decks)('$deck', ({ deck, problems, unplaced = [] }) => {
  const entry = relative(root, join(gateDir, `${deck}.md`))
  // `file:line: slide N`: the problem's own line, in its fixture's file, on the slide that imports it (slide 1 passes).
  const where = (problem: Problem, slide: number, what: RegExp) => {
    const file = relative(root, join(gateDir, `${problem.fixture}.md`))
    const lineNo = readFileSync(join(root, file), 'utf8').split('\n').findIndex(l => l.includes(problem.line)) + 1
    return new RegExp(`${escape(file)}:${lineNo}: slide ${slide}\\b[^\\n]*${what.source}`)
  }
  const dir = join(work, deck)
  const pdf = join(dir, 'deck.pdf')

  it('stops `npm run export` naming file, line and slide of each problem, and keeps the previous PDF byte-identical; with --force, writes the PDF and lists them (page problems)', async () => {
    // A previous good export: any PDF will do, as long as it is left alone.
    const doc = await PDFDocument.create()
    doc.addPage([400, 225]).drawText(`previous export of ${deck}`)
    const previous = Buffer.from(await doc.save())
    mkdirSync(dir, { recursive: true })
    writeFileSync(pdf, previous)

    const stopped = await exportFixture(entry, pdf)
    expect(stopped.code, stopped.output).not.toBe(0)
    for (const [i, problem] of problems.entries())
      expect(stopped.output, problem.fixture).toMatch(where(problem, i + 2, problem.stops))
    for (const named of unplaced)
      expect(stopped.output).toMatch(named)
    // Every problem reported is on a broken slide, in that slide's fixture: none on the good slide 1.
    const reported = problemLines(stopped.output)
    expect(reported.length).toBeGreaterThanOrEqual(problems.length)
    for (const line of reported) {
      const [, fixture, slide] = line.match(/gate\/([\w-]+)\.md:\d+: slide (\d+)/)!
      expect(problems.findIndex(p => p.fixture === fixture) + 2, line).toBe(Number(slide))
    }
    expect(readFileSync(pdf).equals(previous)).toBe(true)
    expect(readdirSync(dir)).toEqual(['deck.pdf'])
    if (problems.some(p => !p.forced))
      return

    const written = await exportFixture(entry, pdf, ['--force'])
    expect(written.code, written.output).toBe(0)
    for (const [i, problem] of problems.entries())
      expect(written.output, problem.fixture).toMatch(where(problem, i + 2, problem.forced!))
    for (const named of unplaced)
      expect(written.output).toMatch(named)
    expect(written.output).toMatch(/warning/i)
    const bytes = readFileSync(pdf)
    expect(bytes.equals(previous)).toBe(false)
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(problems.length + 1)
  })
})
