import type { Component } from 'vue'
// @vitest-environment happy-dom
/**
 * Chart components rendered with Vue Test Utils: the geometry is checked
 * against the data (ratios, order), not against a snapshot.
 */
import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import DistroVsHostChart from '../components/DistroVsHostChart.vue'
import HorizontalBars from '../components/HorizontalBars.vue'
import LifecycleTimeline from '../components/LifecycleTimeline.vue'
import PackagesChart from '../components/PackagesChart.vue'
import QrCode from '../components/QrCode.vue'
import ReferenceList from '../components/ReferenceList.vue'
import ResourceLinks from '../components/ResourceLinks.vue'
import SecurityMatrix from '../components/SecurityMatrix.vue'
import SourceNote from '../components/SourceNote.vue'
import SpeakerLine from '../components/SpeakerLine.vue'
import { figures } from '../data/figures'
import { factsChecked } from '../data/freshness'
import { resourceLinks } from '../data/resources'
import { sources } from '../data/sources'
import { coverLinks } from '../deck.config'
import { printMode } from './stubs/slidev-client'

// Slidev registers v-click globally; here it only marks the element.
const vClick = { mounted: (el: HTMLElement, binding: { value: unknown }) => {
  if (binding.value !== false)
    el.dataset.vclick = ''
} }
function render(component: Component, props: Record<string, unknown> = {}) {
  return mount(component as any, { props, global: { directives: { click: vClick } } })
}

afterEach(() => { printMode.value = false })

const widthOf = (el: Element) => Number(el.getAttribute('width'))

describe('horizontalBars', () => {
  const bars = [
    { label: 'A', segments: [{ value: 100, colour: '#000' }] },
    { label: 'B', segments: [{ value: 250, colour: '#000' }] },
    { label: 'C', segments: [{ value: 0, colour: '#000' }] },
  ]

  it('draws bars from zero with lengths proportional to the values', () => {
    const w = render(HorizontalBars, { title: 't', description: 'd', unit: 'things', bars })
    const rects = w.findAll('rect.bar').map(r => r.element)
    expect(rects.map(r => Number(r.getAttribute('x')))).toEqual([190, 190, 190])
    expect(widthOf(rects[0]!) / widthOf(rects[1]!)).toBeCloseTo(100 / 250, 6)
    expect(widthOf(rects[2]!)).toBe(0)
    expect(w.text()).toContain('250 things')
  })

  it('shows an error instead of a chart for a negative or missing value', () => {
    const w = render(HorizontalBars, { title: 'Broken', description: 'd', unit: 'u', bars: [{ label: 'X', segments: [{ value: -1, colour: '#000' }] }] })
    expect(w.find('svg').exists()).toBe(false)
    expect(w.get('[role="alert"]').text()).toContain('bar 0 ("X") has an invalid value: -1')
    const empty = render(HorizontalBars, { title: 'Empty', description: 'd', unit: 'u', bars: [] })
    expect(empty.get('[role="alert"]').text()).toContain('no bars given')
  })

  it('grows one bar per click when presenting, its label there from the first step, and turns transitions off in print mode', () => {
    const w = render(HorizontalBars, { title: 't', description: 'd', unit: 'u', bars })
    // The bar, its segment names and its value come with the click; the frame does not.
    expect(w.findAll('g.bar-row[data-vclick]')).toHaveLength(0)
    const marks = w.findAll('g.bar-row > g.bar-marks[data-vclick]')
    expect(marks).toHaveLength(3)
    marks.forEach(g => expect(g.findAll('rect.bar')).toHaveLength(1))
    expect(w.findAll('g.bar-row > text.label').map(t => t.text())).toEqual(['A', 'B', 'C'])
    expect(w.findAll('[data-vclick] text.label')).toHaveLength(0)
    expect(w.get('svg').classes()).not.toContain('print')
    printMode.value = true
    const p = render(HorizontalBars, { title: 't', description: 'd', unit: 'u', bars })
    expect(p.get('svg').classes()).toContain('print')
  })

  it('has an accessible name and a text equivalent', () => {
    const w = render(HorizontalBars, { title: 'My chart', description: 'A is 100, B is 250', unit: 'u', bars })
    expect(w.get('svg').attributes('role')).toBe('img')
    expect(w.get('svg title').text()).toBe('My chart')
    expect(w.get('svg desc').text()).toBe('A is 100, B is 250')
  })

  it('says what it shows and every value in its alt text, made from its bars', () => {
    const stacked = [...bars, { label: 'D', sublabel: 'two parts', segments: [{ value: 1200, label: 'x', colour: '#000' }, { value: 34, label: 'y', approximate: true, colour: '#000' }] }]
    const w = render(HorizontalBars, { title: 'My chart', description: 'd', unit: 'u', bars: stacked })
    expect(w.get('svg').attributes('aria-label')).toBe('Bar chart, My chart: A, 100 u; B, 250 u; C, 0 u; D (two parts), about 1,234 u (x: 1,200, y: about 34).')
  })

  it('opens its bars as a data table from a button, with caption and header cells, and leaves it out of print', async () => {
    const stacked = [...bars, { label: 'D', sublabel: 'two parts', segments: [{ value: 1200, label: 'x', colour: '#000' }, { value: 34, label: 'y', approximate: true, colour: '#000' }] }]
    const w = render(HorizontalBars, { title: 'My chart', description: 'd', unit: 'u', bars: stacked, category: 'Thing' })
    const button = w.get('button.chart-data-toggle')
    expect(button.text()).toBe('Data table: My chart')
    expect(button.attributes('aria-expanded')).toBe('false')
    const panel = w.get(`#${button.attributes('aria-controls')}`)
    expect((panel.element as HTMLElement).style.display).toBe('none')
    await button.trigger('click')
    expect(button.attributes('aria-expanded')).toBe('true')
    expect((panel.element as HTMLElement).style.display).toBe('')
    expect(panel.get('caption').text()).toBe('My chart')
    expect(panel.findAll('thead th[scope="col"]').map(th => th.text())).toEqual(['Thing', 'Value', 'Parts'])
    const rows = panel.findAll('tbody tr').map(tr => [tr.get('th[scope="row"]').text(), ...tr.findAll('td').map(td => td.text())])
    expect(rows).toEqual([['A', '100 u', ''], ['B', '250 u', ''], ['C', '0 u', ''], ['D (two parts)', 'about 1,234 u', 'x: 1,200, y: about 34']])
    await button.trigger('keydown', { key: 'Escape' })
    expect(button.attributes('aria-expanded')).toBe('false')
    printMode.value = true
    expect(render(HorizontalBars, { title: 'My chart', description: 'd', unit: 'u', bars }).find('.chart-data').exists()).toBe(false)
  })
})

