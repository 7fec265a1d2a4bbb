/**
 * The pure halves of the fonts check and of naming a stylesheet's 404 (issue 33,
 * items 5 and 8): which families a deck names as installed fonts, which of a
 * build's modules are stylesheets, and which line of them asked for a missing file.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { installedFontsOf } from '../src/capture/checks/fonts'
import { stylesheetAsking, stylesheetsAmong } from '../src/capture/checks/stylesheets'

describe('installedFontsOf', () => {
  it('takes the headmatter\'s fonts as installed only with provider: none, and fonts.local always', () => {
    expect(installedFontsOf({})).toEqual([])
    expect(installedFontsOf({ fonts: { sans: 'Inter' } })).toEqual([])
    expect(installedFontsOf({ fonts: { sans: 'Inter', local: 'Avenir Next' } })).toEqual(['avenir next'])
    expect(installedFontsOf({ fonts: { sans: 'Inter, \'Helvetica Neue\'', mono: ['Fira Code'], provider: 'none' } })).toEqual(['inter', 'helvetica neue', 'fira code'])
  })
})

describe('the stylesheet that asked for a missing file', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'stylesheets-'))
    mkdirSync(join(dir, 'theme', 'styles'), { recursive: true })
    mkdirSync(join(dir, 'theme', 'layouts'), { recursive: true })
    writeFileSync(join(dir, 'theme', 'styles', 'fonts.css'), '/* fonts.css for the theme */\n@font-face {\n  font-family: X;\n  src: url("./fonts/x%20bold.woff2");\n}\n')
    writeFileSync(join(dir, 'theme', 'layouts', 'cover.vue'), '<template><div /></template>\n<style>\n.cover { background: url(/cover.png) }\n</style>\n')
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('keeps the stylesheets among a build\'s modules: CSS files and the style blocks of .vue files', () => {
    const modules = [
      join(dir, 'theme', 'styles', 'fonts.css'),
      join(dir, 'theme', 'layouts', 'cover.vue'),
      `${join(dir, 'theme', 'layouts', 'cover.vue')}?vue&type=style&index=0&lang.css`,
      '\0virtual:slidev/styles',
      join(dir, 'gone.css'),
    ]
    expect(stylesheetsAmong(modules)).toEqual([join(dir, 'theme', 'styles', 'fonts.css'), join(dir, 'theme', 'layouts', 'cover.vue')])
  })

  it('names the first line that asks for the file, relative to the working directory', () => {
    const sheets = [join(dir, 'theme', 'styles', 'fonts.css'), join(dir, 'theme', 'layouts', 'cover.vue')]
    expect(stylesheetAsking('/assets/fonts/x%20bold.woff2', sheets, dir)).toBe('theme/styles/fonts.css:4')
    expect(stylesheetAsking('/cover.png', sheets, dir)).toBe('theme/layouts/cover.vue:3')
    expect(stylesheetAsking('/other.png', sheets, dir)).toBeUndefined()
  })
})

describe('web fonts Slidev asks for, offline', () => {
  it('are one line however many font sets Slidev asks Google Fonts for', async () => {
    const { GateRunner } = await import('../src/capture/gate/runner')
    const { reportGate } = await import('../src/capture/gate/report')
    const handlers: Record<string, ((x: unknown) => void)[]> = {}
    const page = { on: (event: string, fn: (x: unknown) => void) => (handlers[event] ??= []).push(fn) }
    const runner = new GateRunner()
    runner.watchPage(page as any)
    for (const family of ['Fira+Sans:ital,wght@0,400', 'Fira+Sans:wght@400', 'Inter:wght@400'])
      handlers.requestfailed!.forEach(fn => fn({ url: () => `https://fonts.googleapis.com/css2?family=${family}&display=swap`, failure: () => ({ errorText: 'net::ERR_PROXY_CONNECTION_FAILED' }) }))
    const { warnings } = reportGate({ problems: runner.problems, slides: [], cwd: '/' })
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/^slidev default: request to https:\/\/fonts\.googleapis\.com\/css2 blocked: Slidev loads web fonts/)
  })
})
