/**
 * Finds and loads a deck's `deck.config.ts` (its types and `defineConfig`: src/config.ts).
 */
import type { DeckConfig } from '../config.ts'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'

export type { CheckOutcome, DeckConfig, HandoutExtras, PageCheck, PageSlide, StaticCheck, StaticDeck } from '../config.ts'

export const CONFIG_FILES = ['deck.config.ts', 'deck.config.mts', 'deck.config.js', 'deck.config.mjs']

/** The config file beside `entry`, if any. */
export function deckConfigFile(entry: string): string | undefined {
  return CONFIG_FILES.map(name => join(dirname(entry), name)).find(existsSync)
}

/** The deck's config (empty when it has none); a config that fails to load stops with its file named. */
export async function loadDeckConfig(entry: string): Promise<DeckConfig> {
  const file = deckConfigFile(entry)
  if (!file)
    return {}
  try {
    // jiti, as Slidev itself loads a deck's TypeScript setups (setup/*.ts) and the pipeline's
    // build loads setup/preparser.ts: the toolkit runs as plain JavaScript (dist/), and a
    // deck's config is TypeScript that imports the deck's own files. No module cache, so a
    // config edited between two calls in one process is read again.
    const { createJiti } = await import('jiti')
    const jiti = createJiti(import.meta.url, { moduleCache: false })
    const loaded = await jiti.import<DeckConfig | undefined>(file, { default: true })
    return loaded ?? {}
  }
  catch (error) {
    throw new Error(`${file}: cannot be loaded: ${(error as Error).message}`)
  }
}
