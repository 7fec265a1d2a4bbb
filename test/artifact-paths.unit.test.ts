/** Where the exports go: a dark export must never overwrite the light one, and a deck is named as Slidev names it. */
import { extname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadDeckConfig } from '../packages/slidev-pipeline/src/check/deck-config'
import { artifactsFor, darkOf, deckName } from '../packages/slidev-pipeline/src/support/paths'
import { root } from './helpers/root'

describe('artifact paths', () => {
  it('gives every dark artifact its own name, with the same extension, in the same folder', async () => {
    const entry = join(root, 'slides.md')
    const artifacts = artifactsFor(entry, (await loadDeckConfig(entry)).name)
    const darkArtifacts = darkOf(artifacts)
    for (const [kind, light] of Object.entries(artifacts)) {
      const dark = darkArtifacts[kind as keyof typeof artifacts]
      expect(dark, kind).not.toBe(light)
      expect(extname(dark), kind).toBe(extname(light))
      expect(dark, kind).toMatch(/-dark(?:\.\w+)?$/)
    }
    // The talk keeps its names (README and tests name exports/azure-linux-explained*.pdf).
    expect(artifacts.pdf).toBe(join(root, 'exports', 'azure-linux-explained.pdf'))
    expect(darkArtifacts.pdf).toMatch(/azure-linux-explained-dark\.pdf$/)
  })

  it('names a deck by its exportFilename (as Slidev writes it, path or extension included), else its entry, else its folder', () => {
    expect(deckName('/d/talk/slides.md', 'my-export')).toBe('my-export')
    expect(deckName('/d/talk/slides.md', 'out/my-export.pdf')).toBe('my-export')
    expect(deckName('/d/talk/slides.md', '  ')).toBe('talk')
    expect(deckName('/d/my talks/other.md')).toBe('other')
    expect(deckName('/d/my talks/plain deck/slides.md')).toBe('plain-deck')
  })
})
