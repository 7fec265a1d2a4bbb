/**
 * The placeholder speaker: the deck ships with `author: Your Name`, and the
 * deck check says so (as a warning: the deck still builds) until it is set.
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PLACEHOLDER_AUTHOR } from '../deck.config'
import { loadDeck } from '../scripts/lib/deck'
import { checkDeck } from '../scripts/lib/deck-check'
import { root } from '../scripts/lib/paths'

describe('the speaker placeholder', () => {
  it('ships as "Your Name" in slides.md, and the check warns with where to set it', async () => {
    expect((await loadDeck()).headmatter.author).toBe(PLACEHOLDER_AUTHOR)
    const placeholders = (await checkDeck()).notices.find(n => n.check === 'speaker')?.items ?? []
    expect(placeholders).toHaveLength(1)
    expect(placeholders[0]).toMatch(/slides\.md: the speaker is still "Your Name": set `author:` in the headmatter/)
  }, 60_000)

  it('says nothing once a speaker is set', async () => {
    const { notices } = await checkDeck(join(root, 'test', 'fixtures', 'handout-long-notes', 'slides.md'))
    const placeholders = notices.filter(n => n.check === 'speaker')
    expect(placeholders).toEqual([])
  }, 60_000)
})
