/**
 * `npm run build`: src/ → dist/ (JavaScript and .d.ts, tsc with tsconfig.build.json), plus
 * the JavaScript files (the build child, the recorder's page script) copied beside their callers.
 * Does nothing when dist/ is newer than every file it is made from, so the workspace's
 * setup and `npm test` can call it every time (a full build is about 10 CPU s; this check, none).
 *
 *   node scripts/build.mjs [--force]
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, readdirSync, statSync, utimesSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const pkg = dirname(dirname(fileURLToPath(import.meta.url)))
const stamp = join(pkg, 'dist', '.tsbuildinfo')
const runner = ['src/slidev/build-child.mjs', 'dist/slidev/build-child.mjs']
// JavaScript that tsc does not compile, copied beside the modules that read it: the build child, and the
// recorder's page script (served into the presenter view by src/present/recorder.ts).
const copied = [runner, ['src/present/recorder-client.js', 'dist/present/recorder-client.js']]

const files = dir => readdirSync(dir, { withFileTypes: true }).flatMap(e => e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)])
const inputs = [...files(join(pkg, 'src')), join(pkg, 'tsconfig.build.json'), join(pkg, 'package.json')]
const built = existsSync(stamp) && copied.every(([, to]) => existsSync(join(pkg, to))) ? statSync(stamp).mtimeMs : 0
if (!process.argv.includes('--force') && built && inputs.every(f => statSync(f).mtimeMs <= built)) {
  console.log('slidev-pipeline: dist/ is up to date')
  process.exit(0)
}

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
const result = spawnSync(process.execPath, [tsc, '-p', join(pkg, 'tsconfig.build.json')], { stdio: 'inherit' })
if (result.status !== 0)
  process.exit(result.status ?? 1)
for (const [from, to] of copied)
  copyFileSync(join(pkg, from), join(pkg, to))
// tsc leaves its build info alone when nothing changed: the stamp says when dist/ was last checked.
const now = new Date()
utimesSync(stamp, now, now)
console.log('slidev-pipeline: built dist/')
