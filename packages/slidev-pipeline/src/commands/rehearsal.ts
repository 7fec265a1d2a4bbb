/**
 * `slidev-pipeline rehearsal [slides.md] --recording DIR`: how long each slide
 * was on screen in a recorded talk (present --record) against the plan its
 * notes give (as `video --plan` prints it), and where the talk ran long.
 * Printed, and written to DIR/rehearsal.txt. Renders nothing: a build (or the
 * cached one) and one Chromium count the click steps.
 */
import type { Command } from './command.ts'
import { print } from '../support/command.ts'
import { ENTRY_OPTION } from './command.ts'

export const rehearsal: Command = {
  name: 'rehearsal',
  summary: 'a recorded talk\'s time per slide against the plan from the notes, and where it ran long',
  details: 'Reads the folder `present --record` wrote (log.jsonl, recording.webm); writes rehearsal.txt there. `video --recording DIR` writes the same report.',
  entry: true,
  options: {
    ...ENTRY_OPTION,
    recording: { type: 'string', value: 'DIR', description: 'the recording\'s folder (exports/<name>-recordings/<date-time>/)' },
  },
  async run(values, entry) {
    const dir = values.recording as string | undefined
    if (!dir)
      throw new Error('rehearsal needs the recording\'s folder: --recording DIR')
    const [{ runPipeline }, { loadDeck }, { entryPath }, { openRecording, reportRehearsal }] = await Promise.all([
      import('../pipeline.ts'),
      import('../support/deck.ts'),
      import('../support/paths.ts'),
      import('../outputs/recording/recording.ts'),
    ])
    // The log against the deck first: a log from another deck stops before any build.
    const recording = await openRecording({ dir }, await loadDeck(entryPath(entry)), print)
    const result = await runPipeline({ entry, artifacts: ['video'], planOnly: true, log: print })
    const { text, file } = await reportRehearsal(recording, result.deck, result.clicks!, result.video!.plan)
    print('')
    print(text.trimEnd())
    print(`  wrote ${file}`)
  },
}
