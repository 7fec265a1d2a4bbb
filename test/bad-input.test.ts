/**
 * Bad input stops `npm run build` and `npm run export` with the deck check's
 * list naming the file and what is wrong (no stack trace), and never replaces a previous good PDF. Each case
 * edits a fresh copy of the deck and runs the real npm scripts in it.
 */
import { execFile } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { copyDeckSources } from './helpers/copy-deck'
import { root } from './helpers/root'

const run = promisify(execFile)
const copies: string[] = []
afterAll(() => copies.forEach(dir => rmSync(dir, { recursive: true, force: true })))

/** A copy of the deck (sources only) that shares this checkout's node_modules. */
function copyDeck(): string {
  const dir = mkdtempSync(join(tmpdir(), 'broken-deck-'))
  copies.push(dir)
  copyDeckSources(dir)
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'))
  return dir
}

function edit(dir: string, file: string, from: string | RegExp, to: string) {
  const path = join(dir, file)
  const text = readFileSync(path, 'utf8')
  const next = text.replace(from, to)
  if (next === text)
    throw new Error(`fixture edit did not apply to ${file}`)
  writeFileSync(path, next)
}

/** Runs an npm script in `dir`; resolves with its exit code and all its output. */
async function npm(dir: string, args: string[]) {
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', ...args], { cwd: dir, timeout: 180_000 })
    return { code: 0, output: stdout + stderr }
  }
  catch (error: any) {
    return { code: error.code as number, output: `${error.stdout}${error.stderr}` }
  }
}

const cases = [
  {
    name: 'malformed slide frontmatter',
    breakIt: (dir: string) => edit(dir, 'pages/02-one-owner.md', /^---\nlayout: (\w+)/, '---\nlayout: [$1'),
    message: /pages\/02-one-owner\.md:\d+: malformed frontmatter/,
  },
  {
    name: 'a missing snippet file',
    breakIt: (dir: string) => edit(dir, 'pages/05-how-to.md', '<<< @/snippets/create-cluster.sh', '<<< @/snippets/create-clutser.sh'),
    message: /pages\/05-how-to\.md:\d+: slide \d+: snippet not found: @\/snippets\/create-clutser\.sh/,
  },
  {
    name: 'a chart data error',
    breakIt: (dir: string) => edit(dir, 'data/figures.ts', 'packages: 726', 'packages: -726'),
    message: /data\/figures\.ts: imagePackages\[1\] \("Ubuntu 22\.04"\)\.packages/,
  },
  {
    name: 'a missing image',
    breakIt: (dir: string) => edit(dir, 'pages/01-what-it-is.md', '# Who runs it\n', '# Who runs it\n\n![Architecture](/architecture.png)\n'),
    message: /pages\/01-what-it-is\.md:\d+: slide \d+: image not found: \/architecture\.png/,
  },
]

/** The deck check's list, with this one problem in it (the copy has no other), and no stack trace. */
function expectOneProblem(output: string, message: RegExp) {
  expect(output).toMatch(message)
  expect(output).toContain('The deck has 1 problem:')
  expect(output).not.toMatch(/^\s+at \S.*:\d+:\d+\)?$/m)
}

describe.each(cases)('$name', ({ breakIt, message }) => {
  const dir = copyDeck()
  breakIt(dir)

  it('stops `npm run build`, naming the file and the problem', async () => {
    const { code, output } = await npm(dir, ['build'])
    expect(code).not.toBe(0)
    expectOneProblem(output, message)
    expect(existsSync(join(dir, 'dist', 'index.html'))).toBe(false)
  })

  it('stops `npm run export` and leaves the previous good PDF in place', async () => {
    const good = readFileSync(inject('slidesPdf'))
    const target = join(dir, 'exports', 'azure-linux-explained.pdf')
    cpSync(inject('slidesPdf'), target)
    const { code, output } = await npm(dir, ['export'])
    expect(code).not.toBe(0)
    expectOneProblem(output, message)
    expect(readFileSync(target).equals(good)).toBe(true)
    expect(readdirSync(join(dir, 'exports'))).toEqual(['azure-linux-explained.pdf'])
  })
})

it('bad chart data also stops a plain `slidev build` (the Vite plugin in vite.config.ts)', async () => {
  const dir = copyDeck()
  edit(dir, 'data/sources.ts', 'url: \'https://learn.microsoft.com/azure/azure-linux/faq-aks\'', 'url: \'learn.microsoft.com/azure/azure-linux/faq-aks\'')
  const { code, output } = await run('npx', ['slidev', 'build'], { cwd: dir, timeout: 180_000 }).then(r => ({ code: 0, output: r.stdout + r.stderr }), (e: any) => ({ code: e.code, output: `${e.stdout}${e.stderr}` }))
  expect(code).not.toBe(0)
  expect(output).toMatch(/data\/sources\.ts: learn-faq\.url: must be an https URL/)
})
