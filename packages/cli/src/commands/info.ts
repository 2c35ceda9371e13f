import { openDataset } from '@shoal/core'
import { UsageError } from '../args.js'
import type { Io } from '../report-error.js'
import { chunkStats, summarise, visibleTensors } from '../summary.js'

/** `shoal info <dataset> [--json]` */
export async function run(
  positionals: readonly string[],
  flags: Record<string, unknown>,
  io: Io,
): Promise<number> {
  const [path] = positionals
  if (!path) throw new UsageError('shoal info needs a dataset path or URL')
  const ds = await openDataset(path, { readOnly: true })
  try {
    const stats = await chunkStats(path)
    const tensors = Object.fromEntries(visibleTensors(ds).map((t) => [t.name, summarise(t, stats)]))
    if (flags.json) {
      io.out(JSON.stringify({ path, version: ds.version, branch: ds.branch, length: ds.length, tensors }))
      return 0
    }
    io.out(`${path}  (branch ${ds.branch}, commit ${ds.version}, ${ds.length} rows)`)
    for (const [name, t] of Object.entries(tensors)) {
      const shape = `(${t.shape.map((d) => d ?? '?').join(', ')})`
      const compression = t.sampleCompression ?? (t.chunkCompression ? `chunk ${t.chunkCompression}` : 'none')
      const classes = t.classNames !== undefined ? `, ${t.classNames} class names` : ''
      io.out(
        `  ${name}: ${t.htype} ${t.dtype ?? '-'} ${shape}, compression ${compression}, ${t.chunks} chunks, ${t.bytes ?? '?'} bytes${classes}`,
      )
    }
    return 0
  } finally {
    await ds.close()
  }
}
