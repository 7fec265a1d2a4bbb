/**
 * Runs inside the deck page (plain browser JavaScript, added with
 * page.addScriptTag by the checks in this folder; plain JS so that no build
 * step can slip helpers into it). Measures what is on the slide that shows.
 * Sizes are in canvas px (the slide's own CSS pixels, before Slidev scales it);
 * boxes are in viewport px, for cutting screenshots.
 */
window.__deckChecks = (() => {
  const IGNORED = '.sr-only, title, desc, style, script, .katex-mathml'

  /** The slide `n` that is showing (Slidev keeps neighbours mounted but hidden). */
  function slideOf(n) {
    return [...document.querySelectorAll(`.slidev-page-${n}`)].find(el => el.checkVisibility()) ?? null
  }

  /** Canvas px per viewport px: the slide's layout width over its drawn width. */
  function canvasScale(slide) {
    return slide.offsetWidth / slide.getBoundingClientRect().width
  }

  function seen(el) {
    return el.checkVisibility({ opacityProperty: true, visibilityProperty: true })
  }

  /** Text tiers of the type scale, smallest allowed size in canvas px. */
  function tierOf(el) {
    if (el.closest('.source-note'))
      return { tier: 'source footnote', min: 11 }
    if (el.closest('svg, table, pre, figcaption, .references, .qr, [data-type="detail"]'))
      return { tier: 'chart, table, code or caption text', min: 14 }
    return { tier: 'body text', min: 20 }
  }

  function labelOf(el) {
    return (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 48)
  }

  /** Every visible run of text on slide `n`, grouped by the element that holds it. */
  function textItems(n) {
    const slide = slideOf(n)
    if (!slide)
      return null
    const scale = canvasScale(slide)
    const byElement = new Map()
    const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement
      if (!parent || !node.textContent.trim() || parent.closest(IGNORED) || !seen(parent))
        continue
      const svgText = parent.closest('text')
      const owner = svgText ?? parent
      let item = byElement.get(owner)
      if (!item) {
        const style = getComputedStyle(owner)
        let size = Number.parseFloat(style.fontSize)
        if (svgText) {
          // User units to canvas px: the SVG's own scale (viewBox) times nothing else.
          const box = svgText.getBBox()
          const drawn = svgText.getBoundingClientRect()
          size *= box.height > 0 ? (drawn.height * scale) / box.height : 1
        }
        // A handle for the contrast check, which paints each run of text in a colour of its own.
        owner.setAttribute('data-text-probe', String(byElement.size))
        item = {
          probe: byElement.size,
          label: labelOf(owner),
          size: Math.round(size * 10) / 10,
          weight: Number.parseFloat(style.fontWeight) || 400,
          ...tierOf(owner),
          rects: [],
        }
        byElement.set(owner, item)
        if (svgText) {
          const r = svgText.getBoundingClientRect()
          item.rects.push([r.left, r.top, r.width, r.height])
        }
      }
      if (!svgText) {
        const range = document.createRange()
        range.selectNodeContents(node)
        for (const r of range.getClientRects()) {
          if (r.width > 0 && r.height > 0)
            item.rects.push([r.left, r.top, r.width, r.height])
        }
      }
    }
    return [...byElement.values()].filter(i => i.rects.length)
  }

  /**
   * Text whose outline is painted over its fill (SVG `stroke`, or
   * -webkit-text-stroke, without paint-order putting the stroke first): the
   * stroke eats the glyphs and the text looks hollow.
   */
  function strokedText(n) {
    const slide = slideOf(n)
    if (!slide)
      return null
    const out = []
    for (const el of slide.querySelectorAll('*')) {
      const isSvg = el instanceof SVGElement
      // SVG text paints per <text>; HTML text per element that holds a run of text.
      const holdsText = isSvg ? el.tagName === 'text' : [...el.childNodes].some(c => c.nodeType === 3 && c.textContent.trim())
      if (!holdsText || el.closest(IGNORED) || !(el.textContent ?? '').trim() || !seen(el))
        continue
      const style = getComputedStyle(el)
      const width = Number.parseFloat(isSvg ? style.strokeWidth : style.webkitTextStrokeWidth) || 0
      const colour = isSvg ? style.stroke : style.webkitTextStrokeColor
      const painted = isSvg
        ? colour !== 'none' && Number(style.strokeOpacity) > 0
        : !/^rgba\(.*,\s*0\)$/.test(colour) && colour !== 'transparent'
      // paint-order lists what is painted first; missing keywords follow in the default order.
      const given = style.paintOrder === 'normal' ? [] : style.paintOrder.split(/\s+/)
      const order = [...given, ...['fill', 'stroke', 'markers'].filter(k => !given.includes(k))]
      if (width > 0 && painted && order.indexOf('stroke') > order.indexOf('fill'))
        out.push({ label: labelOf(el), tag: el.tagName.toLowerCase(), stroke: `${colour} ${width}px` })
    }
    return out
  }

  /** Where slide `n`'s content ends, as a fraction of the slide height, and its layout. */
  function balance(n) {
    const slide = slideOf(n)
    if (!slide)
      return null
    const layout = slide.querySelector('.slidev-layout')
    const frame = slide.getBoundingClientRect()
    let bottom = frame.top
    for (const el of slide.querySelectorAll('*')) {
      if (el.closest(`${IGNORED}, .source-note, [data-balance="ignore"]`) || !seen(el))
        continue
      const style = getComputedStyle(el)
      // Content is what carries meaning: text, pictures, code, charts.
      const holdsText = [...el.childNodes].some(c => c.nodeType === 3 && c.textContent.trim())
      const isPicture = /^(?:svg|img|canvas|video|pre|table)$/i.test(el.tagName)
      if (!(holdsText || isPicture) || (el.closest('svg') !== null && el.tagName.toLowerCase() !== 'svg'))
        continue
      if (style.position === 'fixed')
        continue
      bottom = Math.max(bottom, el.getBoundingClientRect().bottom)
    }
    return {
      layout: layout ? [...layout.classList].filter(c => c !== 'slidev-layout').join(' ') : '',
      bottom: (bottom - frame.top) / frame.height,
    }
  }

  /** The QR codes on slide `n`: what they encode and how tall they are, as a fraction of the slide. */
  function qrCodes(n) {
    const slide = slideOf(n)
    if (!slide)
      return null
    const frame = slide.getBoundingClientRect()
    return [...slide.querySelectorAll('[data-qr]')].filter(seen).map((el) => {
      const r = el.getBoundingClientRect()
      return { url: el.getAttribute('data-qr'), height: r.height / frame.height, box: [r.left, r.top, r.width, r.height] }
    })
  }

  /** Marks each probed run of text with the reference colour its glyph mask is painted in. */
  function setProbeColours(n, colours) {
    const slide = slideOf(n)
    for (const el of slide?.querySelectorAll('[data-text-probe]') ?? [])
      el.setAttribute('data-probe-colour', colours[Number(el.getAttribute('data-text-probe'))] ?? 'none')
    return null
  }

  function clearProbes(n) {
    for (const el of slideOf(n)?.querySelectorAll('[data-text-probe]') ?? []) {
      el.removeAttribute('data-text-probe')
      el.removeAttribute('data-probe-colour')
    }
    return null
  }

  return { textItems, strokedText, balance, qrCodes, setProbeColours, clearProbes }
})()
