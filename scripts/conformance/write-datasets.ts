import type { Dataset } from '@shoal/core'
import { arrayRecord, seeded } from './record.js'
import type { DatasetSpec, SampleSpec, TensorSpec } from './schema.js'

/** Where a case may put files of its own (link targets, source files), beside the datasets. */
export interface WriteContext {
  /** The output folder; a case writes its assets under `<dir>/<case name>_assets/`. */
  readonly dir: string
}

/** One dataset of the write direction: a name and a function that fills it and returns its spec. */
export interface WriteCase {
  readonly name: string
  write(ds: Dataset, context: WriteContext): Promise<DatasetSpec>
}

type Typed =
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array
  | BigInt64Array
  | BigUint64Array

/** float16 bit patterns of exactly representable values, so expectations need no conversion. */
const HALF: [number, number][] = [
  [0x3c00, 1],
  [0xc000, -2],
  [0x7bff, 65504],
  [0x3800, 0.5],
  [0x0000, 0],
  [0x5640, 100],
  [0xbe00, -1.5],
  [0x0400, 2 ** -14],
]

function makeArray(
  dtype: string,
  count: number,
  random: () => number,
): { data: Typed; value?: (v: number | bigint) => unknown } {
  const int = (lo: number, hi: number) => Math.floor(lo + random() * (hi - lo + 1))
  switch (dtype) {
    case 'bool':
      return { data: Uint8Array.from({ length: count }, () => int(0, 1)), value: (v) => v === 1 }
    case 'int8':
      return { data: Int8Array.from({ length: count }, () => int(-128, 127)) }
    case 'uint8':
      return { data: Uint8Array.from({ length: count }, () => int(0, 255)) }
    case 'int16':
      return { data: Int16Array.from({ length: count }, () => int(-32768, 32767)) }
    case 'uint16':
      return { data: Uint16Array.from({ length: count }, () => int(0, 65535)) }
    case 'int32':
      return { data: Int32Array.from({ length: count }, () => int(-(2 ** 31), 2 ** 31 - 1)) }
    case 'uint32':
      return { data: Uint32Array.from({ length: count }, () => int(0, 2 ** 32 - 1)) }
    case 'int64':
      return { data: BigInt64Array.from({ length: count }, () => BigInt(int(-(2 ** 52), 2 ** 52))) }
    case 'uint64':
      return { data: BigUint64Array.from({ length: count }, () => BigInt(int(0, 2 ** 53))) }
    case 'float16': {
      const picks = Array.from({ length: count }, () => HALF[int(0, HALF.length - 1)]!)
      const bits = Uint16Array.from(picks, ([b]) => b)
      const byBits = new Map(HALF)
      return { data: bits, value: (v) => byBits.get(Number(v)) }
    }
    case 'float32':
      return { data: Float32Array.from({ length: count }, () => Math.fround((random() - 0.5) * 200)) }
    case 'float64':
      return { data: Float64Array.from({ length: count }, () => (random() - 0.5) * 1e6) }
    default:
      throw new Error(`no generator for ${dtype}`)
  }
}

const EMPTY = (shape: number[]): SampleSpec => arrayRecord(new Uint8Array(0), shape)

const base = (htype: string, dtype: string, extra: Partial<TensorSpec> = {}): TensorSpec => ({
  htype,
  dtype,
  sample_compression: null,
  chunk_compression: null,
  is_sequence: htype.startsWith('sequence['),
  is_link: false,
  ...extra,
})

/** Appends arrays of `dtype` with the given shapes (null = an empty sample) and returns the spec. */
async function arrays(
  ds: Dataset,
  name: string,
  dtype: string,
  shapes: (number[] | null)[],
  seed: number,
  options: Record<string, unknown> = {},
  htype = 'generic',
): Promise<TensorSpec> {
  const random = seeded(seed)
  const tensor = await ds.createTensor(name, { htype, dtype, ...options })
  const samples: SampleSpec[] = []
  const rank = shapes.find((s) => s !== null)?.length ?? 1
  for (const shape of shapes) {
    if (shape === null) {
      await tensor.append(null)
      samples.push(EMPTY(new Array(rank).fill(0)))
      continue
    }
    const { data, value } = makeArray(
      dtype,
      shape.reduce((a, b) => a * b, 1),
      random,
    )
    await tensor.append({ dtype, shape, data })
    samples.push(arrayRecord(data, shape, value))
  }
  return base(htype, dtype, {
    length: shapes.length,
    sample_compression: (options.sampleCompression as string) ?? null,
    chunk_compression: (options.chunkCompression as string) ?? null,
    samples,
  })
}

