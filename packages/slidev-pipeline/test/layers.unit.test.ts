/**
 * The toolkit's imports run one way (issue 32, "Layout that shows it"): from
 * the CLI and the public API down to the commands, the pipeline, the stages,
 * Slidev's internals and support; none back up. Support imports no stage, a
 * stage imports no command or pipeline, and only the pipeline's callers import
 * the pipeline. Read from src/ as text: every relative `import … from`,
 * `export … from` and `import(…)`, type-only ones included (a type names the
 * layer it comes from as much as a value does).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { packageDir } from './helpers/paths'

const src = join(packageDir, 'src')

/**
 * Each layer and what is in it (a path under src/: a file, or a folder ending
 * in /), top first. A file imports its own layer or one below it. A file in no
 * layer fails the test: a new folder is given its place here.
 */
const LAYERS: { name: string, holds: string[] }[] = [
  { name: 'entry points', holds: ['cli.ts', 'index.ts', 'testing.ts'] },
  { name: 'commands', holds: ['commands/', 'bench/'] },
  // present/: what `present` serves (Slidev's dev server and the recorder), beside the pipeline the export commands run.
  { name: 'pipeline', holds: ['pipeline.ts', 'present/'] },
  // config.ts: the types a deck's config is written in, which the stages take their options from.
  { name: 'stages', holds: ['config.ts', 'check/', 'build/', 'capture/', 'outputs/'] },
  { name: 'Slidev\'s internals', holds: ['slidev/'] },
  { name: 'support', holds: ['support/'] },
]

/** The layer's index of a path under src/ (0 = top), or -1 when no layer holds it. */
function layerOf(file: string, layers = LAYERS): number {
  return layers.findIndex(l => l.holds.some(h => h.endsWith('/') ? file.startsWith(h) : file === h))
}

const IMPORT = /(?:^|[\s;])(?:import|export)\s(?:type\s)?[^'";]*?\sfrom\s+['"](\.{1,2}\/[^'"]+)['"]|\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)|^import\s+['"](\.{1,2}\/[^'"]+)['"]/gm

/** The relative imports of one file's text, as paths under src/. */
function importsOf(file: string, text: string): string[] {
  // Comments name files too (`see ../x.ts`): left out, so only code counts.
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')
  return Array.from(code.matchAll(IMPORT), m => relative(src, resolve(dirname(join(src, file)), (m[1] ?? m[2] ?? m[3])!)))
}

/** Every import that goes up a layer, as `from (layer) -> to (layer)`, and the files in no layer. */
function backUp(graph: Map<string, string[]>, layers = LAYERS) {
  const unplaced = [...graph.keys()].filter(f => layerOf(f, layers) < 0)
  const up = [...graph].flatMap(([from, tos]) => tos
    .filter(to => layerOf(to, layers) < layerOf(from, layers))
    .map(to => `${from} (${layers[layerOf(from, layers)]!.name}) -> ${to} (${layers[layerOf(to, layers)]?.name ?? 'no layer'})`))
  return { up, unplaced }
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(e => e.isDirectory()
    ? sourceFiles(join(dir, e.name))
    : /\.(?:ts|mjs)$/.test(e.name) ? [relative(src, join(dir, e.name))] : [])
}

const graph = new Map(sourceFiles(src).map(f => [f, importsOf(f, readFileSync(join(src, f), 'utf8'))]))

describe('the layers of src/', () => {
  it('reads the import graph (not an empty one that passes by itself)', () => {
    const edges = [...graph.values()].flat()
    expect(edges.length).toBeGreaterThan(150)
    expect(graph.get('cli.ts')).toContain('commands/export.ts')
    // A dynamic import and a type-only one are read too.
    expect(graph.get('commands/export.ts')).toContain('pipeline.ts')
    expect(graph.get('pipeline.ts')).toContain('capture/browser.ts')
    // Every import names a file that exists.
    expect(edges.filter(to => !graph.has(to))).toEqual([])
  })

  it('places every file in a layer', () => {
    expect(backUp(graph).unplaced).toEqual([])
  })

  it('has no import back up: support imports no stage, a stage no command or pipeline', () => {
    expect(backUp(graph).up).toEqual([])
  })

  it('would name an import back up', () => {
    const planted = new Map([['support/paths.ts', ['capture/capture.ts']], ['capture/capture.ts', ['support/paths.ts', 'slidev/internals.ts']], ['slidev/internals.ts', []]])
    expect(backUp(planted).up).toEqual(['support/paths.ts (support) -> capture/capture.ts (stages)'])
    expect(backUp(new Map([['somewhere/x.ts', []]])).unplaced).toEqual(['somewhere/x.ts'])
    expect(importsOf('support/x.ts', 'import type { Deck } from \'../pipeline.ts\'\nconst m = await import(\'../cli.ts\')')).toEqual(['pipeline.ts', 'cli.ts'])
  })
})
