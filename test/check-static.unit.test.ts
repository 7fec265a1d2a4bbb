/**
 * The static half of the export gate (npm run check): tags that look like
 * components but name none Slidev would register, charts without alt text,
 * slides without notes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { imagesWithoutAlt, localComponents, missingAltIn } from '../packages/slidev-pipeline/src/check/altText'
import { componentRegistry, slidevRoots, unknownTagsInMarkdown, unknownTagsInVue } from '../packages/slidev-pipeline/src/check/componentTags'
import { inspectDeck } from '../packages/slidev-pipeline/src/check/deck-check'
import { root } from './helpers/root'

const clientRoot = dirname(createRequire(import.meta.url).resolve('@slidev/client/package.json'))
const registry = componentRegistry(slidevRoots({ theme: 'default' }, root), clientRoot)
const fixture = (name: string) => join(root, 'test/fixtures/gate', name)
const lineOf = (file: string, needle: string) => readFileSync(file, 'utf8').split('\n').findIndex(l => l.includes(needle)) + 1

describe('component registry', () => {
  it('knows the deck\'s components, Slidev\'s built-ins, Vue\'s and installed icon sets', () => {
    for (const tag of ['PackagesChart', 'SourceNote', 'VClick', 'VClicks', 'Arrow', 'Toc', 'Transition', 'RouterLink', 'CarbonArrowRight'])
      expect(registry.isKnown(tag), tag).toBe(true)
  })

  it('does not know a misspelt component', () => {
    expect(registry.isKnown('PackagesChartt')).toBe(false)
    expect(registry.isKnown('Sourcenote')).toBe(false)
  })
})

describe('unknown tags in Markdown', () => {
  const md = [
    '# Title', // 1
    '<PackagesChartt />', // 2
    '```vue', // 3
    '<NotMarkup />', // 4
    '```', // 5
    'Inline `<AlsoCode />` is text', // 6
    '<!-- <InANote /> -->', // 7
    '<SourceNote ids="x" /> and <Misspelt/>', // 8
  ].join('\n')

  it('names each with its line, skipping code and comments', () => {
    expect(unknownTagsInMarkdown(md, registry)).toEqual([{ tag: 'PackagesChartt', line: 2 }, { tag: 'Misspelt', line: 8 }])
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

  it('finds none in the deck\'s charts, through the components they draw with', () => {
    const components = localComponents(root)
    for (const chart of ['PackagesChart', 'DistroVsHostChart', 'SecurityMatrix', 'LifecycleTimeline', 'ResourceLinks'])
      expect(missingAltIn(chart, components), chart).toEqual([])
  })
})

describe('npm run check on fixture decks', () => {
  const scratch = mkdtempSync(join(root, 'test/fixtures/gate/.scratch-'))
  afterAll(() => rmSync(scratch, { recursive: true, force: true }))

  it('refuses a chart without alt text with the slide\'s file, line and slide, and the component\'s file and line', async () => {
    const file = fixture('silent-chart.md')
    const component = fixture('components/SilentChart.vue')
    const { problems } = await inspectDeck(file)
    expect(problems).toEqual([`${relative(process.cwd(), file)}:${lineOf(file, '<SilentChart')}: slide 2: <SilentChart> draws an <svg> without alt text (${relative(process.cwd(), component)}:${lineOf(component, '<svg')}): give it role="img" and an aria-label that says what it shows and its values, or aria-hidden="true" if it is decoration`])
  })

  it('refuses a decorative image written in a slide without alt="", with its file, line and slide, and passes the declared ones', async () => {
    const file = fixture('decorative-image.md')
    const { problems } = await inspectDeck(file)
    expect(problems).toEqual([`${relative(process.cwd(), file)}:${lineOf(file, 'class="flourish"')}: slide 2: <img> without alt text: alt="" (or aria-hidden="true") if it is decoration, so a screen reader skips it and the tagged PDF marks it an artifact; an alt that says what it shows if it is not`])
  })

  it('refuses an unknown component with its file, line and slide, and suggests the near name', async () => {
    const file = fixture('unknown-component.md')
    const { problems } = await inspectDeck(file)
    expect(problems).toEqual([`${relative(process.cwd(), file)}:${lineOf(file, '<Chartt')}: slide 2: unknown component <Chartt>: not in components/, Slidev's built-ins or the theme (did you mean <Chart>?)`])
  })

  it('finds an image that an image layout names in its frontmatter', async () => {
    const file = fixture('missing-image.md')
    const { problems } = await inspectDeck(file)
    expect(problems).toEqual([`${relative(process.cwd(), file)}:${lineOf(file, 'image: /architecture.png')}: slide 2: image not found: /architecture.png (a frontmatter image is loaded from the public folder: ${relative(process.cwd(), join(dirname(file), 'public', 'architecture.png'))})`])
  })

  it('warns about a slide without notes, and passes the slide with notes', async () => {
    const file = join(scratch, 'slides.md')
    writeFileSync(file, '---\ntitle: Scratch\n---\n\n# Has notes\n\n<!--\nSpoken text.\n-->\n\n---\n\n# No notes here\n\nJust content.\n')
    const { problems, warnings } = await inspectDeck(file)
    expect(problems).toEqual([])
    expect(warnings).toEqual([`${relative(process.cwd(), file)}:13: slide 2 "No notes here" has no speaker notes`])
  })

  it('finds nothing wrong with the real deck', async () => {
    // The speaker placeholder is the one thing the shipped deck leaves to set (test/speaker.unit.test.ts).
    const { problems, warnings, notices } = await inspectDeck(join(root, 'slides.md'))
    expect({ problems, warnings, notices: notices.map(n => n.check) }).toEqual({ problems: [], warnings: [], notices: ['speaker'] })
  })
})
