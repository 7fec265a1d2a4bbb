/**
 * The commands run wherever users keep their decks: a copy of the deck in a
 * folder whose path has a space ("my talk"), reached through a symlink, with
 * node_modules that hold no Vite cache. A broken page stops `check` and
 * `export` with its file and line (they used to print nothing and exit 0
 * there), and the repaired deck passes the check.
 *
 * That the deck builds and exports from such a folder is what every browser
 * test tests: test/global-setup.ts builds it from one. That `png`, `handout`
 * and `video` reuse an export's build is tested on the plain fixture deck
 * (packages/slidev-pipeline/test/any-deck.gate.test.ts), also under "my talks/".
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyDeckAsUser } from './helpers/copy-deck'

const run = promisify(execFile)

let work: string
let link: string
const page = 'pages/02-one-owner.md'
let goodPage: string

/** Runs a command in the deck through the symlink; resolves with its exit code and all its output. */
async function inDeck(command: string, args: string[]) {
  try {
    const { stdout, stderr } = await run(command, args, { cwd: link, env: { ...process.env, PWD: link }, timeout: 400_000 })
    return { code: 0, output: stdout + stderr }
  }
  catch (error: any) {
    return { code: error.code as number, output: `${error.stdout}${error.stderr}` }
  }
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'deck-paths-'))
  const copy = copyDeckAsUser(work)
  const deck = copy.deck
  link = copy.link
  goodPage = readFileSync(join(deck, page), 'utf8')
  // An unclosed YAML flow sequence in the page's first frontmatter.
  const broken = goodPage.replace(/^---\nlayout: (\w+)/, '---\nlayout: [$1')
  expect(broken).not.toBe(goodPage)
  writeFileSync(join(deck, page), broken)
})
afterAll(() => {
  if (work)
    rmSync(work, { recursive: true, force: true })
})

describe('a deck under "my talk/", reached through a symlink', () => {
  it('`npm run check` stops at a broken page, naming its file and line', async () => {
    const { code, output } = await inDeck('npm', ['run', '--silent', 'check'])
    expect(code).not.toBe(0)
    expect(output).toMatch(/pages\/02-one-owner\.md:\d+: malformed frontmatter/)
  })

  it('the check also runs when started by a path through the symlink', async () => {
    const { code, output } = await inDeck(join(link, 'node_modules', '.bin', 'slidev-pipeline'), ['check', join(link, 'slides.md')])
    expect(code).not.toBe(0)
    expect(output).toMatch(/pages\/02-one-owner\.md:\d+: malformed frontmatter/)
  })

  it('`npm run export` stops at the broken page and writes nothing', async () => {
    const { code, output } = await inDeck('npm', ['run', '--silent', 'export'])
    expect(code).not.toBe(0)
    expect(output).toMatch(/pages\/02-one-owner\.md:\d+: malformed frontmatter/)
    expect(existsSync(join(link, 'exports'))).toBe(false)
  })

  it('the repaired deck passes `npm run check`', async () => {
    writeFileSync(join(link, page), goodPage)
    const { code, output } = await inDeck('npm', ['run', '--silent', 'check'])
    expect(code, output).toBe(0)
    expect(output).not.toMatch(/malformed frontmatter/)
  })
})
