/** The toolkit's command line as a deck's scripts reach it: the package's bin in node_modules/.bin. */
import { join } from 'node:path'
import { installDir } from './paths'

export const cli = join(installDir, 'node_modules', '.bin', 'slidev-pipeline')
