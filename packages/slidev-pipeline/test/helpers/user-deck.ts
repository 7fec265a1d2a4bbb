/**
 * A deck as a new user has it: copied into a folder whose path has a space,
 * outside the project, its packages linked in as `npm install` would give
 * them, and the toolkit's commands run from its folder.
 */
import { execFile } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { PDFDocument } from 'pdf-lib'
import { cli } from './cli'
import { installDir } from './paths'

const run = promisify(execFile)
export const TIMEOUT = 400_000

/** Runs one of the toolkit's commands (`slidev-pipeline <name>`) with the deck's folder as the working directory. */
export async function inDeck(deck: string, name: string, args: string[]) {
  try {
    const { stdout, stderr } = await run(cli, [name, ...args], { cwd: deck, env: { ...process.env, PWD: deck }, timeout: TIMEOUT, maxBuffer: 1 << 24 })
    return { code: 0, output: stdout + stderr }
  }
  catch (error: any) {
    return { code: error.code as number, output: `${error.stdout}${error.stderr}` }
  }
}

export const pages = async (file: string) => (await PDFDocument.load(readFileSync(file))).getPageCount()

/** A deck's packages as `npm install` in its folder would give them: linked from the project's (no Vite cache). */
export function linkPackages(deck: string) {
  mkdirSync(join(deck, 'node_modules'))
  for (const name of readdirSync(join(installDir, 'node_modules')).filter(n => !n.startsWith('.')))
    symlinkSync(join(installDir, 'node_modules', name), join(deck, 'node_modules', name))
}
