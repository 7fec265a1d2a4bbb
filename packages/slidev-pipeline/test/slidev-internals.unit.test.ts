/**
 * What the pipeline takes from Slidev without an API (packages/slidev-pipeline/src/build/slidev-internals.ts),
 * found again in the installed Slidev's own sources. A Slidev upgrade that moves one
 * fails here, naming it, before an export prints an empty PDF.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BUILD_DEFINES, BUILTIN_COMPONENTS, clientRoot, cliRoot, COMPONENT_EXTENSIONS, LAYOUTS, MONACO_CONTAINER, packageCandidates, parsePrintContainerId, PRINT_CONTAINER, PRINT_FEATURE_FLAG, PRINT_ROUTE, printContainerId, SLIDE_LOADING, slidevBin, slidevBuildChunk, slidevBuildRunner } from '../src/build/slidev-internals'

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
