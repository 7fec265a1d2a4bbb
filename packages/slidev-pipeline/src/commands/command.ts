/** What the CLI (src/cli.ts) knows of a command: its flags for parsing and --help, and its run. */
import type { ArtifactPaths } from '../support/paths.ts'
import { print, warn } from '../support/command.ts'

/** Exit codes scripts can trust: 0 done, 1 the deck has problems or a step failed, 2 the command line was wrong. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const

export interface CommandOption {
  type: 'string' | 'boolean'
  /** Shown after the flag in --help, for string options: `--output FILE`. */
  value?: string
  description: string
}

export type OptionValues = Record<string, string | boolean | undefined>

/** One command of the CLI: its flags, its help and its run. */
export interface Command {
  name: string
  summary: string
  /** Longer text for `--help`, after the usage line. */
  details?: string
  /** Whether it takes the deck's entry file (`slides.md`) as its argument. */
  entry: boolean
  options: Record<string, CommandOption>
  /** Throws when it fails; the CLI prints the message and exits 1. */
  run: (values: OptionValues, entry: string | undefined) => Promise<void>
}

/** The flag every command that reads a deck takes, as the positional's long form. */
export const ENTRY_OPTION: Record<string, CommandOption> = {
  entry: { type: 'string', value: 'FILE', description: 'the deck\'s entry file (the same as giving it as the argument)' },
}
export const FORCE_OPTION: Record<string, CommandOption> = {
  force: { type: 'boolean', description: 'write even when a check finds a problem, and print the problems as warnings' },
}
export const REMOTE_OPTION: Record<string, CommandOption> = {
  'allow-remote': { type: 'boolean', description: 'let the deck load files from the network (remote images are no problem; pages not kept offline)' },
}

/**
 * The pipeline's options from the flags every exporting command maps alike:
 * the entry, --force, --allow-remote, --dark, --output (into `outputs[artifact]`),
 * and the one logger (progress and warnings). A command without a flag gets it unset.
 */
export function pipelineFlags(values: OptionValues, entry: string | undefined, artifact?: keyof ArtifactPaths) {
  const output = values.output as string | undefined
  return {
    entry,
    force: values.force as boolean | undefined,
    allowRemote: values['allow-remote'] as boolean | undefined,
    dark: values.dark as boolean | undefined,
    outputs: output && artifact ? { [artifact]: output } : {},
    log: print,
    warn,
  }
}
