/** What the page checks share: how they name a slide on the page, and what they say when it is not there. */

/** What every in-page check takes: the slide number and, on a print page with several instances of it, a selector for the one to check. */
export type SlideArg = [no: number, scope: string | undefined]

export const notShowing = (slideNo: number) => [`slide ${slideNo}: not rendered`]
