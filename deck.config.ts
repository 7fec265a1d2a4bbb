import type { HandoutLink, TypeTier } from 'slidev-pipeline'
import type { Source } from './data/schema'
import type { TalkHeadmatter } from './types/headmatter'
import { defineConfig, speakerOf } from 'slidev-pipeline'
/**
 * This talk's conventions, registered with the export pipeline
 * (`defineConfig` from slidev-pipeline): the pipeline itself knows nothing of them.
 *
 * - no speaker set (`author` empty or the template's `Your Name`) and the sources to re-read
 *   before the headmatter's `talkDate`: warnings;
 * - every `<SourceNote ids>`/`<QrCode source>` names a source in data/sources.ts,
 *   and the chart data passes its schema: problems;
 * - the type scale on the rendered slides (body 20 px, chart/table/code 14 px,
 *   footnotes 11 px), the footnote covering nothing, and contrast, fonts and
 *   stroked text stop the export;
 * - the handout's cover links and its references, from data/.
 */
import { citationsIn } from './data/citations'
import { figures } from './data/figures'
import { factsChecked, longDate, staleSources } from './data/freshness'
import { resourceLinks, WEB_DECK_LABEL } from './data/resources'
import { sources } from './data/sources'
import { DeckDataError, validateDeckData } from './data/validate'

/** YAML reads an unquoted 2026-12-10 as a Date; the deck means a day. */
function isoDay(value: unknown): string | undefined {
  if (value instanceof Date)
    return value.toISOString().slice(0, 10)
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? value.trim() : undefined
}

/**
 * The sources a speaker should re-read before the talk: their `checked` day
 * is more than STALE_AFTER_DAYS before the headmatter's `talkDate`.
 */
export function staleSourceWarnings(registry: Record<string, Pick<Source, 'checked'>>, talkDate: unknown, file = 'slides.md'): string[] {
  const day = isoDay(talkDate)
  if (!day)
    return [`${file}: headmatter talkDate ${JSON.stringify(talkDate ?? null)} is not a date (YYYY-MM-DD): cannot tell which sources are old`]
  return staleSources(registry, day).map(s =>
    `data/sources.ts: ${s.key}: checked ${s.checked}, ${s.daysBefore} days before the talk (${day}); re-read it`)
}

/** The handout cover's QR codes: the article, its video and code, and the web deck when configured. */
export function coverLinks(headmatter: TalkHeadmatter): HandoutLink[] {
  const links: HandoutLink[] = resourceLinks.map(r => ({ label: r.label, url: sources[r.source].url }))
  if (typeof headmatter.webUrl === 'string' && headmatter.webUrl.trim())
    links.push({ label: WEB_DECK_LABEL, url: headmatter.webUrl.trim() })
  return links
}

/**
 * The talk's type scale on the 980 px canvas: the source footnote (SourceNote),
 * then chart, table, code and caption text (the references list, the QR codes'
 * captions, a claim's detail), then body text.
 */
const TYPE_SCALE: TypeTier[] = [
  { name: 'source footnote', selector: '.source-note', min: 11 },
  { name: 'chart, table, code or caption text', selector: 'svg, table, pre, figcaption, .references, .qr, [data-type="detail"]', min: 14 },
  { name: 'body text', min: 20 },
]

export default defineConfig({
  name: 'azure-linux-explained',
  strict: ['contrast', 'font', 'stroke'],
  staticChecks: [
    {
      name: 'speaker',
      run: ({ entry, headmatter, rel }) => speakerOf(headmatter)
        ? {}
        : { warnings: [`${rel(entry)}: no speaker is set (author: ${JSON.stringify(headmatter.author ?? '')}): set \`author:\` in the headmatter at the top of ${rel(entry)} to your name; until then the title and closing slides and the PDF, handout and video metadata name no speaker`] },
    },
    {
      name: 'sources',
      run: ({ slides, at }) => ({
        problems: slides.flatMap(slide => citationsIn(slide.content).flatMap(({ tag, ids }) =>
          ids.filter(id => !(id in sources)).map(id => `${at(slide, tag)}: unknown source "${id}" (not in data/sources.ts)`))),
      }),
    },
    {
      name: 'data',
      run: () => {
        try {
          validateDeckData(figures, sources)
          return {}
        }
        catch (error) {
          if (error instanceof DeckDataError)
            return { problems: error.problems }
          throw error
        }
      },
    },
    {
      name: 'freshness',
      heading: count => `${count} source${count > 1 ? 's' : ''} to re-read before the talk`,
      run: ({ entry, headmatter, rel }) => ({ warnings: staleSourceWarnings(sources, headmatter.talkDate, rel(entry)) }),
    },
  ],
  typeScale: TYPE_SCALE,
  // The footnote is pinned to the slide's bottom (SourceNote): it must not cover the slide's content.
  overlays: [{ name: 'the source footnote', selector: '.source-note', content: 'pre, p, li, table, svg, img, h1, h2, figure, .claim-check' }],
  handout: (deck) => {
    const headmatter: TalkHeadmatter = deck.headmatter
    return {
      links: coverLinks(headmatter),
      sources: Object.entries(sources).map(([key, s]) => ({ key, ...s })),
      referencesNote: factsChecked(sources),
      meta: [headmatter.event, longDate(headmatter.talkDate)].filter(Boolean).map(String).join(' · '),
    }
  },
})
