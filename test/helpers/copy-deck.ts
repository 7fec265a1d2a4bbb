/**
 * A copy of the deck's sources for tests that run the real npm scripts in it
 * (bad input, odd paths). Every folder the deck is made from, so the copy has
 * no problem of its own besides the one a test puts in.
 */
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readlinkSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { root } from './root'

const DECK_FILES = ['slides.md', 'pages', 'components', 'layouts', 'data', 'snippets', 'public', 'styles', 'setup', 'narration', 'packages', 'vite.config.ts', 'deck.config.ts', 'package.json', 'package-lock.json', '.npmrc']

/** Copies the deck's sources (no node_modules, no build cache) into `dir`. */
export function copyDeckSources(dir: string) {
  for (const entry of DECK_FILES.filter(e => existsSync(join(root, e))))
    cpSync(join(root, entry), join(dir, entry), { recursive: true, filter: src => !src.includes('/.slidev') })
}

/**
 * The deck where a user keeps it: a copy under `work` in "my talk/azure linux"
 * (a path with a space), its packages each linked but no Vite or build cache
 * (a fresh checkout's state), reached through the symlink `work/talk-link`.
 */
export function copyDeckAsUser(work: string): { deck: string, link: string } {
  const deck = join(work, 'my talk', 'azure linux')
  mkdirSync(deck, { recursive: true })
  copyDeckSources(deck)
  mkdirSync(join(deck, 'node_modules'))
  for (const name of readdirSync(join(root, 'node_modules')).filter(n => n !== '.vite' && n !== '.cache')) {
    const installed = join(root, 'node_modules', name)
    // A workspace package (npm's relative link to ../packages/…) links to the copy's own, as
    // `npm ci` links it in a checkout: the deck's components import the toolkit, and the build
    // cache keys what they read by its path from the deck.
    const link = lstatSync(installed).isSymbolicLink() ? readlinkSync(installed) : ''
    symlinkSync(link.startsWith('../packages/') ? link : installed, join(deck, 'node_modules', name))
  }
  const link = join(work, 'talk-link')
  symlinkSync(deck, link)
  return { deck, link }
}
