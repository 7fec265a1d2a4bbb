/** Checked deck data: components import from here, never from the raw files. */
import { figures as rawFigures } from './figures'
import { sources as rawSources } from './sources'
import { validateDeckData } from './validate'

export const { figures, sources } = validateDeckData(rawFigures, rawSources)
export { citationsIn, parseSourceIds } from './citations'
export { factsChecked, longDate, longDay, STALE_AFTER_DAYS, staleSources } from './freshness'
export { resourceLinks, WEB_DECK_LABEL } from './resources'
export * from './schema'
export type { SourceKey } from './sources'
