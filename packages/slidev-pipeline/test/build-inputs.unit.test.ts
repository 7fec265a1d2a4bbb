/**
 * The build's manifest (src/build/inputs.ts) on a made-up record, no build:
 * what counts as an input, what a folder's listing notices, and that an edit
 * during the build keeps that build from being reused.
 */
import type { BuildRecord } from '../src/build/inputs'
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { changedInput, manifestOf, packageRoot } from '../src/build/inputs'

let work: string
let deck: string
let out: string
function write(path: string, text: string) {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, text)
}

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'build-inputs-'))
  deck = join(work, 'deck')
  out = join(deck, '.slidev', 'builds', '.tmp')
  write(join(deck, 'slides.md'), '# One')
  write(join(deck, 'my-theme', 'layouts', 'cover.vue'), '<template>one</template>')
  write(join(deck, 'setup', 'shiki.ts'), 'export default {}')
  write(join(deck, 'public', 'note.txt'), 'one')
  write(join(deck, 'node_modules', '@slidev', 'client', 'package.json'), '{"name":"@slidev/client","version":"1.0.0"}')
  write(join(deck, 'node_modules', '@slidev', 'client', 'main.ts'), '')
  write(join(work, 'jiti', 'setup-shiki.mjs'), 'cache')
  write(join(out, 'index.html'), '')
})
afterEach(() => rmSync(work, { recursive: true, force: true }))

function record(extra: Partial<BuildRecord> = {}): BuildRecord {
  return {
    files: [join(deck, 'slides.md'), join(deck, 'my-theme', 'layouts', 'cover.vue?vue&type=style'), join(deck, 'node_modules', '@slidev', 'client', 'main.ts'), '\0virtual:slidev', '/@slidev/configs'],
    read: [join(deck, 'setup', 'shiki.ts'), join(work, 'jiti', 'setup-shiki.mjs'), join(out, 'index.html')],
    publicDirs: [join(deck, 'public')],
    roots: [join(deck, 'my-theme'), deck],
    packages: [],
    dependenciesOf: [],
    ...extra,
  }
}
const manifest = (r = record(), startedAt = Date.now() + 60_000) => manifestOf(r, { deckDir: deck, outDir: out, settings: 's', startedAt })

describe('the build manifest', () => {
  it('holds the files read in the roots, the packages the bundle used, and no virtual module, cache or output', () => {
    const { manifest: m, dirty } = manifest()
    expect(dirty).toEqual([])
    expect(Object.keys(m.files).sort()).toEqual(['my-theme/layouts/cover.vue', 'public/note.txt', 'setup/shiki.ts', 'slides.md'])
    expect(Object.keys(m.packages)).toEqual(['node_modules/@slidev/client'])
    expect(Object.keys(m.dirs).sort()).toEqual(['.', 'my-theme', 'my-theme/layouts', 'public', 'setup'])
    expect(changedInput(m, deck)).toBeUndefined()
  })

  it('notices an edited file, a new file beside the deck\'s, and another version of a package', () => {
    const { manifest: m } = manifest()
    write(join(deck, 'my-theme', 'layouts', 'cover.vue'), '<template>two</template>')
    expect(changedInput(m, deck)).toBe('my-theme/layouts/cover.vue')
    write(join(deck, 'my-theme', 'layouts', 'cover.vue'), '<template>one</template>')
    write(join(deck, 'style.css'), 'p { color: red }')
    expect(changedInput(m, deck)).toBe('./')
    rmSync(join(deck, 'style.css'))
    write(join(deck, 'node_modules', '@slidev', 'client', 'package.json'), '{"name":"@slidev/client","version":"1.0.1"}')
    expect(changedInput(m, deck)).toBe('node_modules/@slidev/client/package.json')
  })

  it('does not notice the toolkit\'s own folders appearing beside the deck', () => {
    const { manifest: m } = manifest()
    write(join(deck, 'exports', 'deck.pdf'), '')
    write(join(deck, 'dist', 'index.html'), '')
    write(join(deck, '.git', 'HEAD'), '')
    expect(changedInput(m, deck)).toBeUndefined()
  })

  it('marks a build whose inputs changed while it ran', () => {
    const past = new Date(Date.now() - 60_000)
    for (const file of ['slides.md', 'my-theme/layouts/cover.vue', 'setup/shiki.ts', 'public/note.txt'])
      utimesSync(join(deck, file), past, past)
    const startedAt = Date.now() - 1000
    expect(manifest(record(), startedAt).dirty).toEqual([])
    write(join(deck, 'slides.md'), '# Two')
    expect(manifest(record(), startedAt).dirty).toEqual([join(deck, 'slides.md')])
  })

  it('knows a package by its folder in node_modules, scoped or not', () => {
    expect(packageRoot('/a/node_modules/@slidev/client/dist/x.js')).toBe('/a/node_modules/@slidev/client')
    expect(packageRoot('/a/node_modules/vue/dist/vue.js')).toBe('/a/node_modules/vue')
    expect(packageRoot('/a/node_modules/x/node_modules/y/index.js')).toBe('/a/node_modules/x/node_modules/y')
  })
})
