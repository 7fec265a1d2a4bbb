import type { ElementHandle, Locator, Page } from 'playwright-core'
/**
 * The one way the toolkit runs its own code in a page (the deck's capture
 * pages, the handout, the storyboard).
 *
 * Why not Playwright's `evaluate(fn)` as it is: Playwright sends `fn` as its
 * source text, and tsx (esbuild with keepNames) has rewritten that source to
 * call `__name(fn, "name")` for every named function in it, a helper that
 * exists in Node but not in the page, so the page throws "__name is not
 * defined". Each function here is sent inside a wrapper that declares a
 * stand-in for it, so any function written in TypeScript (with named inner
 * functions, `const f = () => …`) runs as written. `helpers` sends more
 * functions along in the same round trip (the gate's checks, called by one
 * function that runs them all).
 */

type Helpers = Record<string, (...args: any[]) => unknown>

/** A function object whose source is `fn` (and `helpers`) wrapped with the stand-in; Playwright sends it as text. */
function wrapped(fn: (...args: any[]) => unknown, params: string[], helpers?: Helpers): (...args: any[]) => any {
  const helperSource = helpers ? `{ ${Object.entries(helpers).map(([name, h]) => `${JSON.stringify(name)}: (${h.toString()})`).join(',\n')} }` : 'undefined'
  // eslint-disable-next-line no-new-func -- the page function is built from source text on purpose (see above)
  return new Function(...params, `const __name = (f) => f\nreturn (${fn.toString()})(${params.join(', ')}, ${helperSource})`) as (...args: any[]) => any
}

/** Runs `fn(arg, helpers)` in `page` and resolves with what it returns (Playwright's serialization: JSON-like values). */
export function inPage<A, R, H extends Helpers = Helpers>(page: Page, fn: (arg: A, helpers: H) => R | Promise<R>, arg?: A, helpers?: H): Promise<R> {
  return page.evaluate(wrapped(fn, ['arg'], helpers), arg) as Promise<R>
}

/** Runs `fn(element, arg)` in the page on the element a locator or handle points at. */
export function onElement<E extends Node = Element, A = undefined, R = unknown>(element: Locator | ElementHandle<E>, fn: (element: E, arg: A) => R | Promise<R>, arg?: A): Promise<R> {
  return (element as Locator).evaluate(wrapped(fn, ['element', 'arg']), arg) as Promise<R>
}

/** Runs `fn(elements, arg)` in the page on every element a locator matches. */
export function onElements<E extends Element, A, R>(elements: Locator, fn: (elements: E[], arg: A) => R | Promise<R>, arg?: A): Promise<R> {
  return elements.evaluateAll(wrapped(fn, ['elements', 'arg']), arg) as Promise<R>
}
