/**
 * What the pipeline takes from Slidev without an API (packages/slidev-pipeline/src/slidev/internals.ts),
 * found again in the installed Slidev's own sources. A Slidev upgrade that moves one
 * fails here, naming it, before an export prints an empty PDF.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { assertDrivableSlidev, BUILD_DEFINES, BUILTIN_COMPONENTS, clientRoot, cliRoot, COMPONENT_EXTENSIONS, installedSlidev, INTERNALS, LAYOUTS, MONACO_CONTAINER, movedInternals, packageCandidates, parsePrintContainerId, PRINT_CONTAINER, PRINT_FEATURE_FLAG, PRINT_ROUTE, printContainerId, SLIDE_LOADING, slidevBin, slidevBuildChunk, slidevBuildRunner, UnsupportedSlidevError } from '../src/slidev/internals'

const client = (path: string) => readFileSync(join(clientRoot, path), 'utf8')
function cliDist(pattern: RegExp) {
  const dir = join(cliRoot, 'dist')
  return readFileSync(join(dir, 'cli.mjs'), 'utf8') + readFileSync(slidevBuildChunk(), 'utf8')
    + readdirSync(dir).filter(f => /^(?:serve|resolver)-.*\.mjs$/.test(f)).map(f => readFileSync(join(dir, f), 'utf8')).join('\n').match(pattern)
}

describe('slidev internals the pipeline relies on', () => {
  it('the print route is compiled in behind __SLIDEV_FEATURE_PRINT__, at /print', () => {
    const routes = client('setup/routes.ts')
    expect(routes).toMatch(new RegExp(`if \\(${PRINT_FEATURE_FLAG}\\) \\{[\\s\\S]{0,200}path: '/${PRINT_ROUTE}'`))
    expect(client('composables/useNav.ts')).toMatch(/query\.value\.get\('print'\) === 'clicks'/)
    expect(BUILD_DEFINES[PRINT_FEATURE_FLAG]).toBe('true')
    // Slidev's CLI sets the flag itself (getDefine): the pipeline's plugin runs after it to win.
    expect(cliDist(new RegExp(`${PRINT_FEATURE_FLAG}: options\\.mode === "export"`))).not.toBeNull()
  })

  it('print containers are .print-slide-container with ids NNN-CC (click step + 1)', () => {
    const vue = client('internals/PrintSlideClick.vue')
    expect(vue).toContain(`class="${PRINT_CONTAINER.slice(1)}"`)
    expect(vue).toMatch(/route\.value\.no\.toString\(\)\.padStart\(3, '0'\)\}-\$\{\(nav\.clicks\.value \+ 1\)\.toString\(\)\.padStart\(2, '0'\)/)
    expect(printContainerId(7, 0)).toBe('007-01')
    expect(parsePrintContainerId('012-03')).toEqual({ no: 12, clicks: 2 })
    expect(() => parsePrintContainerId('slide-1')).toThrow(/NNN-CC/)
    expect(client('internals/SlideLoading.vue')).toContain(SLIDE_LOADING.slice(1))
  })

  it('a {monaco} block\'s editor is inside .slidev-monaco-container', () => {
    expect(client('builtin/Monaco.vue')).toMatch(new RegExp(`<div class="[^"]*\\b${MONACO_CONTAINER.slice(1)}\\b[^"]*">[\\s\\S]*ref="container"`))
  })

  it('the CLI builds through a chunk exporting build(options, viteConfig, args), which the runner calls', () => {
    expect(existsSync(slidevBin)).toBe(true)
    expect(existsSync(slidevBuildRunner)).toBe(true)
    const chunk = readFileSync(slidevBuildChunk(), 'utf8')
    expect(chunk).toMatch(/async function build\(options, viteConfig = \{\}, args\)/)
    expect(chunk).toMatch(/export \{ build \}/)
    expect(cliDist(/const \{ build \} = await import\("\.\/build-/)).not.toBeNull()
    // The runner also calls the CLI's preparser setup (setupPreparser) and resolveOptions from the public API.
    expect(cliDist(/injectPreparserExtensionLoader\(async \(roots, headmatter, filepath, mode\)/)).not.toBeNull()
    expect(cliDist(/loadSetups\(roots, "preparser\.ts"/)).not.toBeNull()
  })

  it('components come from builtin/ and each root\'s components/, layouts from layouts/, themes by Slidev\'s names', () => {
    expect(existsSync(join(clientRoot, BUILTIN_COMPONENTS, 'Toc.vue'))).toBe(true)
    expect(existsSync(join(clientRoot, LAYOUTS, 'default.vue'))).toBe(true)
    expect(cliDist(/dirs: \[join\(clientRoot, "builtin"\), \.\.\.roots\.map\(\(i\) => join\(i, "components"\)\)\]/)).not.toBeNull()
    expect(cliDist(new RegExp(`extensions: \\[\\s*${COMPONENT_EXTENSIONS.map(e => `"${e}"`).join(',\\s*')}\\s*\\]`))).not.toBeNull()
    expect(cliDist(/possiblePkgNames\.unshift\(`@slidev\/\$\{type\}-\$\{name\}`, `slidev-\$\{type\}-\$\{name\}`\)/)).not.toBeNull()
    expect(packageCandidates('theme', 'seriph')).toEqual(['@slidev/theme-seriph', 'slidev-theme-seriph', 'seriph'])
    expect(packageCandidates('addon', '@me/x')).toEqual(['@me/x'])
  })
})

describe('the start-up check against the installed Slidev', () => {
  const work = mkdtempSync(join(tmpdir(), 'slidev-internals-'))
  afterAll(() => rmSync(work, { recursive: true, force: true }))

  /** A copy of the installed Slidev's files the check reads, as another version: `edit` changes one client file. */
  function fakeSlidev(name: string, version: string, edit?: { file: string, change: (text: string) => string }) {
    const modules = join(work, name, 'node_modules', '@slidev')
    const cli = join(modules, 'cli')
    const client = join(modules, 'client')
    mkdirSync(join(cli, 'dist'), { recursive: true })
    cpSync(join(cliRoot, 'dist'), join(cli, 'dist'), { recursive: true })
    writeFileSync(join(cli, 'package.json'), JSON.stringify({ name: '@slidev/cli', version }))
    const parser = dirname(createRequire(join(cliRoot, 'package.json')).resolve('@slidev/parser/package.json'))
    symlinkSync(parser, join(modules, 'parser'))
    for (const { where } of INTERNALS.filter(i => i.where.startsWith('client:'))) {
      const file = where.slice('client:'.length)
      mkdirSync(dirname(join(client, file)), { recursive: true })
      const text = readFileSync(join(clientRoot, file), 'utf8')
      writeFileSync(join(client, file), edit?.file === file ? edit.change(text) : text)
    }
    return { cliRoot: cli, clientRoot: client, version }
  }

  it('finds every internal in the installed Slidev', () => {
    expect(movedInternals()).toEqual([])
    expect(() => assertDrivableSlidev()).not.toThrow()
    expect(installedSlidev.version).toMatch(/^5[23]\./)
  })

  it('a Slidev whose print containers moved stops with one error naming its version and the part', () => {
    expect(movedInternals(fakeSlidev('same', '52.99.0'))).toEqual([])
    const moved = fakeSlidev('moved', '54.0.0', { file: 'internals/PrintSlideClick.vue', change: t => t.replaceAll('print-slide-container', 'slidev-print-page') })
    expect(() => assertDrivableSlidev(moved)).toThrow(UnsupportedSlidevError)
    expect(() => assertDrivableSlidev(moved)).toThrow(/cannot drive Slidev 54\.0\.0[\s\S]*this part has moved:\n {2}- the print containers \(\.print-slide-container\) \(@slidev\/client\/internals\/PrintSlideClick\.vue\)/)
  })
})
