/**
 * The toolkit's command line (src/cli.ts): help on the
 * CLI and on every command, and the exit codes scripts rely on: 0 done, 1
 * problems found, 2 usage error. Run in-process; the commands that export are
 * spawned through the bin by the deck and gate tests.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { commands, main } from '../src/cli'
import { fixture } from './helpers/paths'

/** Runs the CLI with `args`; resolves with its exit code and what it printed. */
async function cli(args: string[]) {
  const out: string[] = []
  const err: string[] = []
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => { out.push(a.join(' ')) })
  const error = vi.spyOn(console, 'error').mockImplementation((...a) => { err.push(a.join(' ')) })
  const warn = vi.spyOn(console, 'warn').mockImplementation((...a) => { err.push(a.join(' ')) })
  try {
    const code = await main(args)
    return { code, stdout: out.join('\n'), stderr: err.join('\n') }
  }
  finally {
    log.mockRestore()
    error.mockRestore()
    warn.mockRestore()
  }
}

afterEach(() => {
  process.exitCode = undefined
})

describe('slidev-pipeline', () => {
  it('--help lists every command and exits 0', async () => {
    const { code, stdout } = await cli(['--help'])
    expect(code).toBe(0)
    for (const name of ['check', 'export', 'png', 'pptx', 'handout', 'video', 'storyboard', 'all', 'bench', 'browser'])
      expect(stdout).toMatch(new RegExp(`^  ${name} `, 'm'))
  })

  it.each(commands.map(c => c.name))('%s --help prints its usage and flags, and exits 0', async (name) => {
    const { code, stdout } = await cli([name, '--help'])
    expect(code).toBe(0)
    expect(stdout).toContain(`Usage: slidev-pipeline ${name}`)
    for (const flag of Object.keys(commands.find(c => c.name === name)!.options))
      expect(stdout).toContain(`--${flag}`)
  })

  it('exits 2 with the usage on no command, an unknown command, an unknown flag, a flag without its value, or two entries', async () => {
    for (const args of [[], ['exprot'], ['export', '--darkk'], ['export', '--output'], ['check', 'a.md', 'b.md'], ['check', 'a.md', '--entry', 'b.md'], ['bench', '--runs', 'three']]) {
      const { code, stderr } = await cli(args)
      expect(code, args.join(' ')).toBe(2)
      expect(stderr, args.join(' ')).toContain('Usage: slidev-pipeline')
    }
  })

  it('check exits 0 on a good deck and 1 on a deck with problems, naming file and line', async () => {
    expect((await cli(['check', fixture('plain-deck', 'slides.md')])).code).toBe(0)
    const broken = await cli(['check', fixture('gate', 'missing-image.md')])
    expect(broken.code).toBe(1)
    expect(broken.stderr).toMatch(/missing-image\.md:\d+: slide 2: image not found/)
  })
})
