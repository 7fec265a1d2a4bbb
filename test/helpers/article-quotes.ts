/**
 * Quotes of the article on the slides must be the article's own words. A slide
 * marks each one as `<q data-from="article">…</q>` (the browser adds the
 * quotation marks); this module finds them, checks them against the article's
 * text, and finds quotes attributed to the article that are not marked.
 */

/** A marked quote of the article in a slide's Markdown. */
const MARKED = /<q\s+data-from="article"\s*>([\s\S]*?)<\/q>/g
/** A quotation in curly quotes, as typed in Markdown. */
const CURLY = /“([^”]+)”/g
/** The article's title may stand in curly quotes without being a quote. */
const TITLE = 'Azure Linux Explained'

export interface Quote { text: string, where: string }

/** The words a reader reads: no tags, no Markdown emphasis, straight apostrophes, single spaces. */
export function readableText(text: string): string {
  return text
    .replace(/<[^>]+>/g, '')
    .replace(/\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)/g, '')
    .replace(/[‘’ʼ]/g, '\'')
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
}

/** Every marked article quote in `markdown`, named by `where` and its line. */
export function markedArticleQuotes(markdown: string, where: string): Quote[] {
  return Array.from(markdown.matchAll(MARKED), m => ({
    text: m[1]!,
    where: `${where}:${markdown.slice(0, m.index).split('\n').length}`,
  }))
}

/** Marked quotes whose words do not appear, in this order, in the article. */
export function misquotes(quotes: Quote[], articleMarkdown: string): Quote[] {
  const article = readableText(articleMarkdown)
  return quotes.filter(q => !article.includes(readableText(q.text)))
}

/**
 * Curly-quoted text on a line that attributes it to the article ("Article:",
 * "the article says …") without the `<q data-from="article">` mark, which the
 * check above would never see.
 */
export function unmarkedArticleQuotes(markdown: string, where: string): Quote[] {
  const out: Quote[] = []
  markdown.split('\n').forEach((line, i) => {
    if (!/\barticle\b/i.test(line))
      return
    const visible = line.replace(MARKED, '')
    for (const m of visible.matchAll(CURLY)) {
      if (m[1] !== TITLE)
        out.push({ text: m[1]!, where: `${where}:${i + 1}` })
    }
  })
  return out
}
