/**
 * Who gives the talk, as every artifact names them: the headmatter's `author`,
 * or nobody while it is unset or still the placeholder a template ships with.
 * The title and closing slides, the PDF, PowerPoint, handout and video
 * metadata all ask here, so none of them can print "Your Name".
 * (No Node imports: the deck's SpeakerLine component uses it in the browser.)
 */

/** The speaker name a template ships with: a placeholder, never printed. */
export const PLACEHOLDER_AUTHOR = 'Your Name'

/** The speaker's name, or undefined while none is set. */
export function speakerOf(headmatter: { author?: unknown }): string | undefined {
  const name = typeof headmatter.author === 'string' ? headmatter.author.trim() : ''
  return name && name !== PLACEHOLDER_AUTHOR ? name : undefined
}
