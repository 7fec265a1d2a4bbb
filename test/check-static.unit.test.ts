/**
 * The static half of the export gate (npm run check) on the talk and on decks
 * that carry its conventions (test/fixtures/gate/): charts without alt text, a
 * decorative image, an unknown component, a missing image, each named with its
 * file and line. The check's parts are the toolkit's tests (static-check.unit.test.ts).
 */
import { readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { inspectDeck } from 'slidev-pipeline/testing'
import { describe, expect, it } from 'vitest'
import { root } from './helpers/root'

const fixture = (name: string) => join(root, 'test/fixtures/gate', name)
const lineOf = (file: string, needle: string) => readFileSync(file, 'utf8').split('\n').findIndex(l => l.includes(needle)) + 1

// The first check of a run loads Slidev's parser and the config loader: seconds on a busy machine.
describe('npm run check on fixture decks', { timeout: 30_000 }, () => {
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

  it('finds nothing wrong with the real deck', async () => {
    // The speaker placeholder is the one thing the shipped deck leaves to set (test/speaker.unit.test.ts).
    const { problems, warnings, notices } = await inspectDeck(join(root, 'slides.md'))
    expect({ problems, warnings, notices: notices.map(n => n.check) }).toEqual({ problems: [], warnings: [], notices: ['speaker'] })
  })
})
