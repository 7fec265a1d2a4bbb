import type { Deck } from '../../support/deck.ts'
/**
 * The handout as one HTML document: a cover, one card per slide (an empty box
 * the slide is stamped into later, then its notes) and the references. Cards
 * and references start in a pool; paginate.browser.js deals them onto A4
 * sheets. Fonts come inline from @fontsource, so nothing touches the network.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import MarkdownIt from 'markdown-it'
import { CLICK_MARK, slideLabel } from '../../support/deck.ts'
import { qrSvg } from '../../support/qrSvg.ts'
import { speakerOf } from '../../support/speaker.ts'

export interface HandoutLink { label: string, url: string }
export interface HandoutSource { key: string, title: string, url: string, publisher: string, date: string, pinned?: string }

export interface HandoutContent {
  deck: Deck
  /** Shown as QR codes on the cover, in this order. */
  links: HandoutLink[]
  /** Listed on the references pages, numbered in this order. */
  sources: HandoutSource[]
  /** A line printed above the references (when the facts were checked, say). */
  referencesNote?: string
  /** Under the speaker's name on the cover and in the footer: the event and date, say. */
  meta?: string
  /** Width / height of the slide pages. */
  slideAspect: number
  /**
   * Per slide, what a screen reader hears for its page of the slides PDF
   * (slide-alt.ts): the alt text of the box the slide is stamped into, the
   * slide's /Figure in the tagged handout. Without it, the slide's title.
   */
  slideAlt?: string[]
}

/** The alt text of slide `no`'s box; stamp.ts finds the box's /Figure by its "Slide N:" start. */
export const slideBoxLabel = (no: number, text: string) => `Slide ${no}: ${text}`

/** Slide width on the page; the height follows from the slides' aspect ratio. */
export const SLIDE_WIDTH_MM = 112

const md = new MarkdownIt({ html: false, linkify: true, typographer: true })
// Headings inside notes become bold paragraphs, so the PDF outline keeps one entry per slide.
md.renderer.rules.heading_open = () => '<p class="notes-heading">'
md.renderer.rules.heading_close = () => '</p>\n'

/** Speaker notes as HTML: Markdown kept, Slidev's `[click]` markers removed. */
export function notesHtml(notes: string): string {
  return md.render(notes.replace(new RegExp(`[ \\t]*${CLICK_MARK.source}[ \\t]*`, 'g'), ' ').trim())
}

const escape = (text: string) => text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)

const require = createRequire(import.meta.url)
export function fontFaces(): string {
  const faces: [pkg: string, family: string, weight: number, style: string][] = [
    ['@fontsource/inter', 'Inter', 400, 'normal'],
    ['@fontsource/inter', 'Inter', 400, 'italic'],
    ['@fontsource/inter', 'Inter', 600, 'normal'],
    ['@fontsource/inter', 'Inter', 600, 'italic'],
    ['@fontsource/inter', 'Inter', 700, 'normal'],
    ['@fontsource/fira-code', 'Fira Code', 400, 'normal'],
  ]
  return faces.flatMap(([pkg, family, weight, style]) => ['latin', 'latin-ext'].map((subset) => {
    const file = join(dirname(require.resolve(`${pkg}/package.json`)), 'files', `${pkg.split('/')[1]}-${subset}-${weight}-${style}.woff2`)
    const data = readFileSync(file).toString('base64')
    return `@font-face{font-family:'${family}';font-weight:${weight};font-style:${style};src:url(data:font/woff2;base64,${data}) format('woff2')}`
  })).join('\n')
}

