/**
 * What the voice reads instead of what the notes say: whole words from
 * narration/lexicon.json (case-sensitive, so "az" the command differs from a
 * word), version numbers ("1.31" is "1 point 31", not "one point three one")
 * and ISO dates. Applied to the text that is spoken, never to the captions.
 */
import { readFileSync } from 'node:fs'
import { z } from 'zod'

export interface Lexicon { words: Record<string, string> }

const schema = z.object({
  words: z.record(z.string(), z.string().min(1)),
}).loose()

export class LexiconError extends Error {
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`)
    this.name = 'LexiconError'
  }
}

/** The lexicon in `file` (a deck's own is found beside its entry, or named by its config: render.ts). */
export function readLexicon(file: string): Lexicon {
  let data: unknown
  try {
    data = JSON.parse(readFileSync(file, 'utf8'))
  }
  catch (error) {
    throw new LexiconError(file, error instanceof Error ? error.message : String(error))
  }
  const parsed = schema.safeParse(data)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new LexiconError(file, `${issue.path.join('.') || '(top level)'}: ${issue.message}`)
  }
  const bad = Object.keys(parsed.data.words).find(word => !/^[\w.]+$/.test(word))
  if (bad !== undefined)
    throw new LexiconError(file, `words.${bad}: a lexicon key is one word (letters, digits, "." and "_"; "os-sku" is two words)`)
  return { words: parsed.data.words }
}

/** "04" -> "oh 4", "0" -> "oh", "31" -> "31" (the voice reads whole numbers well). */
function versionPart(part: string): string {
  if (part === '0')
    return 'oh'
  const zeros = part.match(/^0+/)?.[0].length ?? 0
  return [...Array.from({ length: zeros }, () => 'oh'), ...(part.slice(zeros) ? [part.slice(zeros)] : [])].join(' ')
}

/** "1.31" -> "1 point 31", "22.04" -> "22 point oh 4", "2.61.0" -> "2 point 61 point oh". */
export function sayVersion(version: string): string {
  const [major, ...rest] = version.split('.')
  return [major, ...rest.map(versionPart)].join(' point ')
}

/** Typography the voices stumble on, as plain ASCII. */
function plain(text: string): string {
  return text
    .replace(/[‘’]/g, '\'')
    .replace(/[“”]/g, '"')
    .replace(/\s*[—–]\s*/g, ', ')
    .replace(/…/g, '...')
    .replace(/ /g, ' ')
}

/** The text as the voice should read it. */
export function applyLexicon(text: string, lexicon: Lexicon): string {
  return plain(text)
    // 2021-03-01 (an API version): "2021, oh 3, oh 1"
    .replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (_, y, m, d) => `${y}, ${versionPart(m)}, ${versionPart(d)}`)
    .replace(/\b\d+(?:\.\d+)+\b/g, sayVersion)
    .replace(/[A-Z0-9][\w.]*[A-Z0-9]|[A-Z0-9]/gi, (word) => {
      if (Object.hasOwn(lexicon.words, word))
        return lexicon.words[word]!
      // "kubectl." at a sentence end: the word without its full stop
      const bare = word.replace(/\.+$/, '')
      return bare !== word && Object.hasOwn(lexicon.words, bare) ? lexicon.words[bare]! + word.slice(bare.length) : word
    })
}
