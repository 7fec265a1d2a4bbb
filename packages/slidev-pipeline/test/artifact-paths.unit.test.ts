/** Where the exports go: a dark export must never overwrite the light one, and a deck is named as Slidev names it. */
import { extname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { artifactsFor, darkOf, deckName } from '../src/support/paths'
import { fixture } from './helpers/paths'

describe('artifact paths', () => {
  it('gives every dark artifact its own name, with the same extension, in the same folder', () => {
    const entry = fixture('plain-deck', 'slides.md')
    const artifacts = artifactsFor(entry, 'my-talk')
    const darkArtifacts = darkOf(artifacts)
    for (const [kind, light] of Object.entries(artifacts)) {
      const dark = darkArtifacts[kind as keyof typeof artifacts]
      expect(dark, kind).not.toBe(light)
      expect(extname(dark), kind).toBe(extname(light))
      expect(dark, kind).toMatch(/-dark(?:\.\w+)?$/)
    }
    // The config's name, beside the entry.
    expect(artifacts.pdf).toBe(join(fixture('plain-deck'), 'exports', 'my-talk.pdf'))
    expect(darkArtifacts.pdf).toBe(join(fixture('plain-deck'), 'exports', 'my-talk-dark.pdf'))
  })

  it('names a deck by its exportFilename (as Slidev writes it, path or extension included), else its entry, else its folder', () => {
    expect(deckName('/d/talk/slides.md', 'my-export')).toBe('my-export')
    expect(deckName('/d/talk/slides.md', 'out/my-export.pdf')).toBe('my-export')
    expect(deckName('/d/talk/slides.md', '  ')).toBe('talk')
    expect(deckName('/d/my talks/other.md')).toBe('other')
    expect(deckName('/d/my talks/plain deck/slides.md')).toBe('plain-deck')
  })
})
