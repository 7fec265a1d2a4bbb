import { loadDeck, runPipeline, talkLength } from 'slidev-pipeline/testing'
/**
 * The video's timing plan of the talk itself (no render), on the build the
 * global setup made: every slide and click step, within the talk's `duration`.
 * The video on a fixture deck is the toolkit's test
 * (packages/slidev-pipeline/test/video.test.ts).
 */
import { describe, expect, inject, it } from 'vitest'
import { chromiumForFile } from '../packages/slidev-pipeline/test/helpers/browser'

const browser = chromiumForFile()

/** The share of `duration` below which `slidev-pipeline video` warns that the talk is short. */
const MIN_SHARE = 0.8

describe('timing of the real deck', () => {
  it('covers every slide and click step and fills the talk\'s `duration` from the headmatter', async () => {
    const deck = await loadDeck()
    const slot = talkLength(deck.headmatter)
    expect(slot, 'slides.md sets `duration`').toBeDefined()
    const result = await runPipeline({ artifacts: ['video'], planOnly: true, base: inject('buildBase'), browser: browser() })
    const { plan } = result.video!
    expect(result.build?.reused, 'the plan reuses the test build').toBe(true)
    expect(plan.slides.map(s => s.no)).toEqual(deck.slides.map(s => s.no))
    expect(plan.steps.length - plan.slides.length, 'click steps').toBeGreaterThan(20)
    expect(plan.total, `the plan lasts ${(plan.total / 60).toFixed(2)} min`).toBeLessThanOrEqual(slot!)
    expect(plan.total, `the plan lasts ${(plan.total / 60).toFixed(2)} min`).toBeGreaterThanOrEqual(slot! * MIN_SHARE)
  })
})
