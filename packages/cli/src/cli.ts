/** The `shoal` binary's ESM entry (bin/shoal.js answers `--help` and `--version` without it). */
import { main } from './main.js'

process.exitCode = await main(process.argv.slice(2))
