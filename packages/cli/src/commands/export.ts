import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type NDArray, openDataset, type Tensor } from '@shoal/core'
import { UsageError } from '../args.js'
import { encodeNpy } from '../npy.js'
import type { Io } from '../report-error.js'
import { parseRange } from './show.js'

const FORMATS = ['json', 'jsonl', 'npy', 'png', 'jpeg'] as const
type Format = (typeof FORMATS)[number]

function defaultFormat(tensor: Tensor): Format {
  const htype = tensor.meta.htype ?? 'generic'
  if (htype.startsWith('image') || htype.endsWith('_mask')) return 'png'
  if (htype === 'text' || htype === 'json' || htype === 'list' || htype === 'tag') return 'jsonl'
  return 'npy'
}

const plain = (value: unknown) =>
  JSON.stringify(value, (_k, v) =>
    typeof v === 'bigint'
      ? Number(v)
      : ArrayBuffer.isView(v)
        ? Array.from(v as unknown as ArrayLike<number>)
        : v,
  )

/**
 * `shoal export <dataset> <tensor> <out-dir>`: images as PNG files (the stored bytes when they
 * are PNG already), arrays as .npy, text and JSON as one JSONL file (or one .json per sample).
 */
export async function run(
  positionals: readonly string[],
  flags: Record<string, unknown>,
  io: Io,
): Promise<number> {
  const [path, name, outDir] = positionals
  if (!path || !name || !outDir)
    throw new UsageError('shoal export needs a dataset, a tensor and an output folder')
  const ds = await openDataset(path, { readOnly: true })
  try {
    const tensor = ds.tensor(name)
    const format = (flags.format as Format | undefined) ?? defaultFormat(tensor)
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`)
    const [start, end] =
      flags.range === undefined ? [0, tensor.length] : parseRange(flags.range as string, tensor.length)
    await mkdir(outDir, { recursive: true })
    const width = String(Math.max(end - 1, 0)).length
    const file = (i: number, ext: string) => join(outDir, `${String(i).padStart(width, '0')}.${ext}`)
    const lines: string[] = []
    let encode: ((a: NDArray) => Promise<Uint8Array>) | undefined
    for (let i = start; i < end; i++) {
      if (format === 'png' || format === 'jpeg') {
        const ext = format === 'png' ? 'png' : 'jpg'
        if (tensor.meta.sampleCompression === format && !tensor.isSequence) {
          await writeFile(file(i, ext), await tensor.getBytes(i)) // the stored file, as it is
          continue
        }
        encode ??= await imageEncoder(format)
        await writeFile(file(i, ext), await encode((await tensor.get(i)) as NDArray))
      } else if (format === 'npy') {
        await writeFile(file(i, 'npy'), encodeNpy((await tensor.get(i)) as NDArray))
      } else if (format === 'json') {
        await writeFile(file(i, 'json'), plain(await tensor.get(i)))
      } else lines.push(plain({ index: i, value: await tensor.get(i) }))
    }
    if (format === 'jsonl')
      await writeFile(join(outDir, `${name.replaceAll('/', '_')}.jsonl`), `${lines.join('\n')}\n`)
    io.out(
      io.json
        ? plain({ tensor: name, format, samples: end - start, outDir })
        : `exported ${end - start} samples of ${name} as ${format} to ${outDir}`,
    )
    return 0
  } finally {
    await ds.close()
  }
}

/** The png or jpeg codec of @shoal/htype-image, for samples not stored in that format. */
async function imageEncoder(format: 'png' | 'jpeg'): Promise<(array: NDArray) => Promise<Uint8Array>> {
  const { imageCodecs } = await import('@shoal/htype-image')
  const codec = await imageCodecs.find((c) => c.name === format)!.loadCodec()
  return async (array) => codec.encodeSample!(array, {})
}
