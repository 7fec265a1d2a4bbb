/**
 * The toolkit's command line: `slidev-pipeline <command> [entry.md] [flags]`.
 * Each command is described in src/commands/ (its flags and help) and calls
 * one function of the pipeline; this file parses, prints help and decides the
 * exit code: 0 done, 1 the deck has problems or a step failed, 2 the command
 * line was wrong (unknown command or flag, a flag without its value).
 *
 * A command module holds only its flags and help; what it runs (the pipeline,
 * Playwright, pdf-lib, the bench) is imported when it runs. So `--help` and
 * `check` start in a fraction of the time: loading all of it took about 1 s
 * of CPU on every call, and the tests make dozens of calls.
 */
import type { ParseArgsConfig } from 'node:util'
import type { Command } from './commands/command.ts'
import { parseArgs } from 'node:util'
import { bench } from './bench/command.ts'
import { all } from './commands/all.ts'
import { browser } from './commands/browser.ts'
import { check } from './commands/check.ts'
import { EXIT } from './commands/command.ts'
import { exportPdf, exportPng, exportPptx } from './commands/export.ts'
import { handout } from './commands/handout.ts'
import { present } from './commands/present.ts'
import { rehearsal } from './commands/rehearsal.ts'
import { storyboard } from './commands/storyboard.ts'
import { video } from './commands/video.ts'
import { runCommand } from './support/command.ts'

export const commands: Command[] = [check, exportPdf, exportPng, exportPptx, handout, video, rehearsal, storyboard, all, present, bench, browser]

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const

function usageLine(command: Command) {
  return `slidev-pipeline ${command.name}${command.entry ? ' [entry.md]' : ''}${Object.keys(command.options).length ? ' [flags]' : ''}`
}

export function commandHelp(command: Command): string {
  const flags = Object.entries(command.options).map(([name, o]) => [`--${name}${o.value ? ` ${o.value}` : ''}`, o.description] as const)
  flags.push(['--help, -h', 'this help'])
  const width = Math.max(...flags.map(([flag]) => flag.length))
  return [
    `Usage: ${usageLine(command)}`,
    '',
    `${command.summary[0]!.toUpperCase()}${command.summary.slice(1)}.`,
    ...(command.details ? [command.details] : []),
    ...(command.entry ? ['', 'entry.md: the deck\'s entry file; default slides.md in the working directory. Artifacts go to exports/ beside it.'] : []),
    '',
    'Flags:',
    ...flags.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`),
    '',
    'Exit code: 0 done, 1 problems found or a step failed, 2 usage error.',
  ].join('\n')
}

export function cliHelp(): string {
  const width = Math.max(...commands.map(c => c.name.length))
  return [
    'Usage: slidev-pipeline <command> [entry.md] [flags]',
    '',
    'Checks, builds and exports a Slidev deck behind a quality gate (nothing is written when a check fails).',
    '',
    'Commands:',
    ...commands.map(c => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'slidev-pipeline <command> --help lists its flags.',
    'Exit code: 0 done, 1 problems found or a step failed, 2 usage error.',
  ].join('\n')
}

class UsageError extends Error {}

function parse(command: Command, args: string[]) {
  const options: ParseArgsConfig['options'] = { ...HELP_OPTION }
  for (const [name, o] of Object.entries(command.options))
    options[name] = { type: o.type }
  let parsed
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true })
  }
  catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
  const { values, positionals } = parsed
  if (values.help)
    return { help: true as const }
  const max = command.entry ? 1 : 0
  if (positionals.length > max)
    throw new UsageError(`Unexpected argument${positionals.length - max > 1 ? 's' : ''}: ${positionals.slice(max).join(' ')}`)
  if (positionals[0] !== undefined && values.entry !== undefined)
    throw new UsageError('Give the entry file once: as the argument or as --entry, not both')
  if (values.runs !== undefined && !(Number.isInteger(Number(values.runs)) && Number(values.runs) > 0))
    throw new UsageError(`--runs takes a whole number above 0, not "${String(values.runs)}"`)
  if (values.port !== undefined && !(/^\d+$/.test(String(values.port)) && Number(values.port) > 0 && Number(values.port) < 65536))
    throw new UsageError(`--port takes a port number (1–65535), not "${String(values.port)}"`)
  if (values.open && values['no-open'])
    throw new UsageError('Give --open or --no-open, not both')
  if (values.camera && !values.record)
    throw new UsageError('--camera records the camera with --record: give both')
  if (values.generate !== undefined && !(Number.isInteger(Number(values.generate)) && Number(values.generate) > 0))
    throw new UsageError(`--generate takes a number of slides above 0, not "${String(values.generate)}"`)
  return { help: false as const, values: values as Record<string, string | boolean | undefined>, entry: (positionals[0] ?? values.entry) as string | undefined }
}

/** Runs the command line `args` (without node and the script); resolves with the exit code. */
export async function main(args: string[]): Promise<number> {
  const [name, ...rest] = args
  if (name === undefined) {
    console.error(cliHelp())
    return EXIT.usage
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    console.log(cliHelp())
    return EXIT.ok
  }
  const command = commands.find(c => c.name === name)
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${cliHelp()}`)
    return EXIT.usage
  }
  let parsed
  try {
    parsed = parse(command, rest)
  }
  catch (error) {
    if (!(error instanceof UsageError))
      throw error
    console.error(`${error.message}\n\n${commandHelp(command)}`)
    return EXIT.usage
  }
  if (parsed.help) {
    console.log(commandHelp(command))
    return EXIT.ok
  }
  process.exitCode = EXIT.ok
  await runCommand(() => command.run(parsed.values, parsed.entry))
  return Number(process.exitCode ?? EXIT.ok)
}
