import { mkdirSync } from 'node:fs'
/**
 * Write-then-rename: an export that fails halfway never replaces the last good
 * file. Work happens in a temporary folder next to the target (same file
 * system, so the rename is atomic) and the folder is removed either way.
 */
import { mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

export async function writeAtomically<T>(target: string, produce: (tmpPath: string) => Promise<T>): Promise<T> {
  mkdirSync(dirname(target), { recursive: true })
  const tmpDir = await mkdtemp(join(dirname(target), `.tmp-${basename(target)}-`))
  try {
    const tmpPath = join(tmpDir, basename(target))
    const result = await produce(tmpPath)
    // A file replaces a file in one rename: a reader sees the old or the new, never none. A folder must go first.
    const [made, old] = await Promise.all([stat(tmpPath), stat(target).catch(() => undefined)])
    if (old && (old.isDirectory() || made.isDirectory()))
      await rm(target, { recursive: true, force: true })
    await rename(tmpPath, target)
    return result
  }
  finally {
    await rm(tmpDir, { recursive: true, force: true })
  }
}

/** Writes `data` to `target` through a temporary file, so readers never see half a file. */
export async function writeFileAtomically(target: string, data: string | Uint8Array): Promise<void> {
  await writeAtomically(target, tmp => writeFile(tmp, data))
}

/** How often a waiting process looks at a held lock. */
const LOCK_POLL_MS = 200
/** A lock folder with no pid in it after this long was left by a holder that died. */
const LOCK_ORPHAN_MS = 5000

/**
 * Runs `work` while holding `lock` (a folder, created atomically), so two
 * processes that need the same thing (two exports of one deck, test files
 * sharing a fixture) make it once: the second waits, then finds it made. A
 * lock whose holder has died (its pid is gone, or it never wrote one) is taken over.
 */
export async function withLock<T>(lock: string, work: () => Promise<T>): Promise<T> {
  mkdirSync(dirname(lock), { recursive: true })
  for (;;) {
    try {
      await mkdir(lock)
      break
    }
    catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        throw error
    }
    const holder = Number(await readFile(join(lock, 'pid'), 'utf8').catch(() => ''))
    // No pid a while after the folder was made: its holder died between the two.
    const made = await stat(lock).then(folder => folder.mtimeMs, () => Date.now())
    const orphan = !holder && Date.now() - made > LOCK_ORPHAN_MS
    if (holder ? !alive(holder) : orphan)
      await rm(lock, { recursive: true, force: true })
    else
      await new Promise(done => setTimeout(done, LOCK_POLL_MS))
  }
  try {
    // Written whole or not at all, so a waiting process never reads half a pid.
    await writeFile(join(lock, 'pid.tmp'), String(process.pid))
    await rename(join(lock, 'pid.tmp'), join(lock, 'pid'))
    return await work()
  }
  finally {
    await rm(lock, { recursive: true, force: true })
  }
}

function alive(pid: number) {
  try {
    process.kill(pid, 0)
    return true
  }
  catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
