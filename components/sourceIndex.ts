import { sources } from '../data'

/** Reference numbers follow the registry's order, so footnotes and the references slides agree. */
export const sourceKeys = Object.keys(sources)
export const referenceNumber = (key: string) => sourceKeys.indexOf(key) + 1
export function parseSourceIds(ids: string | string[]): string[] {
  return (Array.isArray(ids) ? ids : ids.split(/[\s,]+/)).filter(Boolean)
}
