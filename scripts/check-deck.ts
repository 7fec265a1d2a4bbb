/**
 * `npm run check`: the deck check alone (frontmatter, layouts, components,
 * snippets, images, sources, data, talk length), each problem with its file
 * and line; warnings (a slide without notes) are printed and do not fail.
 *
 *   tsx scripts/check-deck.ts [slides.md] [--allow-remote]
 */
import { parseArgs } from 'node:util'
import { print, runCommand } from './lib/command'
import { DeckCheckError, inspectDeck, printWarnings } from './lib/deck-check'

await runCommand(async () => {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'allow-remote': { type: 'boolean' } } })
  const { problems, warnings, notices } = await inspectDeck(positionals[0], { allowRemote: values['allow-remote'] })
  printWarnings(warnings, notices)
  if (problems.length)
    throw new DeckCheckError(problems)
  print('deck check: no problems')
})
