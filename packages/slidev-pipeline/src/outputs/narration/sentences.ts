/**
 * Spoken text cut into sentences, each with where it sits in the text: the
 * voice speaks one sentence at a time, and the measured length of each places
 * the captions (see cues.ts).
 */
export interface Sentence {
  text: string
  /** Character range in the step's text. */
  from: number
  to: number
}

/** Sentences end at ., ! or ? (closing quotes and brackets stay with them) before a space. */
export function sentencesOf(text: string): Sentence[] {
  const sentences: Sentence[] = []
  let from = 0
  for (const match of text.matchAll(/(?<=[.!?]["”’)]*)\s+|$/g)) {
    const to = match.index
    if (to > from)
      sentences.push({ text: text.slice(from, to), from, to })
    from = to + match[0].length
    if (!match[0])
      break
  }
  return sentences
}

/** Whether a voice has anything to say in this text (a lone dash or bracket is not speech). */
export const hasWords = (text: string) => /[\p{L}\p{N}]/u.test(text)
