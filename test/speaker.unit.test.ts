/**
 * The speaker: slides.md ships with no `author`, so nothing names a speaker
 * and the talk's deck check (deck.config.ts) says so (as a warning: the deck
 * still builds) until it is set. The template placeholder "Your Name" counts
 * as no speaker.
 */
import { join } from 'node:path'
import { PLACEHOLDER_AUTHOR, speakerOf } from 'slidev-pipeline'
import { checkDeck, loadDeck } from 'slidev-pipeline/testing'
import { describe, expect, it } from 'vitest'
import { root } from './helpers/root'

const speakerNotices = async (entry?: string) => (await checkDeck(entry)).notices.filter(n => n.check === 'speaker').flatMap(n => n.items)

describe('the speaker', () => {
  it('is nobody while author is unset, empty, blank or the placeholder', () => {
    for (const author of [undefined, '', '   ', PLACEHOLDER_AUTHOR, ` ${PLACEHOLDER_AUTHOR} `, 42])
      expect(speakerOf({ author }), JSON.stringify(author)).toBeUndefined()
    expect(speakerOf({ author: ' Ada Lovelace ' })).toBe('Ada Lovelace')
  })

  it('is not set in slides.md, and the check warns with where to set it', async () => {
    expect(speakerOf((await loadDeck()).headmatter)).toBeUndefined()
    const warnings = await speakerNotices()
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/slides\.md: no speaker is set .*set `author:` in the headmatter/)
  }, 60_000)

  it('says nothing once a speaker is set', async () => {
    expect(await speakerNotices(join(root, 'test', 'fixtures', 'handout-long-notes', 'slides.md'))).toEqual([])
  }, 60_000)
})
