/**
 * No unknown element: a component Vue could not resolve (a misspelt
 * `<PackagesChartt />`) is rendered as an empty HTMLUnknownElement, and a
 * kebab-case tag nobody defined as an undefined custom element. Either way the
 * slide shows a hole and the browser says nothing.
 */
import type { Page } from 'playwright-core'
import type { SlideArg } from './slide.ts'
import { inPage } from '../inPage.ts'

/** Runs in the page (sent as source text: self-contained, no imports). `scope` selects the print container holding this instance of the slide. */
export function unknownElementsInPage([n, scope]: SlideArg): string[] {
  const slide = (scope ? document.querySelector(scope) : document)?.querySelector(`.slidev-page-${n}`)
  if (!slide)
    return [`slide ${n}: not rendered`]
  const tags = new Set<string>()
  for (const el of slide.querySelectorAll('*')) {
    if (el instanceof HTMLUnknownElement || (el.localName.includes('-') && el instanceof HTMLElement && !customElements.get(el.localName)))
      tags.add(el.localName)
  }
  return Array.from(tags, tag => `slide ${n}: <${tag}> is not a known component or element: it renders as nothing`)
}

export const unknownElementsOf = (page: Page, slideNo: number, scope?: string): Promise<string[]> => inPage(page, unknownElementsInPage, [slideNo, scope])
