/**
 * The packages a deck's own code imports (its components, layouts and setup
 * files), each checked where the build will look for it. Vite resolves a bare
 * import from the importing file's folder upward, through node_modules, as
 * Node does; Slidev maps only `vue` and `@slidev/client` to its own copies. A
 * package missing there stopped the build late, inside a Vite plugin, with a
 * message that named neither the component nor the fix.
 */
import { existsSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join, parse } from 'node:path'

/** Specifiers Slidev or its Vite plugins provide themselves (aliases and virtual modules), never from node_modules. */
const PROVIDED = [/^vue$/, /^@slidev\/client(?:\/|$)/, /^#slidev\//, /^~icons\//, /^virtual:/, /^\/@slidev\//, /^@\//, /^~\//]

export interface MissingImport {
  /** The import as written. */
  specifier: string
  /** The package to install (`@vueuse/core` for `@vueuse/core/x`). */
  name: string
  /** 1-based line of the import in the file. */
  line: number
}

/** Every static or dynamic import of a package in a file's text, with its line (comments are not parsed away: an import in a comment counts too, and is rare). */
function importsIn(text: string): { specifier: string, line: number }[] {
  const out: { specifier: string, line: number }[] = []
  const pattern = /\bimport\s*(?:type\s+)?(?:[\w*${}\s,]+?\s*from\s*)?\(?\s*['"]([^'"\n]+)['"]/g
  for (const m of text.matchAll(pattern)) {
    // `import type` is erased: it needs no installed package.
    if (/^import\s+type\b/.test(m[0]))
      continue
    out.push({ specifier: m[1]!, line: text.slice(0, m.index).split('\n').length })
  }
  return out
}

const packageName = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/')

/** Whether `name` is installed in a node_modules folder at or above `dir`, as Node and Vite look for it. */
export function installedFrom(dir: string, name: string): boolean {
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, 'node_modules', name, 'package.json')))
      return true
    if (at === parse(at).root)
      return false
  }
}

/** The packages `file` imports that the build cannot find from where the file is. */
export function missingImports(file: string, text: string): MissingImport[] {
  return importsIn(text)
    .filter(({ specifier }) => !/^[./]/.test(specifier) && !specifier.startsWith('node:') && !PROVIDED.some(p => p.test(specifier)))
    .map(({ specifier, line }) => ({ specifier, name: packageName(specifier), line }))
    .filter(({ name }) => !builtinModules.includes(name) && !installedFrom(dirname(file), name))
}
