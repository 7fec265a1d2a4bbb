/**
 * The boundary between the talk and its toolkit: outside packages/, the lint
 * refuses a path into a package's src/ (eslint.config.js), so the talk reaches the
 * toolkit only by its name. Run through ESLint's own API on snippets, as `npm run lint` runs it.
 */
import { join } from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'
import { root } from './helpers/root'

const eslint = new ESLint({ cwd: root })

/** The boundary's messages for `code` written in `file` (relative to the root): line and rule. */
async function refused(file: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) })
  return result!.messages
    .filter(m => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
    .map(m => `${m.line}: ${m.ruleId}`)
}

describe('the toolkit\'s boundary', { timeout: 60_000 }, () => {
  it('refuses a path into packages/*/src from the talk: import, type import, import() in code and in types', async () => {
    const code = [
      'import type { Deck } from \'../packages/slidev-pipeline/src/support/deck\'',
      'import { runPipeline } from \'../packages/slidev-pipeline/src/pipeline.ts\'',
      '',
      'export type D = import(\'../packages/slidev-pipeline/src/support/deck\').Deck | Deck',
      'export const later = () => import(\'../packages/other/src\')',
      'export const run = runPipeline',
      '',
    ].join('\n')
    expect(await refused('test/snippet.ts', code)).toEqual(['1: no-restricted-imports', '2: no-restricted-imports', '4: no-restricted-syntax', '5: no-restricted-syntax'])
    expect(await refused('components/Snippet.vue', `<script setup lang="ts">\nimport { qrSvg } from '../packages/slidev-pipeline/src/support/qrSvg'\n\nconst svg = qrSvg('x')\n</script>\n\n<template>\n  <div v-html="svg" />\n</template>\n`)).toEqual(['2: no-restricted-imports'])
  })

  it('lets the talk import the package by name, and the package its own src/', async () => {
    const byName = 'import { defineConfig } from \'slidev-pipeline\'\nimport { loadDeck } from \'slidev-pipeline/testing\'\n\nexport const x = [defineConfig, loadDeck]\n'
    expect(await refused('deck.config.ts', byName)).toEqual([])
    const own = 'import { runPipeline } from \'../src/pipeline\'\n\nexport const run = runPipeline\n'
    expect(await refused('packages/slidev-pipeline/test/snippet.test.ts', own)).toEqual([])
  })
})
