/**
 * The static check's parts (src/check/): tags that look like components but name
 * none Slidev would register, charts and pictures without alt text, slides without notes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { imagesWithoutAlt } from '../src/check/altText'
import { componentRegistry, slidevRoots, unknownTagsInMarkdown, unknownTagsInVue } from '../src/check/componentTags'
import { inspectDeck } from '../src/check/deck-check'
import { fixture } from './helpers/paths'

const deckRoot = fixture('titles-deck')
const clientRoot = dirname(createRequire(import.meta.url).resolve('@slidev/client/package.json'))
const registry = componentRegistry(slidevRoots({ theme: 'default' }, deckRoot), clientRoot)

describe('component registry', () => {
  it('knows the deck\'s components, Slidev\'s built-ins, Vue\'s and installed icon sets', () => {
    for (const tag of ['MarkerCore', 'VClick', 'VClicks', 'Arrow', 'Toc', 'Transition', 'RouterLink', 'CarbonArrowRight'])
      expect(registry.isKnown(tag), tag).toBe(true)
  })

  it('does not know a misspelt component', () => {
    expect(registry.isKnown('MarkerCoree')).toBe(false)
    expect(registry.isKnown('Markercore')).toBe(false)
  })
})

describe('unknown tags in Markdown', () => {
  const md = [
    '# Title', // 1
    '<MarkerCoree />', // 2
    '```vue', // 3
    '<NotMarkup />', // 4
    '```', // 5
    'Inline `<AlsoCode />` is text', // 6
    '<!-- <InANote /> -->', // 7
    '<MarkerCore id="x" /> and <Misspelt/>', // 8
  ].join('\n')

  it('names each with its line, skipping code and comments', () => {
    expect(unknownTagsInMarkdown(md, registry)).toEqual([{ tag: 'MarkerCoree', line: 2 }, { tag: 'Misspelt', line: 8 }])
  })

  it('in a Vue file, knows what its script imports', () => {
    const vue = '<script setup>\nimport HorizontalBars2 from \'./X.vue\'\n</script>\n\n<template>\n  <HorizontalBars2 />\n  <Nope />\n</template>\n'
    expect(unknownTagsInVue(vue, registry)).toEqual([{ tag: 'Nope', line: 7 }])
  })
})

describe('charts and pictures without alt text', () => {
  const vue = (template: string) => `<script setup lang="ts">\nconst x = '<svg>'\n</script>\n\n<template>\n${template}\n</template>\n`

  it('names an <svg> without role="img" and aria-label, or an <img> without alt, by its line', () => {
    expect(imagesWithoutAlt(vue('  <svg viewBox="0 0 1 1">\n    <rect />\n  </svg>'))).toEqual([{ tag: 'svg', line: 6 }])
    expect(imagesWithoutAlt(vue('  <div>\n    <svg\n      role="img"\n    />\n  </div>'))).toEqual([{ tag: 'svg', line: 7 }])
    expect(imagesWithoutAlt(vue('  <img src="/a.png">'))).toEqual([{ tag: 'img', line: 6 }])
  })

  it('accepts a name (static or bound), labelledby, alt, and declared decoration; skips comments', () => {
    for (const ok of ['<svg role="img" aria-label="A, 3">', '<svg :role="r" :aria-label="alt">', '<svg role="img" aria-labelledby="t">', '<svg aria-hidden="true">', '<svg :aria-hidden="h">', '<svg role="presentation">', '<img src="/a.png" role="none">', '<img src="/a.png" alt="A">', '<img alt="" src="/rule.png">', '<!-- <svg> -->'])
      expect(imagesWithoutAlt(vue(`  ${ok}`)), ok).toEqual([])
  })
})

describe('slides without notes', () => {
  // Inside the package, so Slidev and its theme resolve as for the fixture decks.
  const scratch = mkdtempSync(join(fixture(), '.scratch-'))
  afterAll(() => rmSync(scratch, { recursive: true, force: true }))

  it('warns about a slide without notes, and passes the slide with notes', async () => {
    const file = join(scratch, 'slides.md')
    writeFileSync(file, '---\ntitle: Scratch\n---\n\n# Has notes\n\n<!--\nSpoken text.\n-->\n\n---\n\n# No notes here\n\nJust content.\n')
    const { problems, warnings } = await inspectDeck(file)
    expect(problems).toEqual([])
    expect(warnings).toEqual([`${relative(process.cwd(), file)}:13: slide 2 "No notes here" has no speaker notes`])
  })
})