const CSS = `
@page { size: A4; margin: 0 }
* { box-sizing: border-box }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; color-scheme: light }
body { margin: 0; background: #fff; color: #1a1a1a; font: 9pt/1.4 Inter, sans-serif; }
a { color: #0b57a4; text-decoration: none }
code { font-family: 'Fira Code', monospace; font-size: 0.92em; background: #f1f3f5; padding: 0 0.2em; border-radius: 2px }
.sheet { position: relative; width: 210mm; height: 297mm; overflow: hidden; padding: 12mm 14mm 0; break-after: page }
.sheet:last-child { break-after: auto }
.sheet .content { height: 267mm; display: flex; flex-direction: column; justify-content: space-between }
.sheet footer { position: absolute; left: 14mm; right: 14mm; bottom: 9mm; display: flex; justify-content: space-between;
  border-top: 0.3mm solid #c9ced6; padding-top: 1.5mm; font-size: 7.5pt; color: #555 }
#pool { width: 182mm }

.cover .content { justify-content: flex-start; gap: 0 }
.cover .kicker { margin-top: 18mm; font-size: 9pt; letter-spacing: 0.12em; text-transform: uppercase; color: #0b57a4; font-weight: 600 }
.cover h1 { font-size: 30pt; line-height: 1.1; margin: 3mm 0 6mm; font-weight: 700 }
.cover .meta { font-size: 12pt; line-height: 1.5 }
.cover .meta strong { font-weight: 600 }
.cover .abstract { margin: 10mm 0 0; font-size: 10.5pt; line-height: 1.5; max-width: 160mm; border-left: 1mm solid #0b57a4; padding-left: 5mm }
.cover .abstract p { margin: 0 0 2mm }
.cover .qr-block { margin-top: 22mm }
.cover .qr-title { font-size: 13pt; font-weight: 700; margin: 0 0 1mm }
.cover .qr-grid { display: grid; grid-template-columns: repeat(4, 41mm); gap: 6mm }
.cover .qr-item { margin: 0; display: flex; flex-direction: column; gap: 2mm }
.cover .qr-item svg { width: 41mm; height: 41mm; display: block; shape-rendering: crispEdges }
.cover .qr-caption { font-size: 7.5pt; line-height: 1.35; word-break: break-all }
.cover .qr-caption strong { display: block; font-size: 9pt; word-break: normal }
.cover .inside { margin-top: auto; margin-bottom: 14mm; font-size: 9.5pt; line-height: 1.6; border-top: 0.3mm solid #c9ced6; padding-top: 4mm }
.cover .inside strong { font-weight: 600; display: inline-block; min-width: 24mm }
.cover .hint { font-size: 9pt; color: #555; margin: 0 0 4mm }

.card { display: flow-root; border-top: 0.3mm solid #c9ced6; padding-top: 2.5mm }
.card h2 { margin: 0 0 2.5mm; font-size: 10.5pt; font-weight: 600; line-height: 1.25 }
.card h2 .no { color: #0b57a4; margin-right: 1.5mm }
.slide-box { float: left; width: ${SLIDE_WIDTH_MM - 0.5}mm; margin: 0.5mm 5mm 2mm 0; border: 0.25mm solid #b8bec7; box-sizing: content-box; aspect-ratio: var(--slide-aspect) }
/* The notes keep to their column beside the slide, however long: a block formatting context never flows under the float. */
.notes { display: flow-root }
.notes p { margin: 0 0 1.6mm }
.notes ul, .notes ol { margin: 0 0 1.6mm; padding-left: 5mm }
.notes li { margin: 0 0 0.6mm }
.notes > :last-child { margin-bottom: 0 }
.notes blockquote { margin: 0 0 1.6mm; padding-left: 3mm; border-left: 0.6mm solid #c9ced6; color: #444 }
.notes .notes-heading { font-weight: 700; margin: 0 0 1mm }

.references h2 { font-size: 16pt; margin: 0 0 5mm }
.references .checked-as-of { font-size: 9pt; font-weight: 600; margin: -3mm 0 4mm }
.references ol { margin: 0; padding-left: 8mm }
.ref { margin: 0 0 2.6mm; font-size: 8.5pt; line-height: 1.38; break-inside: avoid }
.ref .title { font-weight: 600 }
.ref a { word-break: break-all }
`

export function handoutHtml({ deck, links, sources, referencesNote, meta: metaText = '', slideAspect, slideAlt }: HandoutContent): string {
  const h = deck.headmatter
  const title = String(h.title ?? deck.slides[0]?.title ?? 'Handout')
  const speaker = speakerOf(h)
  const meta = escape(metaText)
  const cover = `
<section class="sheet cover"><div class="content">
  <div class="kicker">Handout</div>
  <h1>${escape(title)}</h1>
  <div class="meta">${speaker ? `<strong>${escape(speaker)}</strong><br>` : ''}${meta}</div>
  ${h.info ? `<div class="abstract">${md.render(String(h.info))}</div>` : ''}
  ${links.length
    ? `<div class="qr-block">
    <p class="qr-title">Read, watch, try</p>
    <p class="hint">Scan a code with your phone, or click it in the PDF.</p>
    <div class="qr-grid">${links.map(l => `
      <div class="qr-item" role="group" aria-label="${escape(l.label)}"><a class="qr" href="${escape(l.url)}">${qrSvg(l.url)}</a>
        <div class="qr-caption"><strong>${escape(l.label)}</strong><a href="${escape(l.url)}">${escape(l.url)}</a></div></div>`).join('')}
    </div>
  </div>`
    : ''}
  <div class="inside">
    <div><strong data-pages="body"></strong>every slide as presented, with the speaker’s notes</div>
    ${sources.length ? `<div><strong data-pages="references"></strong>references: ${sources.length} sources with their links</div>` : ''}
  </div>
</div></section>`
  const cards = deck.slides.map(s => `
<article class="card" data-no="${s.no}">
  <h2><span class="no">${s.no}</span> ${escape(slideLabel(s))}</h2>
  <div class="slide-box" data-no="${s.no}" role="img" aria-label="${escape(slideBoxLabel(s.no, slideAlt?.[s.no - 1] ?? s.title))}"></div>
  <div class="notes">${notesHtml(s.notes)}</div>
</article>`).join('')
  const refs = sources.map((s, i) => `
<li class="ref" value="${i + 1}"><span class="title">${escape(s.title)}</span>${/[.?!]$/.test(s.title) ? '' : '.'} ${escape(s.publisher)}, ${escape(s.date)}.<br>Live: <a href="${escape(s.url)}">${escape(s.url)}</a>${s.pinned ? `<br>As quoted: <a href="${escape(s.pinned)}">${escape(s.pinned)}</a>` : ''}</li>`).join('')
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}: handout</title>
<style>${fontFaces()}\n${CSS}</style></head>
<body style="--slide-aspect: ${slideAspect}" data-footer="${escape([title, meta].filter(Boolean).join(' · '))}">
${cover}
<div id="pool">${cards}${sources.length ? `<section class="references"><h2>References</h2>${referencesNote ? `<p class="checked-as-of">${escape(referencesNote)}</p>` : ''}<ol>${refs}</ol></section>` : ''}</div>
</body></html>`
}
