import type { Deck } from 'slidev-pipeline'
/**
 * The deck's content, read with Slidev's parser: what a speaker checks before
 * going on stage (titles, notes, sources, snippets that run).
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { loadDeck, wordCount } from 'slidev-pipeline/testing'
import { beforeAll, describe, expect, it } from 'vitest'
import { citationsIn } from '../data/citations'
import { sources } from '../data/sources'
import { root } from './helpers/root'

let deck: Deck
beforeAll(async () => {
  deck = await loadDeck()
})

/** Text a reader sees on the slide: no code, no snippet imports, no tag attributes or URLs. */
function visibleText(content: string): string {
  return content
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/^<<<.*$/gm, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/`[^`]*`/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\{\{[^}]*\}\}/g, ' ')
}

const CHARTS = /<(?:PackagesChart|DistroVsHostChart|SecurityMatrix|LifecycleTimeline|HorizontalBars)\b/

describe('the deck', () => {
  it('is a 20–25 minute talk: enough slides, headmatter names event and date and has a place for the speaker', () => {
    expect(deck.slides.length).toBeGreaterThanOrEqual(18)
    for (const key of ['title', 'event', 'talkDate'] as const)
      expect(deck.headmatter[key], `headmatter.${key}`).toBeTruthy()
    expect(deck.headmatter).toHaveProperty('author')
  })

  it('gives every slide a title and spoken notes', () => {
    for (const s of deck.slides) {
      expect(s.title, `slide ${s.no} in ${s.file} has no title`).not.toBe('')
      expect(wordCount(s.notes), `slide ${s.no} ("${s.title}") has too few notes`).toBeGreaterThanOrEqual(25)
    }
  })

  it('credits the article and its author on the title slide', () => {
    const first = deck.slides[0]!
    expect(first.content).toContain('Wolfgang Ofner')
    expect(first.content).toMatch(/<SourceNote ids="article"/)
  })

  it('names a source under every slide that shows a figure or a chart', () => {
    for (const s of deck.slides) {
      const showsFigure = CHARTS.test(s.content) || /\d/.test(visibleText(s.content))
      if (showsFigure && !s.title.startsWith('References'))
        expect(s.content, `slide ${s.no} ("${s.title}") shows a figure but has no <SourceNote>`).toMatch(/<SourceNote\s/)
    }
  })

  it('cites only sources that exist', () => {
    for (const s of deck.slides) {
      for (const { ids } of citationsIn(s.content)) {
        for (const id of ids)
          expect(sources, `slide ${s.no} cites unknown source "${id}"`).toHaveProperty(id)
      }
    }
  })

  it('uses every chart component on a slide', () => {
    const all = deck.slides.map(s => s.content).join('\n')
    for (const chart of ['PackagesChart', 'DistroVsHostChart', 'SecurityMatrix', 'LifecycleTimeline', 'ReferenceList', 'SourceNote', 'ResourceLinks'])
      expect(all, chart).toContain(`<${chart}`)
  })

  it('shows the article\'s claims next to what Microsoft documents say', () => {
    const all = deck.slides.map(s => s.content).join('\n')
    expect(all).toMatch(/1\.31.*preview/s)
    expect(all).toMatch(/control plane/i)
    expect(all).toMatch(/No public source/i)
    expect(all).toMatch(/retired on AKS/i)
    expect(all).toMatch(/Azure Linux 4\.0/)
    expect(all).toMatch(/Azure Container Linux/)
    expect(all).toMatch(/OS Guard.*retires on 10 Dec 2026/)
    expect(all).toMatch(/Flatcar for AKS.*retired/)
  })
})

describe('snippets', () => {
  const snippetDir = join(root, 'snippets')

  it('every snippet a slide imports exists', () => {
    const imported = deck.slides.flatMap(s => Array.from(s.content.matchAll(/^<<<\s*@\/(\S+)/gm), m => m[1]!))
    expect(imported.length).toBeGreaterThanOrEqual(5)
    for (const path of imported)
      expect(existsSync(join(root, path)), path).toBe(true)
  })

  it('covers the commands of the "how to use it" part', () => {
    const all = readdirSync(snippetDir).map(f => f).join(' ')
    expect(all).toMatch(/\.sh/)
    expect(all).toMatch(/\.bicep/)
    expect(all).toMatch(/\.tf/)
  })

  it.each(readdirSync(join(root, 'snippets')).filter(f => f.endsWith('.sh')))('%s passes bash -n', (file) => {
    expect(() => execFileSync('bash', ['-n', join(snippetDir, file)], { stdio: 'pipe' })).not.toThrow()
  })

  it('use --os-sku AzureLinux where the article says to pick Azure Linux', () => {
    const shell = readdirSync(snippetDir).filter(f => f.endsWith('.sh'))
    for (const f of shell)
      expect(execFileSync('cat', [join(snippetDir, f)]).toString(), f).toContain('--os-sku AzureLinux')
  })
})
