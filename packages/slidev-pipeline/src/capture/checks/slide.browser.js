/**
 * Runs inside the deck page (plain browser JavaScript, added with
 * page.addScriptTag by the checks in this folder; plain JS so that no build
 * step can slip helpers into it). Measures what is on the slide that shows,
 * for the design checks (balance, QR codes); boxes are in viewport px, for
 * cutting screenshots. The text checks share src/capture/checks/textRuns.ts.
 */
window.__deckChecks = (() => {
  const IGNORED = '.sr-only, title, desc, style, script, .katex-mathml'

  /** The slide `n` that is showing (Slidev keeps neighbours mounted but hidden). */
  function slideOf(n) {
    return [...document.querySelectorAll(`.slidev-page-${n}`)].find(el => el.checkVisibility()) ?? null
  }

  function seen(el) {
    return el.checkVisibility({ opacityProperty: true, visibilityProperty: true })
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

  return { balance, qrCodes }
})()
