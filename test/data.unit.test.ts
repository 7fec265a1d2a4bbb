/**
 * The figures and their sources: every number traces to a source with a URL,
 * every source is cited, and bad data is refused with a message that names the
 * file, the entry and the field.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { figures } from '../data/figures'
import { sources } from '../data/sources'
import { sourceKeysOf, validateDeckData } from '../data/validate'
import { root } from '../scripts/lib/paths'

const clone = <T>(v: T): T => structuredClone(v)

function problemsOf(f: unknown, s: unknown = sources): string {
  try {
    validateDeckData(f, s)
    return ''
  }
  catch (error) {
    return (error as Error).message
  }
}

/** Source keys cited anywhere in the deck's Markdown (footnotes and QR codes). */
function citedInSlides(): Set<string> {
  const files = ['slides.md', ...readdirSync(join(root, 'pages')).map(f => join('pages', f))]
  const text = files.map(f => readFileSync(join(root, f), 'utf8')).join('\n')
  const keys = [...text.matchAll(/<(?:SourceNote\b[^>]*ids|QrCode\b[^>]*source)="([^"]+)"/g)].flatMap(m => m[1]!.split(/\s+/))
  return new Set(keys)
}

describe('the deck data', () => {
  it('is valid', () => {
    expect(problemsOf(figures)).toBe('')
  })

  it('gives every figure a source with an https URL', () => {
    for (const { key, where } of sourceKeysOf(figures)) {
      const source = (sources as Record<string, { url: string }>)[key]
      expect(source, where).toBeDefined()
      expect(source!.url, where).toMatch(/^https:\/\//)
    }
  })

  it('cites every source in the registry somewhere (so the references list nothing extra)', () => {
    const cited = new Set([...sourceKeysOf(figures).map(k => k.key), ...citedInSlides()])
    const uncited = Object.keys(sources).filter(k => !cited.has(k))
    expect(uncited).toEqual([])
  })

  // The team's research notes sit beside the repository (../shared); a lone clone has none.
  const researchFile = join(root, '..', 'shared', 'research', 'azure-linux-facts.md')
  it.skipIf(!existsSync(researchFile))('holds the counts from the research file, unchanged', () => {
    const research = readFileSync(researchFile, 'utf8')
    for (const e of figures.imagePackages)
      expect(research, `${e.os} ${e.packages}`).toMatch(new RegExp(`\\| ${e.os.replace('.', '\\.')} \\| ${e.file.replace(/[./]/g, m => `\\${m}`)} \\| ${e.packages} \\|`))
    for (const p of figures.distroParts)
      expect(research).toContain(p.value.toLocaleString('en-US'))
  })
})

describe('bad data is refused with file, entry and field', () => {
  it('a negative count', () => {
    const f = clone(figures)
    f.imagePackages[2]!.packages = -716
    expect(problemsOf(f)).toMatch(/data\/figures\.ts: imagePackages\[2\] \("Ubuntu 22\.04"\)\.packages: .*>=0/)
  })

  it('a count that is not a whole number', () => {
    const f = clone(figures)
    f.hostPackages.value = 379.5
    expect(problemsOf(f)).toMatch(/data\/figures\.ts: hostPackages\.value: .*expected int/)
  })

  it('a missing source key', () => {
    const f = clone(figures) as any
    delete f.imagePackages[0].source
    expect(problemsOf(f)).toMatch(/imagePackages\[0\] \("Azure Linux 3\.0"\)\.source/)
  })

  it('a source key that is not in the registry', () => {
    const f = clone(figures)
    f.timeline[1]!.source = 'aks-changelgo'
    expect(problemsOf(f)).toMatch(/data\/figures\.ts: timeline\[1\] \("GA, default"\)\.source: unknown source key "aks-changelgo"/)
  })

  it('a source with no URL', () => {
    const s = clone(sources) as any
    delete s['learn-faq'].url
    expect(problemsOf(figures, s)).toMatch(/data\/sources\.ts: learn-faq\.url/)
  })

  it('a source with a non-https URL', () => {
    const s = clone(sources) as any
    s['learn-faq'].url = 'ftp://example.org/faq'
    expect(problemsOf(figures, s)).toMatch(/data\/sources\.ts: learn-faq\.url: must be an https URL/)
  })

  it('an unknown OS name', () => {
    const f = clone(figures) as any
    f.imagePackages[1].os = 'Azure Linux 2.5'
    expect(problemsOf(f)).toMatch(/imagePackages\[1\] \("Azure Linux 2\.5"\)\.os/)
  })

  it('a matrix cell that states a fact without a source', () => {
    const f = clone(figures) as any
    delete f.securityMatrix[2].cells[0].source
    expect(problemsOf(f)).toMatch(/securityMatrix\[2\] \("FIPS node image"\)\.cells\[0\]\.source: a cell that states a fact needs a source/)
  })

  it('a malformed date', () => {
    const f = clone(figures)
    f.timeline[0]!.date = '25 Oct 2024'
    expect(problemsOf(f)).toMatch(/timeline\[0\] \("Preview"\)\.date: must be a date/)
  })
})
