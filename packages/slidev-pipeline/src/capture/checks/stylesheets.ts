/**
 * Which of the deck's stylesheets asked for a file that is not there. A
 * `url(...)` in a stylesheet (a theme's `@font-face`, a background image) is
 * fetched with the built stylesheet as its referrer (`/assets/index-….css`),
 * which names no file of the deck's or its theme's. The build records the
 * stylesheets it bundled (`.stylesheets.json` in the build, from its module
 * graph: the deck's, a local or installed theme's, an addon's, and the `<style>`
 * blocks of their .vue files); a 404 asked for by a stylesheet is looked up in
 * them, and named by the first line that names the missing file.
 */
import { existsSync, readFileSync } from 'node:fs'
import { basename, join, relative } from 'node:path'

/** The file in a build that lists the stylesheets it bundled. */
export const STYLESHEETS = '.stylesheets.json'

const STYLE_SOURCE = /\.(?:css|scss|sass|less|styl|stylus|pcss|postcss|vue)$/

/** The stylesheets among a build's modules (module ids, some with a query: `App.vue?vue&type=style&index=0&lang.css`). */
export function stylesheetsAmong(modules: string[]): string[] {
  const files = new Set<string>()
  for (const id of modules) {
    const file = id.replace(/^\0/, '').split('?')[0]!
    if (STYLE_SOURCE.test(file) && (!file.endsWith('.vue') || id.includes('type=style')) && existsSync(file))
      files.add(file)
  }
  return [...files]
}

/** `file:line` of the stylesheet line that asks for `path` (a URL's path, as the 404 names it), relative to `cwd`; undefined when none does. */
export function stylesheetAsking(path: string, stylesheets: readonly string[], cwd: string): string | undefined {
  // As the stylesheet may write it: encoded (`x%20bold.woff2`) or not (`x bold.woff2`).
  const raw = basename(path)
  let decoded = raw
  try {
    decoded = decodeURIComponent(raw)
  }
  catch {}
  if (!raw)
    return undefined
  for (const file of stylesheets) {
    let lines: string[]
    try {
      lines = readFileSync(file, 'utf8').split('\n')
    }
    catch {
      continue
    }
    const at = lines.findIndex(l => (l.includes(raw) || l.includes(decoded)) && /url\(|@import|src:/.test(l))
    if (at >= 0)
      return `${relative(cwd, file) || file}:${at + 1}`
  }
  return undefined
}

/** The stylesheets a build recorded; none for a build made before it recorded them. */
export function readStylesheets(buildDir: string): string[] {
  try {
    return JSON.parse(readFileSync(join(buildDir, STYLESHEETS), 'utf8')) as string[]
  }
  catch {
    return []
  }
}
