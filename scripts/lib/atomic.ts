import { mkdirSync } from 'node:fs'
/**
 * Write-then-rename: an export that fails halfway never replaces the last good
 * file. Work happens in a temporary folder next to the target (same file
 * system, so the rename is atomic) and the folder is removed either way.
 */
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

export async function writeAtomically<T>(target: string, produce: (tmpPath: string) => Promise<T>): Promise<T> {
  mkdirSync(dirname(target), { recursive: true })
  const tmpDir = await mkdtemp(join(dirname(target), `.tmp-${basename(target)}-`))
  try {
    const tmpPath = join(tmpDir, basename(target))
    const result = await produce(tmpPath)
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
