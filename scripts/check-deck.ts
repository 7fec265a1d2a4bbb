/**
 * `npm run check`: the deck check alone (frontmatter, layouts, snippets,
 * images, sources, data, talk length), each problem with its file and line.
 *
 *   tsx scripts/check-deck.ts [slides.md]
 */
import { print, runCommand } from './lib/command'
import { checkDeck } from './lib/deck-check'

await runCommand(async () => {
  await checkDeck(process.argv[2])
  print('deck check: no problems')
})
