import { UsageError } from '../args.js'
import { cocoSource } from '../ingest/coco.js'
import { folderSource } from '../ingest/folder.js'
import { ingest, type Source } from '../ingest/runner.js'
import { tableSource } from '../ingest/table.js'
import type { Io } from '../report-error.js'

function positiveInteger(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${name} must be a positive integer`)
  return n
}

/** `shoal ingest …`: builds a dataset from files; Ctrl-C or a bad file stops cleanly. */
export async function run(
  positionals: readonly string[],
  flags: Record<string, unknown>,
  io: Io,
): Promise<number> {
  const compression = (flags['sample-compression'] as string | undefined) ?? 'jpeg'
  let source: Source
  let dataset: string | undefined
  if (flags.coco) {
    if (!flags.images) throw new UsageError('--coco needs --images <dir>')
    dataset = positionals[0]
    source = await cocoSource(
      flags.coco as string,
      flags.images as string,
      compression,
      flags['keep-annotations'] === true,
    )
  } else if (flags.csv || flags.jsonl) {
    dataset = positionals[0]
    const overrides: Record<string, string> = {}
    for (const pair of (flags.column as string[] | undefined) ?? []) {
      const [name, htype] = pair.split('=')
      if (!name || !htype) throw new UsageError(`--column takes name=htype, got "${pair}"`)
      overrides[name] = htype
    }
    source = await tableSource((flags.csv ?? flags.jsonl) as string, flags.csv ? 'csv' : 'jsonl', overrides)
  } else {
    const [folder, target] = positionals
    if (!folder) throw new UsageError('shoal ingest needs a folder (or --coco, --csv, --jsonl) and a dataset')
    dataset = target
    source = await folderSource(folder, compression)
  }
  if (!dataset) throw new UsageError('shoal ingest needs the dataset to write')
  const controller = new AbortController()
  const stop = () => controller.abort()
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  try {
    const result = await ingest(dataset, source, {
      resume: flags.resume === true,
      batch: 64,
      flushEvery: positiveInteger(flags['flush-every'], 'flush-every', 1000),
      progress: flags.quiet || io.json ? 'off' : process.stderr.isTTY ? 'tty' : 'lines',
      signal: controller.signal,
    })
    const stored = result.added
    if (result.stopped === 'interrupted') {
      io.err(`shoal: interrupted; everything ingested so far is stored in ${dataset}; --resume continues`)
      return 130
    }
    if (result.stopped) {
      const message =
        result.stopped.error instanceof Error ? result.stopped.error.message : String(result.stopped.error)
      io.err(`shoal: stopped at ${result.stopped.label}: ${message}`)
      io.err(`  everything before it is stored in ${dataset}; fix or remove the file, then --resume`)
      return 1
    }
    const summary = { dataset, rows: result.rows, added: stored, tensors: source.tensors.map((t) => t.name) }
    io.out(
      io.json
        ? JSON.stringify(summary)
        : `ingested ${stored} new rows (${result.rows} in all) into ${dataset}`,
    )
    return 0
  } finally {
    process.off('SIGINT', stop)
    process.off('SIGTERM', stop)
  }
}
