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

/**
 * Every import of a module in a file's text, with its line: `… from 'x'`, `import 'x'` and
 * `import('x')`. Type-only imports are left out: they are erased and need nothing installed.
 * (Comments are not parsed away: an import in a comment counts too, and is rare.)
 */
function importsIn(text: string): { specifier: string, line: number }[] {
  const lineAt = (index: number) => text.slice(0, index).split('\n').length
  const out: { specifier: string, line: number }[] = []
  for (const m of text.matchAll(/\bfrom\s*(['"])([^'"\n]+)\1/g)) {
    // The statement this `from` ends: `import type { A } from 'x'` is erased.
    const statement = text.slice(Math.max(text.lastIndexOf('import', m.index), text.lastIndexOf('export', m.index)), m.index)
    if (!/^(?:import|export)\s+type\b/.test(statement))
      out.push({ specifier: m[2]!, line: lineAt(m.index) })
  }
  for (const m of text.matchAll(/\bimport\s*(?:\(\s*)?(['"])([^'"\n]+)\1/g))
    out.push({ specifier: m[2]!, line: lineAt(m.index) })
  return out.sort((a, b) => a.line - b.line)
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
