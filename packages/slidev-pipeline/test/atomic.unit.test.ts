import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { withLock, writeAtomically } from '../src/support/atomic'

/** Each test's folder in the OS's temporary folder, removed when the file ends. */
const folders: string[] = []
function tempFolder(prefix: string) {
  folders.push(mkdtempSync(join(tmpdir(), prefix)))
  return folders.at(-1)!
}
afterAll(() => folders.forEach(dir => rmSync(dir, { recursive: true, force: true })))

describe('writeAtomically', () => {
  it('replaces the target only when the producer succeeds', async () => {
    const dir = tempFolder('atomic-')
    const target = join(dir, 'talk.pdf')
    writeFileSync(target, 'good')
    await expect(writeAtomically(target, async (tmp) => {
      await writeFile(tmp, 'half-writ')
      throw new Error('export crashed')
    })).rejects.toThrow('export crashed')
    expect(readFileSync(target, 'utf8')).toBe('good')
    expect(readdirSync(dir)).toEqual(['talk.pdf'])

    await writeAtomically(target, tmp => writeFile(tmp, 'better'))
    expect(readFileSync(target, 'utf8')).toBe('better')
    expect(readdirSync(dir)).toEqual(['talk.pdf'])
  })
})

describe('withLock', () => {
  it('lets one holder in at a time, and takes over a lock whose holder has died', async () => {
    const dir = tempFolder('lock-')
    const lock = join(dir, '.lock-build')
    const events: string[] = []
    const hold = (name: string) => withLock(lock, async () => {
      events.push(`${name} in`)
      await new Promise(done => setTimeout(done, 300))
      events.push(`${name} out`)
      return name
    })
    expect(await Promise.all([hold('first'), hold('second')])).toEqual(['first', 'second'])
    // One holder at a time, whichever wins the race: the two mkdir calls run on libuv's threads,
    // and under load the second can finish first (one suite run saw "second in" first).
    const [winner, loser] = events[0] === 'first in' ? ['first', 'second'] : ['second', 'first']
    expect(events).toEqual([`${winner} in`, `${winner} out`, `${loser} in`, `${loser} out`])
    expect(readdirSync(dir)).toEqual([])

    // A lock left by a process that no longer runs.
    const dead = spawnSync('sh', ['-c', 'echo $$']).stdout.toString().trim()
    mkdirSync(lock)
    writeFileSync(join(lock, 'pid'), dead)
    const started = performance.now()
    expect(await withLock(lock, async () => 'taken over')).toBe('taken over')
    expect(performance.now() - started).toBeLessThan(2000)

    // A lock whose holder died before it wrote its pid, a minute ago.
    mkdirSync(lock)
    utimesSync(lock, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000))
    expect(await withLock(lock, async () => 'orphan taken over')).toBe('orphan taken over')
    expect(readdirSync(dir)).toEqual([])
  })
})
