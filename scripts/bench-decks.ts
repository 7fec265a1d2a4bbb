/**
 * `npm run bench:decks`: issue 23's rows of `slidev-pipeline bench`, on decks
 * this repository did not write. The plain fixture deck and Slidev's starter
 * (the pinned create-slidev's template) are copied under "my talks/" in a
 * temporary folder, the starter with the project's packages linked in as
 * `npm install` would give them, and each is timed against `slidev export`
 * (`bench --slidev`); then a generated 150-slide deck (`bench --generate 150`).
 *
 *   tsx scripts/bench-decks.ts [plain] [starter] [generated] [--runs N] [--generate N]
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { root } from './root'
import { run } from './run'

const args = process.argv.slice(2)
function flag(name: string) {
  const at = args.indexOf(name)
  return at < 0 ? [] : [name, args[at + 1] ?? '']
}
const asked = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'))
const wanted = (name: string) => asked.length === 0 || asked.includes(name)
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
  if (wanted('generated')) {
    console.log('— generated deck')
    await run(cli, ['bench', '--generate', flag('--generate')[1] || '150', ...runs], { cwd: work, label: 'bench generated' })
  }
}
finally {
  rmSync(work, { recursive: true, force: true })
}