describe('packagesChart', () => {
  it('draws every node image with its count, proportional, and quotes the docs as annotations', () => {
    const w = render(PackagesChart)
    const rects = w.findAll('rect.bar').map(r => r.element)
    expect(rects).toHaveLength(figures.imagePackages.length)
    const max = Math.max(...figures.imagePackages.map(e => e.packages))
    figures.imagePackages.forEach((e, i) => {
      expect(w.text()).toContain(e.os)
      expect(w.text()).toContain(`${e.packages} packages`)
      expect(widthOf(rects[i]!) / widthOf(rects.at(-1)!)).toBeCloseTo(e.packages / max, 6)
    })
    expect(w.text()).toContain('only 500 packages')
    expect(w.text()).toContain('roughly 400 packages')
    // The claims are text, never bars.
    expect(rects.map(r => r.getAttribute('data-value'))).not.toContain('500')
  })
})

describe('distroVsHostChart', () => {
  it('stacks the two spec folders and keeps the host bar to the same scale', () => {
    const w = render(DistroVsHostChart)
    const rects = w.findAll('rect.bar').map(r => r.element)
    expect(rects).toHaveLength(3)
    const distro = widthOf(rects[0]!) + widthOf(rects[1]!)
    expect(widthOf(rects[2]!) / distro).toBeCloseTo(figures.hostPackages.value / (figures.distroParts[0]!.value + figures.distroParts[1]!.value), 6)
    expect(Number(rects[1]!.getAttribute('x'))).toBeCloseTo(190 + widthOf(rects[0]!), 6)
    for (const text of ['SPECS/: 1,524', 'SPECS-EXTENDED/: 1,519', '379 packages'])
      expect(w.text()).toContain(text)
  })
})

describe('securityMatrix', () => {
  it('shows every cell\'s text and a status word for screen readers', () => {
    const w = render(SecurityMatrix)
    for (const row of figures.securityMatrix) {
      expect(w.text()).toContain(row.feature)
      for (const cell of row.cells)
        expect(w.text()).toContain(cell.text)
    }
    expect(w.findAll('tbody tr')).toHaveLength(figures.securityMatrix.length)
    // The status word is the mark's alt text (a /Figure with /Alt in the tagged PDF), not clipped .sr-only text.
    const mark = w.findAll('tbody td[data-status="no"] svg.status-icon')[0]!
    expect(mark.attributes('role')).toBe('img')
    expect(mark.attributes('aria-label')).toBe('No')
  })

  it('shows an error state for a row with a bad status', () => {
    const bad = structuredClone(figures.securityMatrix)
    ;(bad[0]!.cells[0] as any).status = 'maybe'
    const w = render(SecurityMatrix, { rows: bad })
    expect(w.find('table').exists()).toBe(false)
    expect(w.get('[role="alert"]').text()).toMatch(/row 0 cells\.0\.status/)
  })
})

