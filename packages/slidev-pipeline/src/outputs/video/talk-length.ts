/**
 * The talk's planned length comes from one place: Slidev's `duration`
 * headmatter (which the presenter timer counts down from). The video's
 * timing plan should fill it: at most the slot, and at least MIN_SHARE of it.
 */
import type { Deck } from '../../support/deck.ts'
import { talkLength } from '../../support/deck.ts'
import { clock } from './timing.ts'

export const MIN_SHARE = 0.8

/** Empty when the plan fits the slot (or the deck sets no duration); otherwise what is wrong. */
export function talkLengthProblem(deck: Deck, planned: number): string | undefined {
  const slot = talkLength(deck.headmatter)
  if (slot === undefined)
    return undefined
  if (planned > slot)
    return `${clock(planned - slot)} over the talk's duration of ${clock(slot)} (headmatter \`duration\`): shorten the notes or set durations`
  if (planned < slot * MIN_SHARE)
    return `${clock(slot * MIN_SHARE - planned)} short of ${Math.round(MIN_SHARE * 100)} % of the talk's duration of ${clock(slot)} (headmatter \`duration\`): lengthen the notes or set durations`
  return undefined
}
