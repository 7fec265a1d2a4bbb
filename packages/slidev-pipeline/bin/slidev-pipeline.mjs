#!/usr/bin/env node
// The CLI as built by `npm run build` (tsc → dist/), on plain Node: nothing is compiled at run time.
// A deck's own deck.config.ts is loaded by jiti (src/check/deck-config.ts), as Slidev loads a deck's setups.
import module from 'node:module'

// Node ≥ 22.1 keeps compiled code between runs (a second `--help` loads faster); Node 20 has no such cache.
module.enableCompileCache?.()

let cli
try {
  cli = await import('../dist/cli.js')
}
catch (error) {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli.js')) {
    console.error('slidev-pipeline is not built (no dist/cli.js): run `npm run build -w slidev-pipeline` in its workspace, or `bash scripts/setup.sh`')
    process.exit(1)
  }
  throw error
}
process.exitCode = await cli.main(process.argv.slice(2))
