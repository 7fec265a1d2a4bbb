/**
 * The originals the talk points to at its end: the last slide and the
 * handout cover both read this list, so they always show the same links.
 */
import type { SourceKey } from './sources'

export const resourceLinks: readonly { label: string, source: SourceKey }[] = [
  { label: 'The article', source: 'article' },
  { label: 'The video', source: 'article-video' },
  { label: 'The author\'s code samples', source: 'article-code' },
]

/** Label of the web deck's link when the headmatter sets `webUrl`. */
export const WEB_DECK_LABEL = 'These slides, on the web'
