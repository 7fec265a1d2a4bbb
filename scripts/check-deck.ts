/**
 * `npm run check`: the deck check alone (frontmatter, layouts, components,
 * snippets, images, sources, data, talk length), each problem with its file
 * and line; warnings (a slide without notes) are printed and do not fail.
 *
 *   tsx scripts/check-deck.ts [slides.md]
 */
import { print, runCommand } from './lib/command'
import { DeckCheckError, inspectDeck, printWarnings } from './lib/deck-check'

await runCommand(async () => {
  const { problems, warnings, stale, placeholders } = await inspectDeck(process.argv[2])
  printWarnings(warnings, { stale, placeholders })
  if (problems.length)
    throw new DeckCheckError(problems)
  print('deck check: no problems')
})
