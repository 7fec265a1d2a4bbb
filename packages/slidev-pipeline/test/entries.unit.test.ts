/**
 * The package's two public entries, as a user imports them: the root entry is for a
 * deck's deck.config.ts and its components, which Vite bundles for the browser, so
 * nothing it loads may import Node (or the pipeline); `slidev-pipeline/testing` is
 * for a deck's tests, in Node.
 */
import { readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { packageDir } from './helpers/paths'

const exported = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).exports as Record<string, { import: string }>

/** Every module `file` loads, its own (relative) and others' (bare names), following its own. */
function importsOf(file: string, seen = new Set<string>(), bare = new Set<string>()) {
  if (seen.has(file))
    return { seen, bare }
  seen.add(file)
  for (const [, spec] of readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|^import\s+['"]([^'"]+)['"]/gm)) {
    if (spec!.startsWith('.'))
      importsOf(resolve(dirname(file), spec!), seen, bare)
    else
      bare.add(spec!)
  }
  return { seen, bare }
}

describe('the package\'s entries', () => {
  it('are the root and ./testing, nothing else', () => {
    expect(Object.keys(exported)).toEqual(['.', './testing', './package.json'])
  })

  it('the root entry loads no Node module and none of the pipeline', () => {
    const { seen, bare } = importsOf(join(packageDir, exported['.']!.import))
    const node = [...bare].filter(spec => spec.startsWith('node:') || builtinModules.includes(spec))
    expect(node).toEqual([])
    expect([...bare]).toEqual(['uqr'])
    expect(Array.from(seen, f => f.slice(join(packageDir, 'dist').length + 1)).sort()).toEqual(['config.js', 'index.js', 'support/qrSvg.js', 'support/speaker.js'])
  })

  // Loading ./testing loads the pipeline's modules: seconds on a busy machine.
  it('gives a deck\'s components and tests what they use', { timeout: 60_000 }, async () => {
    const root = await import(join(packageDir, exported['.']!.import))
    expect(Object.keys(root).sort()).toEqual(['PLACEHOLDER_AUTHOR', 'defineConfig', 'qrAlt', 'qrSvg', 'speakerOf'])
    const testing = await import(join(packageDir, exported['./testing']!.import))
    for (const name of ['runPipeline', 'inspectDeck', 'loadDeck', 'launchChromium', 'serveDeck', 'overflowOf', 'typeScaleOf'])
      expect(typeof testing[name], name).toBe('function')
  })
})
