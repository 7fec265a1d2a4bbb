/** This project's root (the talk's repository): scripts/ is one folder below it. The toolkit knows no project. */
import { fileURLToPath } from 'node:url'

export const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '')
