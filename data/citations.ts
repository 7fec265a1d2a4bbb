/**
 * How slides cite sources: `<SourceNote ids="a b" />` and `<QrCode source="a" />`.
 * The one parser for both, used by the components, the deck check and the tests.
 */

/** Source ids in an `ids` attribute: separated by spaces and/or commas. */
export function parseSourceIds(ids: string | readonly string[]): string[] {
  return (typeof ids === 'string' ? ids.split(/[\s,]+/) : [...ids]).filter(Boolean)
}

const CITATION = /<(?:SourceNote\b[^>]*\sids|QrCode\b[^>]*\ssource)="([^"]+)"/g

/** Every citation in a slide's Markdown: the matched tag text and the ids it names. */
export function citationsIn(markdown: string): { tag: string, ids: string[] }[] {
  return Array.from(markdown.matchAll(CITATION), m => ({ tag: m[0], ids: parseSourceIds(m[1]!) }))
}
