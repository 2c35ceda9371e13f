import { type NDArray, openDataset, type Tensor } from '@shoal/core'
import { UsageError } from '../args.js'
import type { Io } from '../report-error.js'
import { describeArray } from '../summary.js'

function isArray(value: unknown): value is NDArray {
  return (
    typeof value === 'object' && value !== null && 'shape' in value && 'data' in value && 'dtype' in value
  )
}

/** One sample as plain JSON: arrays summarised, class labels with names, links with their path. */
async function readable(tensor: Tensor, index: number): Promise<Record<string, unknown>> {
  if (tensor.isLink) {
    const link = await tensor.getLink(index)
    return { index, link }
  }
  const value = await tensor.get(index)
  const out: Record<string, unknown> = { index }
  if (isArray(value)) Object.assign(out, describeArray(value))
  else if (Array.isArray(value) && value.every(isArray)) out.items = value.map(describeArray)
  else out.value = value
  if (tensor.meta.htype === 'class_label') out.labels = await tensor.labelNames(index)
  if (tensor.meta.htype === 'bbox' || tensor.meta.htype === 'bbox.3d') out.coords = tensor.info.coords ?? {}
  return out
}

/** Parses `index` or `start:end` against the tensor length. */
export function parseRange(text: string | undefined, length: number): [number, number] {
  if (text === undefined) return [0, Math.min(length, 10)]
  const match = /^(\d*):(\d*)$/.exec(text)
  if (match) return [Number(match[1] || 0), Math.min(length, match[2] === '' ? length : Number(match[2]))]
  if (/^\d+$/.test(text)) return [Number(text), Number(text) + 1]
  throw new UsageError(`"${text}" is not an index or a start:end range`)
}

/** `shoal show <dataset> <tensor> [index | start:end] [--json]` */
export async function run(
  positionals: readonly string[],
  flags: Record<string, unknown>,
  io: Io,
): Promise<number> {
  const [path, name, range] = positionals
  if (!path || !name) throw new UsageError('shoal show needs a dataset and a tensor name')
  const ds = await openDataset(path, { readOnly: true })
  try {
    const tensor = ds.tensor(name)
    const [start, end] = parseRange(range, tensor.length)
    for (let i = start; i < end; i++) {
      const sample = await readable(tensor, i)
      if (flags.json) io.out(JSON.stringify(sample, (_k, v) => (typeof v === 'bigint' ? Number(v) : v)))
      else {
        const { index, ...rest } = sample
        io.out(
          `[${index}] ${Object.entries(rest)
            .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
            .join('  ')}`,
        )
      }
    }
    return 0
  } finally {
    await ds.close()
  }
}
