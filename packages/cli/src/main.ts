/**
 * The CLI as a function: parse, load only the command asked for (and, for commands that read
 * data, every plugin), run it, and turn errors into one line and an exit code. Running several
 * command lines in one process (`memory://` datasets live as long as the process) goes through here.
 */
import { readFileSync } from 'node:fs'
import { helpText, parseArgs } from './args.js'
import { type Io, reportError } from './report-error.js'

/** A command module: `run` resolves to the exit code. */
export interface Command {
  run(
    positionals: readonly string[],
    flags: Readonly<Record<string, string | boolean | string[] | undefined>>,
    io: Io,
  ): Promise<number>
}

const load: Record<string, () => Promise<Command>> = {
  ingest: () => import('./commands/ingest.js'),
  info: () => import('./commands/info.js'),
  show: () => import('./commands/show.js'),
  verify: () => import('./commands/verify.js'),
  copy: () => import('./commands/copy.js'),
  export: () => import('./commands/export.js'),
  demo: () => import('./commands/demo.js'),
  view: () => import('./commands/view.js'),
}

function version(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string
  }
  return manifest.version
}

/** Runs one command line (without node and the script); resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const json = argv.includes('--json')
  const io: Io = {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    json,
  }
  let debug = argv.includes('--debug')
  try {
    const parsed = parseArgs(argv)
    if (parsed.kind === 'help') {
      io.out(helpText(parsed.command))
      return 0
    }
    if (parsed.kind === 'version') {
      io.out(version())
      return 0
    }
    debug = parsed.debug
    await import('./plugins.js')
    const command = await load[parsed.command]!()
    return await command.run(parsed.positionals, parsed.flags, io)
  } catch (error) {
    return reportError(error, io, debug)
  }
}
