/**
 * `slidev-pipeline present [slides.md]`: the deck served for presenting by
 * Slidev's own dev server (as `slidev` serves it), its URLs printed, and with
 * `--record` the presenter view records the talk: the microphone (and with
 * `--camera` the camera) and every slide and click change, streamed to
 * exports/<name>-recordings/<date-time>/ (recording.webm and log.jsonl).
 * Runs until Ctrl-C; the recording is finalised then.
 */
import type { Command } from './command.ts'
import { print } from '../support/command.ts'
import { ENTRY_OPTION } from './command.ts'

export const present: Command = {
  name: 'present',
  summary: 'serve the deck for presenting (Slidev\'s dev server); --record records the talk from the presenter view',
  details: 'With --record, opening the presenter view starts recording the microphone and every slide and click change to exports/<name>-recordings/<date-time>/; its Stop button or Ctrl-C here ends it.',
  entry: true,
  options: {
    ...ENTRY_OPTION,
    'record': { type: 'boolean', description: 'record the talk from the presenter view: microphone, slide and click times' },
    'camera': { type: 'boolean', description: 'with --record, record the camera too' },
    'port': { type: 'string', value: 'N', description: 'the port (default: 3030, or the next free one, as slidev)' },
    'open': { type: 'boolean', description: 'open the presenter view in the browser' },
    'no-open': { type: 'boolean', description: 'do not open a browser (the default, as slidev)' },
  },
  async run(values, entry) {
    const { present: serve, openInBrowser } = await import('../present/present.ts')
    const presenting = await serve({
      entry,
      record: Boolean(values.record),
      camera: Boolean(values.camera),
      port: values.port === undefined ? undefined : Number(values.port),
      log: print,
    })
    print(`  slide show      > ${presenting.urls.slides}`)
    print(`  presenter view  > ${presenting.urls.presenter}`)
    if (presenting.recordings)
      print(`  recording       > opening the presenter view starts recording to ${presenting.recordings}/<date-time>/ (Stop there, or Ctrl-C here)`)
    print('  Ctrl-C stops the server')
    if (values.open && !values['no-open'] && !await openInBrowser(presenting.urls.presenter))
      print(`  Could not open a browser: open ${presenting.urls.presenter}`)
    let closing: Promise<void> | undefined
    const stop = (code: number) => {
      // A second Ctrl-C while the recordings end: now.
      if (closing)
        process.exit(code)
      closing = presenting.close().finally(() => process.exit(code))
    }
    process.on('SIGINT', () => stop(130))
    // SIGTERM and a closed stdin: Vite's own handlers close the server (the recordings end first) and exit.
    await new Promise<never>(() => {})
  },
}
