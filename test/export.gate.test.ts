/**
 * The export is the gate: for each fixture deck broken in one way,
 * `npm run export` (the real command) stops with the slide's file, line and
 * number and leaves the previous PDF byte-identical; with `--force` it writes
 * the PDF and lists the same problem as a warning.
 *
 * The fixtures (test/fixtures/gate/) share their components, fonts and
 * favicon; slide 1 of each passes every check, slide 2 holds the problem.
 * Three problems are caught by the static check before anything is built; the
 * forced run then shows the page-side check catching the same thing. Text
 * below the type scale and hollow chart labels (a stroke over the fill, which
 * computed colours do not show: the pixels do) are caught on the page only.
 */
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { promisify } from 'node:util'
import { PDFDocument } from 'pdf-lib'
import { afterAll, describe, expect, it } from 'vitest'
import { root } from '../scripts/lib/paths'

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

const cases = [
  { fixture: 'unknown-component', line: '<Chartt', stops: /unknown component <Chartt>/, forced: /<chartt> is not a known component or element/ },
  { fixture: 'overflow', line: 'The fifteenth point', stops: /<li> "The fifteenth point[^"]*" extends past the slide's bottom edge/, forced: /<li> "The fifteenth point[^"]*" extends past the slide's bottom edge/ },
  { fixture: 'remote-image', line: 'https://example.com/logo.png', stops: /remote asset https:\/\/example\.com\/logo\.png/, forced: /request to https:\/\/example\.com\/logo\.png blocked/ },
  { fixture: 'missing-image', line: 'image: /architecture.png', stops: /image not found: \/architecture\.png/, forced: /image \/architecture\.png did not load/ },
  { fixture: 'low-contrast', line: 'Light grey on white', stops: /text "Light grey on white[^"]*" has contrast 1\.\d\d:1/, forced: /text "Light grey on white[^"]*" has contrast 1\.\d\d:1/ },
  { fixture: 'font-not-loading', line: 'font-family: \'Brand Sans\';', stops: /font "Brand Sans" failed to load/, forced: /font "Brand Sans" failed to load/ },
  { fixture: 'small-text', line: 'Body text at fifteen pixels', stops: /body text "Body text at fifteen pixels[^"]*" is 15 px, below the 20 px minimum/, forced: /body text "Body text at fifteen pixels[^"]*" is 15 px, below the 20 px minimum/ },
  // The labels' computed fill passes; the pixels show the white stroke painted over it. The component is in
  // another file, so the line is where the slide's content starts.
  { fixture: 'hollow-label', line: '# Hollow chart labels', stops: /text "Azure Linux 3\.0" is drawn at contrast [1-3]\.\d\d:1, needs 4\.5:1/, forced: /<text> "Azure Linux 3\.0" has a stroke \(rgb\(255, 255, 255\) 1px\) painted over its fill/ },
]

// Two fixtures at a time: each is a chain of child processes (build, Chromium) that leaves a core idle
// while it waits; the two steps of one fixture stay in order.
describe.concurrent.each(cases)('$fixture', ({ fixture, line, stops, forced }) => {
  const entry = relative(root, join(root, 'test/fixtures/gate', `${fixture}.md`))
  const lineNo = readFileSync(join(root, entry), 'utf8').split('\n').findIndex(l => l.includes(line)) + 1
  // `file:line: slide 2`: the problem's own line, in the fixture's file, on slide 2.
  const where = (what: RegExp) => new RegExp(`${escape(entry)}:${lineNo}: slide 2\\b[^\\n]*${what.source}`)
  const dir = join(work, fixture)
  const pdf = join(dir, 'deck.pdf')

  it('stops `npm run export` naming file, line and slide, and keeps the previous PDF byte-identical; with --force, writes the PDF and lists the problem', async () => {
    // A previous good export: any PDF will do, as long as it is left alone.
    const doc = await PDFDocument.create()
    doc.addPage([400, 225]).drawText(`previous export of ${fixture}`)
    const previous = Buffer.from(await doc.save())
    mkdirSync(dir, { recursive: true })
    writeFileSync(pdf, previous)

    const stopped = await exportFixture(entry, pdf)
    expect(stopped.code, stopped.output).not.toBe(0)
    expect(stopped.output).toMatch(where(stops))
    expect(readFileSync(pdf).equals(previous)).toBe(true)
    expect(readdirSync(dir)).toEqual(['deck.pdf'])

    const written = await exportFixture(entry, pdf, ['--force'])
    expect(written.code, written.output).toBe(0)
    expect(written.output).toMatch(where(forced))
    expect(written.output).toMatch(/warning/i)
    const bytes = readFileSync(pdf)
    expect(bytes.equals(previous)).toBe(false)
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(2)
  })
})
