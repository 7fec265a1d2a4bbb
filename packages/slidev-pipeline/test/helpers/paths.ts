/** Where the package's tests find things: their fixture decks, and the node_modules npm installed the toolkit into. */
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const packageDir = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '')

/** A file or folder under test/fixtures/. */
export const fixture = (...parts: string[]) => join(packageDir, 'test', 'fixtures', ...parts)

/** The nearest folder at or above `from` whose node_modules holds Slidev: a workspace's root, or the package's own. */
function installDirAbove(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules', '@slidev', 'cli')))
      return dir
    if (dirname(dir) === dir)
      throw new Error(`no node_modules/@slidev/cli at or above ${from}: run npm install`)
  }
}

/** Where the decks under test link their packages from, and where `slidev-pipeline` sits in node_modules/.bin. */
export const installDir = installDirAbove(packageDir)
