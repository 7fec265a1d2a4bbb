import type { DeckHeadmatter } from 'slidev-pipeline'

/**
 * Slidev's headmatter plus this talk's own fields: who gives the talk where and
 * when (title and closing slides, the handout's cover) and where the web version
 * lives. The toolkit reads none of them; deck.config.ts and the components do.
 */
export interface TalkHeadmatter extends DeckHeadmatter {
  event?: string
  talkDate?: string
  webUrl?: string
}
