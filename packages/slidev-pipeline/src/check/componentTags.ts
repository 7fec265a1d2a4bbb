/**
 * Tags that look like components (`<PascalCase`) but name none that Slidev
 * would register. Slidev renders such a tag as an empty unknown element and
 * says nothing; here it is refused with its file and line.
 *
 * Known: the `components/` folder of every root Slidev resolves (theme, addons,
 * the deck itself), Slidev's built-ins, Vue's and the router's built-ins, and
 * icons from the installed `@iconify-json/*` collections (Slidev resolves
 * `<CarbonArrowRight />` through unplugin-icons).
 */
import type { DeckHeadmatter } from '../support/deck.ts'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, dirname, extname, join } from 'node:path'
import { BUILTIN_COMPONENTS, clientRoot, cliRoot, COMPONENT_EXTENSIONS, FRAMEWORK_COMPONENTS, packageCandidates } from '../slidev/internals.ts'

const require = createRequire(import.meta.url)

const COMPONENT_FILE = new RegExp(`\\.(?:${COMPONENT_EXTENSIONS.join('|')})$`)
const TAG = /<([A-Z][A-Za-z0-9]*)(?=[\s/>]|$)/g

const pascal = (name: string) => name.replace(/(^|[-_.\s]+)(\w)/g, (_, __, c: string) => c.toUpperCase())
const kebab = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/([A-Z])([A-Z][a-z])/g, '$1-$2').toLowerCase()

function componentFiles(dir: string): string[] {
  if (!existsSync(dir))
    return []
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter(e => e.isFile() && COMPONENT_FILE.test(e.name) && !/\.(?:test|spec|d)\.[tj]sx?$/.test(e.name))
    .map(e => join(e.parentPath, e.name))
}

function iconCollections(fromDir: string): string[] {
  try {
    const dir = join(dirname(require.resolve('@iconify-json/carbon/package.json', { paths: [fromDir, cliRoot] })), '..')
    return readdirSync(dir)
  }
  catch {
    return []
  }
}

/**
 * The roots Slidev takes components from, in its order: theme, addons, the
 * deck. Same rules as Slidev's createResolver (@slidev/cli, resolver.ts):
 * `none`, absolute and relative paths, `@slidev/theme-x`, `slidev-theme-x`, `x`;
 * a package is looked up from the deck, then from Slidev's CLI (as Slidev does
 * for a deck outside the project that installed it).
 * (Importing @slidev/cli to ask it would cost seconds per check.)
 */
export function slidevRoots(headmatter: Pick<DeckHeadmatter, 'theme' | 'addons'>, userRoot: string): string[] {
  const packageRoot = (type: 'theme' | 'addon', name: string): string | undefined => {
    if (name === 'none')
      return undefined
    if (name.startsWith('/'))
      return name
    if (name.startsWith('@/'))
      return join(userRoot, name.slice(2))
    if (name.startsWith('.') || (!name.startsWith('@') && name.includes('/')))
      return join(userRoot, name)
    for (const pkg of packageCandidates(type, name)) {
      try {
        return dirname(require.resolve(`${pkg}/package.json`, { paths: [userRoot, cliRoot] }))
      }
      catch {}
    }
    return undefined
  }
  let pkgAddons: string[] = []
  try {
    pkgAddons = JSON.parse(readFileSync(join(userRoot, 'package.json'), 'utf8')).slidev?.addons ?? []
  }
  catch {}
  const theme = packageRoot('theme', String(headmatter.theme ?? 'default'))
  const addons = [...(Array.isArray(headmatter.addons) ? headmatter.addons : []), ...pkgAddons].map(a => packageRoot('addon', String(a)))
  return [theme, ...addons, userRoot].filter((r): r is string => !!r)
}

export interface ComponentRegistry {
  names: Set<string>
  icons: string[]
  isKnown: (tag: string) => boolean
}

