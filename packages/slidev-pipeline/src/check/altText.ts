/**
 * Charts and pictures without alt text, found in the deck's own components
 * before anything is built. An `<svg>` or `<img>` in a component template
 * must say what it shows: `role="img"` with an `aria-label` (or
 * `aria-labelledby`) for an SVG, `alt` for an image; or be declared
 * decoration with `aria-hidden="true"` or `role="presentation"` (an empty
 * `alt=""` for an image), which a screen reader skips and the tagged PDF
 * marks as an artifact. The same holds for an image written in a slide.
 * That accessible name is what a screen reader says on the web and what
 * Chromium's tagged print writes as the PDF Figure's /Alt; without it the
 * chart is a silent picture in both.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { basename, extname, join } from 'node:path'
import { componentTagsInMarkdown } from './componentTags.ts'

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

/** Declared decoration: `aria-hidden="true"` (static or bound), or `role="presentation"` / `role="none"`. */
const decoration = (attrs: string) => has(attrs, 'aria-hidden') || /(?:^|\s)role=["'](?:presentation|none)["']/.test(attrs)

/**
 * `<svg>` and `<img>` tags in `markup` from character `from` on that have no
 * alt text and are not declared decoration, with their 1-based lines. HTML
 * comments are skipped (examples, and a slide's speaker notes).
 */
export function missingAltInMarkup(markup: string, from = 0): Omit<MissingAlt, 'file'>[] {
  const text = markup.replace(/<!--[\s\S]*?-->/g, c => c.replace(/[^\n]/g, ' '))
  const found: Omit<MissingAlt, 'file'>[] = []
  for (const m of text.matchAll(OPENING)) {
    if (m.index! < from)
      continue
    const tag = m[1] as 'svg' | 'img'
    const attrs = m[2]!
    const named = tag === 'img'
      ? has(attrs, 'alt')
      : has(attrs, 'role') && (has(attrs, 'aria-label') || has(attrs, 'aria-labelledby'))
    if (!decoration(attrs) && !named)
      found.push({ tag, line: text.slice(0, m.index).split('\n').length })
  }
  return found
}

/** `<svg>` and `<img>` tags of a component's `<template>` that have no alt text and are not declared decoration. */
export function imagesWithoutAlt(vue: string): Omit<MissingAlt, 'file'>[] {
  const start = vue.search(/^<template\b/m)
  if (start < 0)
    return []
  const end = vue.lastIndexOf('</template>')
  return missingAltInMarkup(vue.slice(0, end < 0 ? undefined : end), start)
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
