/**
 * `slidev-pipeline check [slides.md]`: the deck check alone (frontmatter,
 * layouts, components, snippets, images, sources, data, talk length), each
 * problem with its file and line; warnings (a slide without notes) are printed
 * and do not fail.
 */
import type { Command } from './command.ts'
import { print, warn } from '../support/command.ts'
import { ENTRY_OPTION, REMOTE_OPTION } from './command.ts'

export const check: Command = {
  name: 'check',
  summary: 'the static deck check, each problem with its file and line; no browser, no build',
  details: 'Warnings (a slide without notes) are printed and do not fail.',
  entry: true,
  options: { ...ENTRY_OPTION, ...REMOTE_OPTION },
  async run(values, entry) {
    // Imported when it runs: Slidev's parser and the component registry cost `--help` nothing.
    const { DeckCheckError, inspectDeck, printWarnings } = await import('../check/deck-check.ts')
    const { problems, warnings, notices } = await inspectDeck(entry, { allowRemote: values['allow-remote'] as boolean | undefined })
    printWarnings(warnings, notices, warn)
    if (problems.length)
      throw new DeckCheckError(problems)
    print('deck check: no problems')
  },
}
