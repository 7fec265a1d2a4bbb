import type { DeckData, Source } from './schema'
/**
 * Checks the figures and the source registry. Used by vite.config.ts (so a bad
 * entry stops `slidev build` / `slidev export`) and by the tests.
 */
import { z } from 'zod'
import { deckDataSchema, SOURCE_KEY, sourceRegistrySchema } from './schema.ts'

export class DeckDataError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid deck data:\n${problems.map(p => `  - ${p}`).join('\n')}`)
    this.name = 'DeckDataError'
  }
}

/** Renders a zod issue path as `imagePackages[2] ("Ubuntu 22.04").packages`. */
function describePath(file: string, path: PropertyKey[], root: unknown): string {
  let text = ''
  let node: any = root
  for (const key of path) {
    text += typeof key === 'number' ? `[${key}]` : (text ? `.${String(key)}` : String(key))
    node = node?.[key as any]
    const name = node && typeof node === 'object' && !Array.isArray(node) ? (node.os ?? node.feature ?? node.label ?? node.title) : undefined
    if (typeof key === 'number' && typeof name === 'string')
      text += ` ("${name}")`
  }
  return `${file}: ${text}`
}

function issuesOf(file: string, error: z.ZodError, root: unknown): string[] {
  return error.issues.map(issue => `${describePath(file, issue.path, root)}: ${issue.message}`)
}

/** True for the fields the schema marks as naming a source (see SOURCE_KEY in schema.ts). */
function namesSource(schema: z.ZodType): boolean {
  return !!(z.globalRegistry.get(schema) as Record<string, unknown> | undefined)?.[SOURCE_KEY]
}

/**
 * Every source key in `value`, found by walking `schema` beside it: a new
 * figure with a `source` field is covered without touching this file.
 */
function sourceKeysIn(schema: z.ZodType, value: unknown, where: string, out: { key: string, where: string }[]): void {
  if (value === undefined || value === null)
    return
  const def = (schema as any).def
  if (namesSource(schema)) {
    out.push({ key: String(value), where })
    return
  }
  const label = (v: any) => (v && typeof v === 'object' ? (v.os ?? v.feature ?? v.label ?? v.title) : undefined)
  const at = (i: number, v: unknown) => `${where}[${i}]${typeof label(v) === 'string' ? ` ("${label(v)}")` : ''}`
  switch (def.type) {
    case 'optional':
    case 'nullable':
      return sourceKeysIn(def.innerType, value, where, out)
    case 'object':
      for (const [field, sub] of Object.entries(def.shape as Record<string, z.ZodType>))
        sourceKeysIn(sub, (value as any)[field], where ? `${where}.${field}` : field, out)
      return
    case 'array':
      if (Array.isArray(value))
        value.forEach((v, i) => sourceKeysIn(def.element, v, at(i, v), out))
      return
    case 'tuple':
      if (Array.isArray(value))
        (def.items as z.ZodType[]).forEach((sub, i) => sourceKeysIn(sub, value[i], at(i, value[i]), out))
  }
}

/** Every source key used by the figures, with where it is used. */
export function sourceKeysOf(data: DeckData): { key: string, where: string }[] {
  const out: { key: string, where: string }[] = []
  sourceKeysIn(deckDataSchema, data, '', out)
  return out
}

/**
 * Returns the checked data or throws a DeckDataError listing every problem,
 * each naming the file, the entry and the field.
 */
export function validateDeckData<S extends Record<string, Source>>(
  figures: unknown,
  sources: S,
  files = { figures: 'data/figures.ts', sources: 'data/sources.ts' },
): { figures: DeckData, sources: Record<keyof S, Source> } {
  const problems: string[] = []
  const s = sourceRegistrySchema.safeParse(sources)
  if (!s.success)
    problems.push(...issuesOf(files.sources, s.error, sources))
  const f = deckDataSchema.safeParse(figures)
  if (!f.success)
    problems.push(...issuesOf(files.figures, f.error, figures))
  if (f.success && sources && typeof sources === 'object') {
    for (const { key, where } of sourceKeysOf(f.data)) {
      if (!(key in sources))
        problems.push(`${files.figures}: ${where}: unknown source key "${key}" (not in ${files.sources})`)
    }
  }
  if (problems.length)
    throw new DeckDataError(problems)
  // The registry keeps its own key type (SourceKey); its values were checked above.
  return { figures: f.data!, sources }
}
