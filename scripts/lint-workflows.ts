/** `npm run lint` part two: every file in .github/workflows must match the schema. */
import process from 'node:process'
import { workflowFiles, workflowProblems } from './workflows'

const files = workflowFiles()
const problems = files.flatMap(workflowProblems)
if (problems.length) {
  console.error(`Invalid GitHub workflow${problems.length > 1 ? 's' : ''}:\n${problems.map(p => `  - ${p}`).join('\n')}`)
  process.exit(1)
}
process.stdout.write(`Workflows valid: ${files.length} files in .github/workflows\n`)