const DTYPES = [
  'bool',
  'int8',
  'int16',
  'int32',
  'int64',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
  'float16',
  'float32',
  'float64',
]

const numeric: WriteCase = {
  name: 'shoal_numeric',
  async write(ds) {
    const tensors: Record<string, TensorSpec> = {}
    let seed = 1
    for (const dtype of DTYPES) {
      tensors[`dt_${dtype}`] = await arrays(ds, `dt_${dtype}`, dtype, [[2, 3], null, [4, 1], [3, 3]], seed++)
    }
    // Scalars are stored with shape (1,), as Python does.
    const scalars = await ds.createTensor('scalars', { htype: 'generic', dtype: 'int64' })
    const scalarValues = [5, -7, 2 ** 40]
    for (const v of scalarValues) await scalars.append(v)
    tensors.scalars = base('generic', 'int64', {
      length: 3,
      samples: scalarValues.map((v) => arrayRecord(BigInt64Array.of(BigInt(v)), [1])),
    })
    tensors.lz4_chunk = await arrays(ds, 'lz4_chunk', 'int32', [[16], [16], null, [5]], seed++, {
      chunkCompression: 'lz4',
    })
    tensors.lz4_sample = await arrays(
      ds,
      'lz4_sample',
      'float32',
      [
        [3, 4],
        [0, 4],
        [6, 2],
      ],
      seed++,
      { sampleCompression: 'lz4' },
    )
    const many = Array.from({ length: 60 }, () => [64])
    tensors.multi_chunk = await arrays(ds, 'multi_chunk', 'float32', many, seed++, { maxChunkSize: 2048 })
    tensors.multi_chunk_lz4 = await arrays(ds, 'multi_chunk_lz4', 'uint16', many, seed++, {
      maxChunkSize: 2048,
      chunkCompression: 'lz4',
    })
    tensors.tiled = await arrays(
      ds,
      'tiled',
      'float32',
      [
        [40, 40],
        [3, 5],
        [33, 70],
      ],
      seed++,
      { maxChunkSize: 4096, tilingThreshold: 2048 },
    )
    tensors.tiled_rgb = await arrays(
      ds,
      'tiled_rgb',
      'uint8',
      [
        [30, 50, 3],
        [2, 2, 3],
      ],
      seed++,
      { maxChunkSize: 2048, tilingThreshold: 1024 },
    )
    // Every sample the same shape and tiled: tile shapes must come from the tile chunks.
    tensors.tiled_fixed = await arrays(
      ds,
      'tiled_fixed',
      'float32',
      [
        [24, 20],
        [24, 20],
      ],
      seed++,
      {
        maxChunkSize: 2048,
        tilingThreshold: 1024,
      },
    )
    tensors.embeddings = await arrays(
      ds,
      'embeddings',
      'float32',
      Array.from({ length: 10 }, () => [16]),
      seed++,
      {},
      'embedding',
    )

    const labels = await ds.createTensor('labels', { htype: 'class_label', classNames: ['cat', 'dog'] })
    const inputs: unknown[] = ['dog', 0, 'bird', ['cat', 'fish'], null]
    await labels.extend(inputs)
    const names = ['cat', 'dog', 'bird', 'fish']
    const indices = [[1], [0], [2], [0, 3], []]
    tensors.labels = base('class_label', 'uint32', {
      length: inputs.length,
      info: { class_names: names },
      samples: indices.map((idx) => ({
        ...arrayRecord(Uint32Array.from(idx), [idx.length]),
        text: idx.map((i) => names[i]!),
      })),
    })
    return { dataset: 'shoal_numeric', tensor_names: Object.keys(tensors), tensors }
  },
}

