/**
 * The `shoal` command line, parsed without loading any command: `parseArgs(argv)` gives the
 * command name, its positionals and its flags, or a usage error (exit code 2).
 */
import { parseArgs as parseNodeArgs } from 'node:util'

/** What one command accepts, for parsing and for `--help`. */
export interface CommandSpec {
  readonly summary: string
  readonly usage: string
  readonly example: string
  readonly flags: Readonly<
    Record<string, { type: 'boolean' | 'string'; description: string; multiple?: boolean }>
  >
}

/** Every command, in help order. Loading a command's code happens only when it runs. */
export const commands: Readonly<Record<string, CommandSpec>> = {
  ingest: {
    summary: 'builds a dataset from a class-folder tree, a COCO file, or a CSV/JSONL table',
    usage:
      'shoal ingest <folder> <dataset> | --coco <annotations.json> --images <dir> <dataset> | --csv <file> <dataset> | --jsonl <file> <dataset>',
    example: 'shoal ingest ./photos ./pets --sample-compression jpeg',
    flags: {
      coco: { type: 'string', description: 'a COCO annotations file (with --images)' },
      images: { type: 'string', description: 'the folder of the COCO images' },
      csv: { type: 'string', description: 'a CSV file with a header row: one tensor per column' },
      jsonl: { type: 'string', description: 'a JSON Lines file: one tensor per key' },
      column: {
        type: 'string',
        multiple: true,
        description: 'name=htype, overriding the inferred htype (repeatable)',
      },
      'sample-compression': {
        type: 'string',
        description: 'image compression (default jpeg); matching files are kept as they are',
      },
      'keep-annotations': {
        type: 'boolean',
        description: "COCO: also store each image's annotations as json",
      },
      resume: { type: 'boolean', description: 'continue an interrupted ingest without duplicating samples' },
      'flush-every': { type: 'string', description: 'flush after this many samples (default 1000)' },
      quiet: { type: 'boolean', description: 'no progress output' },
      json: { type: 'boolean', description: 'the result as one JSON object' },
    },
  },
  info: {
    summary: 'name, version, length and every tensor of a dataset',
    usage: 'shoal info <dataset> [--json]',
    example: 'shoal info ./pets --json',
    flags: { json: { type: 'boolean', description: 'one JSON object on stdout' } },
  },
  show: {
    summary: 'samples as a person reads them: arrays summarised, text, labels with names',
    usage: 'shoal show <dataset> <tensor> [index | start:end] [--json]',
    example: 'shoal show ./pets labels 0:5',
    flags: { json: { type: 'boolean', description: 'one JSON object per sample' } },
  },
  verify: {
    summary: 'reads every chunk and encoder and checks them against the metadata',
    usage: 'shoal verify <dataset> [--json]',
    example: 'shoal verify ./pets',
    flags: { json: { type: 'boolean', description: 'the report as JSON' } },
  },
  copy: {
    summary: 'copies a dataset between stores (folders, memory://, s3://, gs://) and verifies it',
    usage: 'shoal copy <src> <dst> [--overwrite] [--concurrency N]',
    example: 'shoal copy ./pets s3://bucket/pets',
    flags: {
      overwrite: { type: 'boolean', description: 'replace a dataset already at <dst>' },
      concurrency: { type: 'string', description: 'keys copied at once (default 8)' },
      quiet: { type: 'boolean', description: 'no progress lines' },
    },
  },
  export: {
    summary: 'writes samples as files other tools open (png, jpeg, npy, json, jsonl)',
    usage: 'shoal export <dataset> <tensor> <out-dir> [--format png|jpeg|npy|json|jsonl] [--range a:b]',
    example: 'shoal export ./pets images ./out --format png --range 0:10',
    flags: {
      format: { type: 'string', description: 'png, jpeg, npy, json or jsonl (default: by htype)' },
      range: { type: 'string', description: 'samples a:b (default all)' },
    },
  },
  view: {
    summary: 'opens a dataset read-only in a local web viewer: images with their annotations, every htype',
    usage: 'shoal view <dataset> [--port N] [--host H] [--open]',
    example: 'shoal view ./pets --open',
    flags: {
      port: { type: 'string', description: 'port to listen on (default: a free one)' },
      host: {
        type: 'string',
        description: 'address to listen on (default 127.0.0.1; any other exposes the dataset)',
      },
      open: { type: 'boolean', description: 'open the page in the default browser' },
      json: { type: 'boolean', description: 'print the URL as {"url": …}' },
    },
  },
  demo: {
    summary: 'writes a small synthetic detection dataset (shapes, boxes, labels) and prints its info',
    usage: 'shoal demo [dir]',
    example: 'shoal demo ./shapes',
    flags: {},
  },
}

/** A parsed command line. */
export type Parsed =
  | { readonly kind: 'help'; readonly command?: string }
  | { readonly kind: 'version' }
  | {
      readonly kind: 'run'
      readonly command: string
      readonly positionals: readonly string[]
      readonly flags: Readonly<Record<string, string | boolean | string[] | undefined>>
      readonly debug: boolean
    }

/** A command line that cannot run: exit code 2, message for stderr. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

/** Parses `argv` (without node and the script). Throws {@link UsageError}. */
export function parseArgs(argv: readonly string[]): Parsed {
  const [command, ...rest] = argv
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    return { kind: 'help', ...(rest[0] ? { command: rest[0] } : {}) }
  }
  if (command === '--version' || command === '-v') return { kind: 'version' }
  const spec = commands[command]
  if (!spec)
    throw new UsageError(`unknown command "${command}"; commands: ${Object.keys(commands).join(', ')}`)
  const options = {
    ...Object.fromEntries(
      Object.entries(spec.flags).map(([name, flag]) => [
        name,
        { type: flag.type, ...(flag.multiple ? { multiple: true } : {}) },
      ]),
    ),
    help: { type: 'boolean' as const, short: 'h' },
    debug: { type: 'boolean' as const },
  }
  let parsed: ReturnType<typeof parseNodeArgs>
  try {
    parsed = parseNodeArgs({ args: [...rest], options, allowPositionals: true, strict: true })
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\nusage: ${spec.usage}`)
  }
  if (parsed.values.help) return { kind: 'help', command }
  const { debug, help: _help, ...flags } = parsed.values
  return {
    kind: 'run',
    command,
    positionals: parsed.positionals,
    flags: flags as Record<string, string | boolean | string[] | undefined>,
    debug: debug === true,
  }
}

/** `shoal --help` or `shoal <command> --help`. */
export function helpText(command?: string): string {
  const spec = command ? commands[command] : undefined
  if (spec) {
    const flags = Object.entries(spec.flags).map(([name, f]) => `  --${name.padEnd(13)} ${f.description}`)
    return [
      `${spec.usage}\n\n${spec.summary}\n`,
      ...(flags.length ? ['options:', ...flags, ''] : []),
      `  --debug         print the cause chain of an error`,
      `\nexample:\n  ${spec.example}\n`,
    ].join('\n')
  }
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`)
  return [
    'shoal: inspect, verify, copy and export Deep Lake 3.x datasets\n',
    'usage: shoal <command> [options]\n',
    'commands:',
    ...lines,
    '\nshoal <command> --help shows a command with an example.',
    'exit codes: 0 ok, 1 failure, 2 usage error\n',
  ].join('\n')
}
