import { copyDataset } from '@shoal/core'
import { UsageError } from '../args.js'
import type { Io } from '../report-error.js'

/** `shoal copy <src> <dst>`: any two registered stores, in parallel, verified key by key. */
export async function run(
  positionals: readonly string[],
  flags: Record<string, unknown>,
  io: Io,
): Promise<number> {
  const [src, dst] = positionals
  if (!src || !dst) throw new UsageError('shoal copy needs a source and a destination')
  const concurrency = flags.concurrency === undefined ? undefined : Number(flags.concurrency)
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency > 0))
    throw new UsageError('--concurrency must be a positive integer')
  const progress = process.stderr.isTTY && !flags.quiet && !io.json
  const result = await copyDataset(src, dst, {
    ...(concurrency ? { concurrency } : {}),
    ...(flags.overwrite ? { overwrite: true } : {}),
    ...(progress
      ? {
          onProgress: (p: { copiedKeys: number; totalKeys: number }) => {
            process.stderr.write(`\rcopied ${p.copiedKeys}/${p.totalKeys} files`)
          },
        }
      : {}),
  })
  if (progress) process.stderr.write('\n')
  const summary = { src, dst, files: result.keys, bytes: result.bytes, verified: true }
  io.out(
    io.json
      ? JSON.stringify(summary)
      : `copied ${result.keys} files (${result.bytes} bytes) from ${src} to ${dst}, verified`,
  )
  return 0
}
