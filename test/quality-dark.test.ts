/**
 * The quality gate on every slide and click step of the real deck, dark theme
 * (the checks and the walk: test/helpers/quality.ts). The other theme has a
 * file of its own so that both walks run side by side.
 */
import { describeEveryStep } from './helpers/quality'

describeEveryStep('dark')
