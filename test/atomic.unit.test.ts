import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeAtomically } from '../scripts/lib/atomic'

describe('writeAtomically', () => {
  it('replaces the target only when the producer succeeds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'))
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