describe('lifecycleTimeline', () => {
  it('places events in date order, x proportional to time', () => {
    const shuffled = [...figures.timeline].reverse()
    const w = render(LifecycleTimeline, { events: shuffled })
    const events = w.findAll('g.event').map(g => ({ date: g.attributes('data-date')!, x: Number(g.attributes('data-x')) }))
    const dates = events.map(e => e.date)
    expect(dates).toEqual([...dates].sort())
    for (let i = 1; i < events.length; i++)
      expect(events[i]!.x).toBeGreaterThanOrEqual(events[i - 1]!.x)
    // Proportional: equal time spans, equal distances.
    const t = (d: string) => Date.parse(d.length === 7 ? `${d}-15` : d)
    const [a, b, c] = [events[0]!, events[1]!, events.at(-1)!]
    expect((b.x - a.x) / (c.x - a.x)).toBeCloseTo((t(b.date) - t(a.date)) / (t(c.date) - t(a.date)), 6)
  })

  it('marks the article\'s date and lists every event in its text equivalent', () => {
    const w = render(LifecycleTimeline)
    expect(w.text()).toContain('Article: 26 May 2025')
    const desc = w.get('desc').text()
    const alt = w.get('svg').attributes('aria-label')!
    expect(alt).toMatch(/^Timeline, Azure Linux on AKS: lifecycle, 1 Jul 2024 to 30 Sep 2026: /)
    for (const e of figures.timeline) {
      expect(desc).toContain(e.label)
      expect(alt).toContain(e.label)
    }
    // One image with one alt text: no <figure> around it (Chromium would tag it as a Figure without alt).
    expect(w.find('figure').exists()).toBe(false)
    expect(desc.indexOf('Preview')).toBeLessThan(desc.indexOf('Retired on AKS'))
  })

  it('gives every event, the article\'s date too, a row of its data table, in date order', () => {
    const w = render(LifecycleTimeline, { events: [...figures.timeline].reverse() })
    expect(w.findAll('.chart-data thead th').map(th => th.text())).toEqual(['Date', 'Track', 'Event', 'Kubernetes'])
    const rows = w.findAll('.chart-data tbody tr').map(tr => tr.findAll('th, td').map(c => c.text()))
    expect(rows.map(r => r[2])).toEqual([...figures.timeline].sort((a, b) => a.date.localeCompare(b.date)).map(e => e.label))
    expect(rows.find(r => r[1] === 'Article')?.[0]).toBe('26 May 2025')
  })

  it('shows an error state for an event outside the range or with a bad date', () => {
    const w = render(LifecycleTimeline, { events: [{ date: '2030-01-01', lane: 'Azure Linux 3.0', label: 'Late', source: 'aks-changelog' }] })
    expect(w.get('[role="alert"]').text()).toContain('outside')
    const bad = render(LifecycleTimeline, { events: [{ date: 'soon', lane: 'Azure Linux 3.0', label: 'X', source: 'aks-changelog' }] })
    expect(bad.get('[role="alert"]').text()).toContain('date')
  })
})

