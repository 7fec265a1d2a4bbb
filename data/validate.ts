/**
 * Checks the figures and the source registry. Used by vite.config.ts (so a bad
 * entry stops `slidev build` / `slidev export`) and by the tests.
 */
import type { z } from 'zod'
import { deckDataSchema, sourceRegistrySchema } from './schema'
import type { DeckData, Source } from './schema'

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

/** Every source key used by the figures, with where it is used. */
export function sourceKeysOf(data: DeckData): { key: string, where: string }[] {
  const out: { key: string, where: string }[] = []
  data.imagePackages.forEach((e, i) => out.push({ key: e.source, where: `imagePackages[${i}] ("${e.os}").source` }))
  data.packageClaims.forEach((e, i) => out.push({ key: e.source, where: `packageClaims[${i}].source` }))
  data.distroParts.forEach((e, i) => out.push({ key: e.source, where: `distroParts[${i}] ("${e.label}").source` }))
  out.push({ key: data.hostPackages.source, where: 'hostPackages.source' })
  data.securityMatrix.forEach((row, i) => row.cells.forEach((c, j) => {
    if (c.source)
      out.push({ key: c.source, where: `securityMatrix[${i}] ("${row.feature}").cells[${j}].source` })
  }))
  data.timeline.forEach((e, i) => out.push({ key: e.source, where: `timeline[${i}] ("${e.label}").source` }))
  return out
}

/**
 * Returns the checked data or throws a DeckDataError listing every problem,
 * each naming the file, the entry and the field.
 */
export function validateDeckData(
  figures: unknown,
  sources: unknown,
  files = { figures: 'data/figures.ts', sources: 'data/sources.ts' },
): { figures: DeckData, sources: Record<string, Source> } {
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
  return { figures: f.data!, sources: s.data! }
}
