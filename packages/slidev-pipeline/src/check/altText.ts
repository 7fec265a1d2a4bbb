/**
 * Charts and pictures without alt text, found in the deck's own components
 * before anything is built. An `<svg>` or `<img>` in a component template
 * must say what it shows: `role="img"` with an `aria-label` (or
 * `aria-labelledby`) for an SVG, `alt` for an image; or be declared
 * decoration with `aria-hidden="true"` (an empty `alt=""` for an image).
 * That accessible name is what a screen reader says on the web and what
 * Chromium's tagged print writes as the PDF Figure's /Alt; without it the
 * chart is a silent picture in both.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { basename, extname, join } from 'node:path'
import { componentTagsInMarkdown } from './componentTags'

export interface MissingAlt {
  /** Absolute path of the component file. */
  file: string
  /** 1-based line of the opening tag. */
  line: number
  tag: 'svg' | 'img'
}

const OPENING = /<(svg|img)\b((?:[^>"']|"[^"]*"|'[^']*')*)>/g
/** A static (`name=`) or bound (`:name=`, `v-bind:name=`) attribute. */
const has = (attrs: string, name: string) => new RegExp(`(?:^|\\s)(?::|v-bind:)?${name}(?=[\\s=/>]|$)`).test(attrs)

/** `<svg>` and `<img>` tags of a component's `<template>` that have no alt text and are not declared decoration. */
export function imagesWithoutAlt(vue: string): Omit<MissingAlt, 'file'>[] {
  const start = vue.search(/^<template\b/m)
  if (start < 0)
    return []
  const end = vue.lastIndexOf('</template>')
  // Comments hold examples, not markup.
  const template = vue.slice(0, end < 0 ? undefined : end).replace(/<!--[\s\S]*?-->/g, c => c.replace(/[^\n]/g, ' '))
  const found: Omit<MissingAlt, 'file'>[] = []
  for (const m of template.matchAll(OPENING)) {
    if (m.index! < start)
      continue
    const tag = m[1] as 'svg' | 'img'
    const attrs = m[2]!
    const decoration = has(attrs, 'aria-hidden')
    const named = tag === 'img'
      ? has(attrs, 'alt')
      : has(attrs, 'role') && (has(attrs, 'aria-label') || has(attrs, 'aria-labelledby'))
    if (!decoration && !named)
      found.push({ tag, line: template.slice(0, m.index).split('\n').length })
  }
  return found
}

/** The deck's own components by name (`components/Foo.vue` and `components/Foo/index.vue` → `Foo`). */
export function localComponents(userRoot: string): Map<string, string> {
  const dir = join(userRoot, 'components')
  const map = new Map<string, string>()
  if (!existsSync(dir))
    return map
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    if (!name.endsWith('.vue'))
      continue
    const stem = basename(name, extname(name))
    map.set(stem === 'index' ? basename(join(dir, name, '..')) : stem, join(dir, name))
  }
  return map
}

/**
 * Every image without alt text that the component `name` draws, its own and
 * those of the deck's components it uses in its template (a chart that draws
 * through a shared bar chart is checked through it).
 */
export function missingAltIn(name: string, components: Map<string, string>, seen = new Set<string>()): MissingAlt[] {
  const file = components.get(name)
  if (!file || seen.has(name))
    return []
  seen.add(name)
  const text = readFileSync(file, 'utf8')
  const own = imagesWithoutAlt(text).map(m => ({ ...m, file }))
  const start = text.split('\n').findIndex(l => /^<template\b/.test(l))
  const used = start < 0 ? [] : componentTagsInMarkdown(text, start + 1).map(t => t.tag)
  return [...own, ...[...new Set(used)].flatMap(tag => missingAltIn(tag, components, seen))]
}
