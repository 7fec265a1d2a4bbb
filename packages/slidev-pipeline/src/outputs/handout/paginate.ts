/**
 * Runs inside the handout page (sent by src/capture/inPage.ts, so it must not use
 * anything from its module scope: Playwright sends its source). Deals the cards and references from #pool onto A4
 * sheets and reports where every slide box ended up.
 *
 * Layout rule: a page has two slots. A card (slide + notes) that fits half a
 * page takes one slot; a taller card takes a whole page; notes too long even
 * for a whole page are set smaller until they fit, first in their column, then
 * across the page under the slide, so nothing is ever cut or split. References
 * fill as many pages as they need.
 */
import type { SlideBox } from './stamp.ts'

export interface HandoutLayout {
  pages: number
  sheetWidth: number
  sheetHeight: number
  slides: SlideBox[]
  /** Slides whose notes were set smaller to fit one page. */
  shrunk: number[]
}

export function paginate(): HandoutLayout {
  const pool = document.getElementById('pool')!
  const cover = document.querySelector<HTMLElement>('.sheet.cover')!
  const pageHeight = cover.querySelector('.content')!.getBoundingClientRect().height
  const gap = pageHeight * 6 / 267
  const half = (pageHeight - gap) / 2
  const sheets = [cover]

  function newSheet(kind: 'body' | 'references'): HTMLElement {
    const sheet = document.createElement('section')
    sheet.className = `sheet ${kind}`
    const content = document.createElement('div')
    content.className = 'content'
    sheet.append(content)
    pool.before(sheet)
    sheets.push(sheet)
    return content
  }

  const heightOf = (el: Element) => el.getBoundingClientRect().height
  const shrunk: number[] = []
  let content: HTMLElement | null = null
  let freeSlots = 0
  for (const card of [...pool.querySelectorAll<HTMLElement>('.card')]) {
    const notes = card.querySelector<HTMLElement>('.notes')!
    const no = Number(card.dataset.no)
    const shrink = (smallest: number) => {
      for (let pt = 8.75; heightOf(card) > pageHeight && pt >= smallest; pt -= 0.25) {
        notes.style.fontSize = `${pt}pt`
        if (shrunk.at(-1) !== no)
          shrunk.push(no)
      }
    }
    // Notes keep to their column beside the slide, set a little smaller if a page needs it;
    // notes too long for a page even so run on under the slide, across the page, down to 5 pt.
    shrink(7.5)
    if (heightOf(card) > pageHeight) {
      notes.style.display = 'block'
      shrink(5)
    }
    if (heightOf(card) > pageHeight)
      throw new Error(`The notes of slide ${card.dataset.no} do not fit on one A4 page even at 5 pt; shorten them.`)
    const slots = heightOf(card) <= half ? 1 : 2
    if (freeSlots < slots) {
      content = newSheet('body')
      content.style.justifyContent = 'flex-start'
      content.style.gap = `${gap}px`
      freeSlots = 2
    }
    card.style.height = `${slots === 1 ? half : pageHeight}px`
    content!.append(card)
    freeSlots -= slots
  }

  // A deck without references (none in its deck.config.ts) has no references pages.
  const references = pool.querySelector('.references')
  const items = references ? [...references.querySelectorAll('.ref')] : []
  let list = references?.querySelector('ol') as HTMLOListElement
  items.forEach(item => item.remove())
  if (references) {
    content = newSheet('references')
    content.append(references)
  }
  // Only with references are there items to deal.
  for (const item of items) {
    list.append(item)
    if (list.getBoundingClientRect().bottom > content!.getBoundingClientRect().top + pageHeight) {
      const next = document.createElement('section')
      next.className = 'references'
      list = document.createElement('ol')
      next.append(list)
      content = newSheet('references')
      content.append(next)
      list.append(item)
    }
  }
  pool.remove()

  const footer = document.body.dataset.footer ?? ''
  sheets.forEach((sheet, i) => {
    if (i === 0)
      return
    const el = document.createElement('footer')
    const left = document.createElement('span')
    left.textContent = footer
    const right = document.createElement('span')
    right.textContent = `Page ${i + 1} of ${sheets.length}`
    el.append(left, right)
    sheet.append(el)
  })

  for (const kind of ['body', 'references']) {
    const pages = sheets.flatMap((sheet, i) => sheet.classList.contains(kind) ? [i + 1] : [])
    if (!pages.length)
      continue
    const range = pages.length > 1 ? `Pages ${pages[0]}–${pages.at(-1)}` : `Page ${pages[0]}`
    document.querySelectorAll(`[data-pages="${kind}"]`).forEach((el) => { el.textContent = range })
  }

  const slides = Array.from(document.querySelectorAll<HTMLElement>('.slide-box'), (box) => {
    const sheet = box.closest<HTMLElement>('.sheet')!
    const s = sheet.getBoundingClientRect()
    const b = box.getBoundingClientRect()
    return {
      no: Number(box.dataset.no),
      page: sheets.indexOf(sheet) + 1,
      // The inside of the border, in CSS px from the sheet's top left corner.
      x: b.left - s.left + box.clientLeft,
      y: b.top - s.top + box.clientTop,
      width: box.clientWidth,
      height: box.clientHeight,
    }
  })
  const first = sheets[0]!.getBoundingClientRect()
  return { pages: sheets.length, sheetWidth: first.width, sheetHeight: first.height, slides, shrunk: [...new Set(shrunk)] }
}
