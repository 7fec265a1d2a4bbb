/**
 * `npm test`: lint, type check and Vitest, all three at once. Lint and vue-tsc
 * each keep one core busy for about half a minute, and Vitest leaves a core
 * idle at times (its browser files wait on Chromium), so running them side by
 * side instead of one after the other saves most of that minute. The output of
 * lint and the type check is printed when each ends; the exit code is not zero
 * when any of the three fails.
 *
 *   tsx scripts/test.ts [vitest arguments]
 */
import { join } from 'node:path'
import { root } from './root'
import { run, RunError } from './run'

const bin = (name: string) => join(root, 'node_modules', '.bin', name)

/** Runs one part, its stdout held back until it ends (so parts do not interleave); resolves with whether it passed. */
async function part(label: string, command: string, args: string[], live = false): Promise<boolean> {
  let held = ''
  const started = performance.now()
  try {
    await run(command, args, { cwd: root, label, ...(live ? {} : { onStdout: (chunk: string) => { held += chunk } }) })
    process.stdout.write(`${held}\n[test] ${label} passed in ${((performance.now() - started) / 1000).toFixed(0)} s\n`)
    return true
  }
  catch (error) {
    process.stdout.write(`${held}\n[test] ${label} FAILED${error instanceof RunError ? ` (exit code ${error.code})` : `: ${String(error)}`}\n`)
    return false
  }
}

// The toolkit's bin runs its dist/, and the type check reads its .d.ts (the talk's deck.config.ts
// imports it by name): built first, when its sources changed since the last build.
await run(process.execPath, [join(root, 'packages', 'slidev-pipeline', 'scripts', 'build.mjs')], { cwd: root })

const results = await Promise.all([
  part('lint (npm run lint)', 'npm', ['run', '--silent', 'lint']),
  part('type check (vue-tsc --noEmit)', bin('vue-tsc'), ['--noEmit']),
  part('vitest run', bin('vitest'), ['run', ...process.argv.slice(2)], true),
])
process.exitCode = results.every(Boolean) ? 0 : 1
