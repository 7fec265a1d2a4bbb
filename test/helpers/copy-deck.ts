/**
 * A copy of the deck's sources for tests that run the real npm scripts in it
 * (bad input, odd paths). Every folder the deck is made from, so the copy has
 * no problem of its own besides the one a test puts in.
 */
import { cpSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { root } from './root'

const DECK_FILES = ['slides.md', 'pages', 'components', 'layouts', 'data', 'snippets', 'public', 'styles', 'setup', 'narration', 'packages', 'vite.config.ts', 'deck.config.ts', 'package.json', 'package-lock.json', '.npmrc']

/** Copies the deck's sources (no node_modules, no build cache) into `dir`. */
export function copyDeckSources(dir: string) {
  for (const entry of DECK_FILES.filter(e => existsSync(join(root, e))))
    cpSync(join(root, entry), join(dir, entry), { recursive: true, filter: src => !src.includes('/.slidev') })
}
