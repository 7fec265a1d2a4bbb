import type { SourceKey } from '../data'
import { parseSourceIds, sources } from '../data'

/** Reference numbers follow the registry's order, so footnotes and the references slides agree. */
export const sourceKeys = Object.keys(sources) as SourceKey[]
export const referenceNumber = (key: string) => sourceKeys.indexOf(key as SourceKey) + 1
export { parseSourceIds }
