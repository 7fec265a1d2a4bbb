/**
 * page.evaluate for check functions written in TypeScript. tsx (esbuild with
 * keepNames) wraps named functions in `__name(...)`, a helper that exists in
 * Node but not in the page, so a function passed as-is throws there. The
 * function is sent as source text with a stand-in for that helper.
 */
import type { Page } from 'playwright-chromium'

export function evaluateIn<A, R>(page: Page, fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
  return page.evaluate(`(() => { const __name = (f) => f; return (${fn.toString()})(${JSON.stringify(arg)}) })()`) as Promise<R>
}

/** What every in-page check takes: the slide number and, on a print page with several instances of it, a selector for the one to check. */
export type SlideArg = [no: number, scope: string | undefined]
