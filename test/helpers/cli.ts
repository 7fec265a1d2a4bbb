/** The toolkit's command line as a deck's scripts reach it: the workspace package's bin in node_modules/.bin. */
import { join } from 'node:path'
import { root } from './root'

export const cli = join(root, 'node_modules', '.bin', 'slidev-pipeline')
