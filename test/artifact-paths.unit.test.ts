/** Where the exports go: a dark export must never overwrite the light one. */
import { extname } from 'node:path'
import { describe, expect, it } from 'vitest'
import { artifacts, darkArtifacts } from '../packages/slidev-pipeline/src/support/paths'

describe('artifact paths', () => {
  it('gives every dark artifact its own name, with the same extension, in the same folder', () => {
    for (const [kind, light] of Object.entries(artifacts)) {
      const dark = darkArtifacts[kind as keyof typeof artifacts]
      expect(dark, kind).not.toBe(light)
      expect(extname(dark), kind).toBe(extname(light))
      expect(dark, kind).toMatch(/-dark(?:\.\w+)?$/)
    }
    expect(darkArtifacts.pdf).toMatch(/azure-linux-explained-dark\.pdf$/)
  })
})