const textual: WriteCase = {
  name: 'shoal_text',
  async write(ds) {
    const tensors: Record<string, TensorSpec> = {}
    const strings = ['hello', '', 'héllo wörld ✓ 日本語 🐟', null, 'tab\tand\nnewline "quoted" \\ backslash']
    for (const [name, options] of [
      ['text', {}],
      ['text_lz4', { chunkCompression: 'lz4' }],
      ['text_lz4_sample', { sampleCompression: 'lz4' }],
    ] as const) {
      const t = await ds.createTensor(name, { htype: 'text', ...options })
      await t.extend(strings)
      tensors[name] = base('text', 'str', {
        length: strings.length,
        sample_compression: (options as Record<string, string>).sampleCompression ?? null,
        chunk_compression: (options as Record<string, string>).chunkCompression ?? null,
        samples: strings.map((s) => ({ value: s ?? '' })),
      })
    }
    const objects: unknown[] = [
      { a: 1, b: [1, 2, 3], c: { d: 'e' } },
      null,
      [1, 'x', null],
      { float: 1.5, neg: -3, bool: true, null: null, unicode: 'ü 日本 🐟', nested: { deeper: [{ k: 'v' }] } },
      'just a string',
    ]
    for (const [name, options] of [
      ['json', {}],
      ['json_lz4', { sampleCompression: 'lz4' }],
    ] as const) {
      const t = await ds.createTensor(name, { htype: 'json', ...options })
      await t.extend(objects)
      tensors[name] = base('json', 'Any', {
        length: objects.length,
        sample_compression: (options as Record<string, string>).sampleCompression ?? null,
        samples: objects.map((o) => ({ value: o ?? {} })),
      })
    }
    const lists: unknown[] = [['a', 'b'], [], [1, 2.5, 'ü'], null, [['nested'], { k: 1 }]]
    const list = await ds.createTensor('list', { htype: 'list' })
    await list.extend(lists)
    tensors.list = base('list', 'List', {
      length: lists.length,
      samples: lists.map((l) => ({ value: l ?? [] })),
    })
    const tags = await ds.createTensor('tags', { htype: 'tag' })
    await tags.extend([['outdoor', 'day'], 'night', []])
    tensors.tags = base('tag', 'List', {
      length: 3,
      samples: [{ value: ['outdoor', 'day'] }, { value: ['night'] }, { value: [] }],
    })
    return { dataset: 'shoal_text', tensor_names: Object.keys(tensors), tensors }
  },
}

const sequences: WriteCase = {
  name: 'shoal_sequences',
  async write(ds) {
    const tensors: Record<string, TensorSpec> = {}
    const random = seeded(99)
    const seq = await ds.createTensor('seq_int', { htype: 'sequence[generic]', dtype: 'int32' })
    const shapes = [[[2], [3], [1]], [[4]], [[2], [2]]]
    const seqSamples: SampleSpec[] = []
    for (const itemShapes of shapes) {
      const items = itemShapes.map((shape) => ({ shape, data: makeArray('int32', shape[0]!, random).data }))
      await seq.append(items.map(({ shape, data }) => ({ dtype: 'int32', shape, data })))
      seqSamples.push({ items: items.map(({ shape, data }) => arrayRecord(data, shape)) })
    }
    tensors.seq_int = base('sequence[generic]', 'int32', { length: shapes.length, samples: seqSamples })

    const labels = await ds.createTensor('seq_labels', {
      htype: 'sequence[class_label]',
      classNames: ['walk'],
    })
    const labelInputs = [['walk', 'run', 'walk'], ['jump']]
    await labels.extend(labelInputs)
    const names = ['walk', 'run', 'jump']
    tensors.seq_labels = base('sequence[class_label]', 'uint32', {
      length: 2,
      info: { class_names: names },
      samples: labelInputs.map((items) => ({
        items: items.map((n) => arrayRecord(Uint32Array.of(names.indexOf(n)), [1])),
      })),
    })
    return { dataset: 'shoal_sequences', tensor_names: Object.keys(tensors), tensors }
  },
}

/** Every dataset core can write on its own; plugin packages add theirs as they land. */
export const writeCases: readonly WriteCase[] = [numeric, textual, sequences]