describe('sourceNote and ReferenceList', () => {
  it('links each cited source with the number the references use', () => {
    const w = render(SourceNote, { ids: 'learn-faq aks-changelog' })
    const links = w.findAll('a')
    expect(links.map(a => a.attributes('href'))).toEqual([sources['learn-faq'].url, sources['aks-changelog'].url])
    const n = Object.keys(sources).indexOf('learn-faq') + 1
    expect(w.text()).toContain(`[${n}] ${sources['learn-faq'].title}`)
  })

  it('names its sources by title while those fit in two lines, by number when they would not', () => {
    const short = render(SourceNote, { ids: 'learn-faq aks-changelog learn-node-images' })
    expect(short.text()).toContain(sources['learn-node-images'].title)
    const long = render(SourceNote, { ids: 'aks-vhd-notes-202505 learn-intro-2025 learn-overview-2026 aks-ubuntu-retirements', note: 'Counted by us.' })
    expect(long.text()).toContain(`[${Object.keys(sources).indexOf('aks-vhd-notes-202505') + 1}] ${sources['aks-vhd-notes-202505'].title}`)
    expect(long.text()).not.toContain(sources['learn-intro-2025'].title)
    expect(long.findAll('a').map(a => a.text())).toHaveLength(4)
    expect(long.text()).toContain('(see References)')
  })

  it('shows an unknown source as a visible error', () => {
    const w = render(SourceNote, { ids: 'no-such-source' })
    expect(w.get('[role="alert"]').text()).toContain('unknown source "no-such-source"')
  })

  it('lists every source exactly once across its parts, with its live and its pinned link', () => {
    const parts = [1, 2, 3, 4].map(part => render(ReferenceList, { part, parts: 4 }))
    const urls = parts.flatMap(w => w.findAll('a').map(a => a.attributes('href')))
    expect(urls).toEqual(Object.values(sources).flatMap(s => [s.url, ...('pinned' in s ? [s.pinned] : [])]))
    const learn = parts.flatMap(w => w.findAll('li')).filter(li => li.text().includes('Microsoft Learn'))
    expect(learn.length).toBeGreaterThan(10)
    for (const li of learn)
      expect(li.text(), li.attributes('data-source')).toMatch(/Live: learn\.microsoft\.com\/.* · as quoted: github\.com\/MicrosoftDocs\/[\w-]+ @ [0-9a-f]{7}$/)
  })

  it('says on its last part how fresh the facts are: the newest checked day', () => {
    const text = (part: number) => render(ReferenceList, { part, parts: 4 }).text()
    expect(text(4)).toContain(factsChecked(sources))
    expect(text(1)).not.toContain('Facts checked')
  })
})

describe('qrCode', () => {
  it('draws a vector QR code for a registry source and prints its URL', () => {
    const w = render(QrCode, { source: 'article-video', label: 'The video' })
    expect(w.get('svg path').attributes('d')!.length).toBeGreaterThan(100)
    expect(w.get('a').attributes('href')).toBe(sources['article-video'].url)
  })

  it('shows an error for an unknown source', () => {
    const w = render(QrCode, { source: 'nope', label: 'X' })
    expect(w.get('[role="alert"]').text()).toContain('unknown source "nope"')
  })
})

describe('resourceLinks', () => {
  const hrefs = (w: ReturnType<typeof render>) => w.findAll('.qr-caption a').map(a => a.attributes('href'))

  it('draws a QR code for every resource link in data/resources.ts, and the web deck when set', () => {
    expect(hrefs(render(ResourceLinks))).toEqual(resourceLinks.map(r => sources[r.source].url))
    expect(hrefs(render(ResourceLinks, { webUrl: ' https://example.org/deck/ ' })).at(-1)).toBe('https://example.org/deck/')
    expect(render(ResourceLinks, { webUrl: '' }).findAll('.qr')).toHaveLength(resourceLinks.length)
  })

  it('makes each QR code an image whose alt text names its URL, and no untitled figure', () => {
    const w = render(ResourceLinks)
    const qrs = w.findAll('[data-qr] svg')
    expect(qrs.map(s => s.attributes('aria-label'))).toEqual(resourceLinks.map(r => `QR code: ${sources[r.source].url}`))
    qrs.forEach(s => expect(s.attributes('role')).toBe('img'))
    expect(w.find('figure').exists()).toBe(false)
    w.findAll('.qr').forEach(g => expect(g.attributes('role')).toBe('group'))
  })

  it('shows the same links, with the same labels, as the handout cover', () => {
    const w = render(ResourceLinks, { webUrl: 'https://example.org/deck/' })
    const slide = w.findAll('.qr').map(f => ({ label: f.get('strong').text(), url: f.get('.qr-caption a').attributes('href') }))
    expect(slide).toEqual(coverLinks({ webUrl: 'https://example.org/deck/' }))
  })
})

describe('speakerLine', () => {
  const lineOf = (configs: Record<string, unknown>) => mount(SpeakerLine as any, { global: { mocks: { $slidev: { configs } } } }).text()

  it('names the speaker, the event and the talk date as people read it', () => {
    const text = lineOf({ author: 'Ada Lovelace', event: 'Azure community meetup', talkDate: '2026-12-10' })
    expect(text).toContain('Ada Lovelace')
    expect(text).toContain('Azure community meetup · 10 December 2026')
  })

  it('leaves out what the headmatter does not give, without a stray separator', () => {
    expect(lineOf({ author: 'Ada Lovelace', event: 'Meetup' })).not.toContain('·')
  })

  it('names no speaker while none is set, nor the template placeholder', () => {
    for (const author of ['', 'Your Name', undefined]) {
      const w = mount(SpeakerLine as any, { global: { mocks: { $slidev: { configs: { author, event: 'Meetup', talkDate: '2026-12-10' } } } } })
      expect(w.find('.speaker-name').exists(), String(author)).toBe(false)
      expect(w.text()).toBe('Meetup · 10 December 2026')
    }
  })
})
