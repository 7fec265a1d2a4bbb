/**
 * GitHub Actions workflows checked offline against the workflow schema, with
 * @action-validator/core (the validator compiled to WebAssembly, shipped in the package).
 */
import type { ValidationError } from '@action-validator/core'
import { readdirSync, readFileSync } from 'node:fs'
import { isAbsolute, join, relative } from 'node:path'
import actionValidator from '@action-validator/core'
import { root } from './root'

export const workflowsDir = join(root, '.github', 'workflows')

/** Every problem in one workflow file as `file: /json/path: what is wrong`; empty when valid. */
export function workflowProblems(file: string): string[] {
  const { errors } = actionValidator.validateWorkflow(readFileSync(file, 'utf8'))
  const inRepo = relative(root, file)
  const name = inRepo.startsWith('..') || isAbsolute(inRepo) ? file : inRepo
  const lines = (error: ValidationError): string[] => {
    if ('states' in error && error.states?.length)
      return error.states.flatMap(state => state.errors.flatMap(lines))
    // Schema errors carry a JSON path; YAML syntax errors carry the line in their detail.
    const where = 'path' in error && error.path ? `${error.path}: ` : ''
    return [`${name}: ${where}${error.detail ?? error.title}`]
  }
  return [...new Set(errors.flatMap(lines))]
}

/** The workflow files of the repository, by full path. */
export function workflowFiles(dir = workflowsDir): string[] {
  return readdirSync(dir).filter(f => /\.ya?ml$/.test(f)).sort().map(f => join(dir, f))
}
