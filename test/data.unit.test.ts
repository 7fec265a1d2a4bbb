/**
 * The figures and their sources: every number traces to a source with a URL,
 * every source is cited, and bad data is refused with a message that names the
 * file, the entry and the field.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { citationsIn, parseSourceIds } from '../data/citations'
import { figures } from '../data/figures'
import { factsChecked, staleSources } from '../data/freshness'
import { resourceLinks } from '../data/resources'
import { sources } from '../data/sources'
import { sourceKeysOf, validateDeckData } from '../data/validate'
import { staleSourceWarnings } from '../deck.config'
import { cli } from '../packages/slidev-pipeline/test/helpers/cli'
import { root } from './helpers/root'

const clone = <T>(v: T): T => structuredClone(v)

function problemsOf(f: unknown, s: unknown = sources): string {
  try {
    validateDeckData(f, s as typeof sources)
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
  return new Set(citationsIn(text).flatMap(c => c.ids))
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

  it('finds every source key by walking the schema, including ones in nested and optional fields', () => {
    const found = sourceKeysOf(figures)
    const cells = figures.securityMatrix.flatMap(r => r.cells).filter(c => c.source).length
    expect(found).toHaveLength(figures.imagePackages.length + figures.packageClaims.length + figures.distroParts.length + 1 + cells + figures.timeline.length)
    expect(found.map(k => k.where)).toContain('securityMatrix[2] ("FIPS node image").cells[0].source')
    expect(found.map(k => k.where)).toContain('hostPackages.source')
  })

  it('cites every source in the registry somewhere (so the references list nothing extra)', () => {
    const cited = new Set([...sourceKeysOf(figures).map(k => k.key), ...citedInSlides(), ...resourceLinks.map(r => r.source)])
    const uncited = Object.keys(sources).filter(k => !cited.has(k))
    expect(uncited).toEqual([])
  })

  // The team's research notes sit beside the repository (../shared); a lone clone has none.
  const researchFile = join(root, '..', 'shared', 'research', 'azure-linux-facts.md')
  it.skipIf(!existsSync(researchFile))('holds the counts from the research file, unchanged', () => {
    const research = readFileSync(researchFile, 'utf8')
    // Each count stands in the research file beside its image: in a table row with its
    // file, or in a line that names the release ("image 202607.09.0 …: Azure Linux 3.0 395").
    const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\/]/g, m => `\\${m}`)
    for (const e of figures.imagePackages) {
      const release = e.file.match(/(\d{6}\.\d{2}\.\d+)\.txt$/)![1]!
      const row = new RegExp(`\\| ${escape(e.os)} \\| ${escape(e.file)} \\| ${e.packages} \\|`)
      const prose = new RegExp(`^.*${escape(release)}.*${escape(e.os)} ${e.packages}\\b.*$`, 'm')
      expect(research, `${e.os} ${e.packages} (${release})`).toSatisfy((text: string) => row.test(text) || prose.test(text))
    }
    for (const p of figures.distroParts)
      expect(research).toContain(p.value.toLocaleString('en-US'))
  })
})

describe('bad data is refused with file, entry and field', () => {
  it('a negative count', () => {
    const f = clone(figures)
    f.imagePackages[1]!.packages = -726
    expect(problemsOf(f)).toMatch(/data\/figures\.ts: imagePackages\[1\] \("Ubuntu 22\.04"\)\.packages: .*>=0/)
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
    ;(f.timeline[1] as { source: string }).source = 'aks-changelgo'
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

describe('sources say when they were checked, and Learn quotes are pinned', () => {
  it('a source without `checked`, named by its key', () => {
    const s = clone(sources) as any
    delete s['xbox-mariner'].checked
    expect(problemsOf(figures, s)).toMatch(/data\/sources\.ts: xbox-mariner\.checked: .*YYYY-MM-DD/)
  })

  it('a `checked` that is not a whole day', () => {
    const s = clone(sources) as any
    s['aks-changelog'].checked = '2026-11'
    expect(problemsOf(figures, s)).toMatch(/data\/sources\.ts: aks-changelog\.checked: /)
  })

  it('a Microsoft Learn source without `pinned`, named by its key', () => {
    const s = clone(sources) as any
    delete s['learn-node-images'].pinned
    expect(problemsOf(figures, s)).toMatch(/data\/sources\.ts: learn-node-images\.pinned: a Microsoft Learn source needs a commit-pinned GitHub URL/)
  })

  it('a learn.microsoft.com URL under another publisher name still needs `pinned`', () => {
    const s = clone(sources) as any
    s['learn-faq'].publisher = 'Microsoft'
    delete s['learn-faq'].pinned
    expect(problemsOf(figures, s)).toMatch(/learn-faq\.pinned/)
  })

  it('a `pinned` that is not a commit of a MicrosoftDocs file', () => {
    const s = clone(sources) as any
    s['learn-faq'].pinned = 'https://github.com/MicrosoftDocs/azure-management-docs/blob/main/articles/azure-linux/faq.md'
    expect(problemsOf(figures, s)).toMatch(/learn-faq\.pinned: must be https:\/\/github\.com\/MicrosoftDocs\/<repo>\/blob\/<40-hex commit>/)
  })

  it('every Learn source in the registry has a pinned file under articles/', () => {
    for (const [key, s] of Object.entries(sources)) {
      if (s.url.startsWith('https://learn.microsoft.com/'))
        expect('pinned' in s ? s.pinned : undefined, key).toMatch(/^https:\/\/github\.com\/MicrosoftDocs\/[\w-]+\/blob\/[0-9a-f]{40}\/articles\//)
    }
  })
})

describe('freshness', () => {
  const fixture = {
    fresh: { checked: '2026-11-27' },
    stale: { checked: '2026-05-01' },
    edge: { checked: '2026-06-13' },
    older: { checked: '2025-05-26' },
  }

  it('"Facts checked" names the oldest and the newest checked day, wherever they sit in the registry', () => {
    expect(factsChecked({ b: { checked: '2025-01-02' }, a: { checked: '2026-03-04' }, c: { checked: '2024-12-31' } })).toBe('Facts checked between 31 December 2024 and 4 March 2026.')
    expect(factsChecked({ a: { checked: '2026-11-27' }, b: { checked: '2026-11-27' } })).toBe('Facts checked on 27 November 2026.')
  })

  it('lists every source checked more than 180 days before the talk, oldest first, and no other', () => {
    // 2026-06-13 is exactly 180 days before 2026-12-10: not yet stale.
    expect(staleSources(fixture, '2026-12-10').map(s => s.key)).toEqual(['older', 'stale'])
    expect(staleSourceWarnings(fixture, new Date('2026-12-10T00:00:00Z'))).toEqual([
      'data/sources.ts: older: checked 2025-05-26, 563 days before the talk (2026-12-10); re-read it',
      'data/sources.ts: stale: checked 2026-05-01, 223 days before the talk (2026-12-10); re-read it',
    ])
  })

  it('`npm run check` warns about them and still succeeds (a deck given in Sept 2027)', () => {
    const run = spawnSync(process.execPath, [cli, 'check', join(root, 'test', 'fixtures', 'stale-deck', 'slides.md')], { cwd: root, encoding: 'utf8' })
    expect(run.status, run.stderr).toBe(0)
    expect(run.stderr).toMatch(/Warning: \d+ sources to re-read before the talk/)
    for (const [key, s] of Object.entries(sources)) {
      if (staleSources({ [key]: s }, '2027-09-01').length)
        expect(run.stderr).toContain(`data/sources.ts: ${key}: checked ${s.checked}`)
    }
    expect(run.stderr).toContain('data/sources.ts: learn-faq: checked')
  }, 60_000)

  it('the real deck, on its own talk date, has nothing to re-read', () => {
    const run = spawnSync(process.execPath, [cli, 'check'], { cwd: root, encoding: 'utf8' })
    expect(run.status, run.stderr).toBe(0)
    expect(run.stderr).not.toMatch(/re-read/)
  }, 60_000)

  it('says so when the talk date is missing instead of listing nothing', () => {
    expect(staleSourceWarnings(fixture, undefined)[0]).toMatch(/talkDate null is not a date/)
  })
})

describe('citations', () => {
  it('one parser for ids: spaces, commas, arrays', () => {
    expect(parseSourceIds(' a  b,c ,\nd ')).toEqual(['a', 'b', 'c', 'd'])
    expect(parseSourceIds(['a', 'b'])).toEqual(['a', 'b'])
    expect(citationsIn('<SourceNote ids="a, b" note="x" /> <QrCode label="y" source="c" />').map(c => c.ids)).toEqual([['a', 'b'], ['c']])
  })
})
