#!/usr/bin/env node
// The CLI is TypeScript (src/cli.ts), run as is: tsx's loader (ESM and CommonJS, as
// `node --import tsx`) is registered first, so a deck's deck.config.ts loads the same way.
import 'tsx'

const { main } = await import('../src/cli.ts')
process.exitCode = await main(process.argv.slice(2))