/** Everything Slidev would resolve for a deck whose roots are `roots` (theme, addons, user root, as Slidev orders them). */
export function componentRegistry(roots: string[], client = clientRoot): ComponentRegistry {
  const names = new Set(FRAMEWORK_COMPONENTS)
  for (const dir of [join(client, BUILTIN_COMPONENTS), ...roots.map(r => join(r, 'components'))]) {
    for (const file of componentFiles(dir)) {
      const stem = basename(file, extname(file))
      // `Foo/index.vue` registers as `Foo`.
      names.add(pascal(stem === 'index' ? basename(dirname(file)) : stem))
    }
  }
  const icons = iconCollections(roots.at(-1) ?? cliRoot)
  return {
    names,
    icons,
    isKnown: tag => names.has(tag) || icons.some(c => kebab(tag).startsWith(`${c}-`)),
  }
}

export interface UnknownTag {
  tag: string
  /** 1-based line in the file. */
  line: number
}

/**
 * `<PascalCase` tags in lines [from, to) of a Markdown file that the registry
 * does not know. Code (fenced blocks, inline code, `<<<` snippet imports) and
 * HTML comments (speaker notes) are skipped: a tag there is text, not markup.
 */
export function unknownTagsInMarkdown(text: string, registry: ComponentRegistry, from = 0, to = Number.POSITIVE_INFINITY): UnknownTag[] {
  return componentTagsInMarkdown(text, from, to).filter(t => !registry.isKnown(t.tag))
}

/** Every `<PascalCase` tag in lines [from, to) of a Markdown file, skipping code and HTML comments as above. */
export function componentTagsInMarkdown(text: string, from = 0, to = Number.POSITIVE_INFINITY): UnknownTag[] {
  const lines = text.split('\n')
  const found: UnknownTag[] = []
  let fence: string | undefined
  let inComment = false
  for (let i = 0; i < lines.length && i < to; i++) {
    let line = lines[i]!
    const opener = line.match(/^\s*(`{3,}|~{3,})/)
    if (fence) {
      if (opener && opener[1]!.startsWith(fence))
        fence = undefined
      continue
    }
    if (opener) {
      fence = opener[1]!
      continue
    }
    if (i < from || /^\s*<<</.test(line))
      continue
    // Drop comments (possibly spanning lines) and inline code.
    let visible = ''
    while (line) {
      if (inComment) {
        const end = line.indexOf('-->')
        if (end < 0) {
          line = ''
          break
        }
        line = line.slice(end + 3)
        inComment = false
      }
      const start = line.indexOf('<!--')
      if (start < 0) {
        visible += line
        break
      }
      visible += line.slice(0, start)
      line = line.slice(start + 4)
      inComment = true
    }
    visible = visible.replace(/(`+)[^`]*\1/g, '')
    for (const m of visible.matchAll(TAG))
      found.push({ tag: m[1]!, line: i + 1 })
  }
  return found
}

/**
 * The same for a Vue single-file component: tags in its `<template>`, where
 * components imported by its own `<script>` are known too.
 */
export function unknownTagsInVue(text: string, registry: ComponentRegistry): UnknownTag[] {
  const imported = new Set(Array.from(text.matchAll(/import\s+([A-Z]\w*)\s+from/g), m => m[1]!))
  for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from/g))
    m[1]!.split(',').map(s => s.trim().split(/\s+as\s+/).at(-1)!).filter(Boolean).forEach(n => imported.add(n))
  const local: ComponentRegistry = { ...registry, isKnown: tag => imported.has(tag) || registry.isKnown(tag) }
  const lines = text.split('\n')
  const start = lines.findIndex(l => /^<template\b/.test(l))
  const end = lines.findLastIndex(l => /^<\/template>/.test(l))
  if (start < 0)
    return []
  // Template markup has no Markdown fences; comments are still skipped.
  return unknownTagsInMarkdown(lines.slice(0, end < 0 ? undefined : end).join('\n'), local, start + 1)
}
