/**
 * The CI and Pages workflows pass the offline schema check that `npm run lint`
 * runs, and that check rejects a workflow broken the way hand edits break them.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { workflowFiles, workflowProblems, workflowsDir } from '../scripts/workflows'

const scratch = mkdtempSync(join(tmpdir(), 'workflows-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** A copy of a real workflow with one edit applied; fails if the edit did not apply. */
function brokenCopy(name: string, from: string | RegExp, to: string): string {
  const original = readFileSync(join(workflowsDir, name), 'utf8')
  const broken = original.replace(from, to)
  expect(broken, `edit ${from} applies to ${name}`).not.toBe(original)
  const file = join(scratch, name)
  writeFileSync(file, broken)
  return file
}

describe('github workflows', () => {
  it('has ci.yml and deploy.yml, both valid', () => {
    const files = workflowFiles()
    expect(files.map(f => f.slice(workflowsDir.length + 1))).toEqual(['ci.yml', 'deploy.yml'])
    for (const file of files)
      expect(workflowProblems(file), file).toEqual([])
  })

  it('rejects a job without runs-on, naming the file and the job', () => {
    const problems = workflowProblems(brokenCopy('ci.yml', 'runs-on:', 'runs_on:'))
    expect(problems.join('\n')).toMatch(/ci\.yml: \/jobs\/test.*runs_on/)
  })

  it('rejects an unknown trigger', () => {
    const problems = workflowProblems(brokenCopy('deploy.yml', /^ {2}push:/m, '  pushed:'))
    expect(problems.join('\n')).toMatch(/deploy\.yml: \/on/)
  })

  it('rejects YAML that does not parse, with its line', () => {
    const problems = workflowProblems(brokenCopy('deploy.yml', 'steps:', 'steps: [oops'))
    expect(problems.join('\n')).toMatch(/deploy\.yml: .* at line \d+ column \d+/)
  })
})
