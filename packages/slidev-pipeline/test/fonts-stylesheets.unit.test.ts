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
