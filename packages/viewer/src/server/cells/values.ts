/** Cells of labels, text, json, lists, embeddings and plain arrays. */
import type { NDArray, SampleValue } from '@shoal/core'
import type { ArrayCell, EmbeddingCell, LabelsCell, TextCell } from '../../shared/protocol.js'
import { downsample, numberAt, statsOf, tidy, toFloat64 } from '../numbers.js'
import { sampleUrl } from '../urls.js'
import { type CellContext, limitsOf } from './context.js'

const isArray = (value: SampleValue): value is NDArray =>
  value !== null && typeof value === 'object' && 'shape' in value && 'data' in value

/** Class labels with their names from `info.class_names`. */
export function labelsCell(value: SampleValue, context: CellContext): LabelsCell {
  const names = context.entry.summary.classNames ?? []
  const ids = isArray(value) ? Array.from({ length: value.data.length }, (_, i) => numberAt(value, i)) : []
  return { kind: 'class_label', labels: ids.map((id) => ({ id, name: names[id] ?? null })) }
}

function clip(kind: TextCell['kind'], text: string, context: CellContext): TextCell {
  const limit = limitsOf(context).text
  return text.length <= limit
    ? { kind, text, truncated: 0 }
    : { kind, text: text.slice(0, limit), truncated: text.length - limit }
}

/** Text as it is. */
export function textCell(value: SampleValue, context: CellContext): TextCell {
  return clip('text', typeof value === 'string' ? value : String(value ?? ''), context)
}

/** Replaces typed arrays (which JSON.stringify turns into objects) with plain lists. */
function plain(value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView))
    return Array.from(value as unknown as ArrayLike<number | bigint>, (v) =>
      typeof v === 'bigint' ? Number(v) : v,
    )
  if (Array.isArray(value)) return value.map(plain)
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, plain(v)]))
  return value
}

/** JSON (and list / tag samples) pretty-printed in the sample view, compact in the grid. */
export function jsonCell(kind: 'json' | 'list', value: SampleValue, context: CellContext): TextCell {
  const text = JSON.stringify(plain(value), null, context.detail ? 2 : undefined) ?? 'null'
  return clip(kind, text, context)
}

/** An embedding: its values (bucket means past the page's limit), range and norm. */
export function embeddingCell(value: SampleValue, context: CellContext): EmbeddingCell {
  const array = isArray(value) ? value : { dtype: 'float64' as const, shape: [0], data: new Float64Array(0) }
  const all = toFloat64(array)
  let norm = 0
  let min = Number.POSITIVE_INFINITY
  let max = Number.NEGATIVE_INFINITY
  for (const v of all) {
    norm += v * v
    if (v < min) min = v
    if (v > max) max = v
  }
  const { values, bucket } = downsample(all, limitsOf(context).embedding)
  return {
    kind: 'embedding',
    length: all.length,
    values: values.map((v) => tidy(v, array.dtype)),
    bucket,
    min: all.length ? tidy(min, array.dtype) : 0,
    max: all.length ? tidy(max, array.dtype) : 0,
    norm: Number(Math.sqrt(norm).toPrecision(6)),
  }
}

/** The height and width a sample can be drawn with as a heat map (2-D, or 3-D with one channel). */
export function heatmapSize(shape: readonly number[]): { height: number; width: number } | undefined {
  const dims = shape.length === 3 && shape[2] === 1 ? shape.slice(0, 2) : shape
  if (dims.length !== 2) return undefined
  const [height, width] = dims as [number, number]
  return height >= 2 && width >= 2 ? { height, width } : undefined
}

/** Whether a plain array is really a picture: uint8 (H, W, 3 or 4). */
export function looksLikeImage(dtype: string, shape: readonly number[]): boolean {
  return dtype === 'uint8' && shape.length === 3 && (shape[2] === 3 || shape[2] === 4)
}

/** Any other numeric sample: shape, stats, the first values, and a picture of 2-D ones. */
export function arrayCell(value: SampleValue, context: CellContext): ArrayCell {
  const { entry, index, item } = context
  const htype = entry.summary.htype
  if (!isArray(value)) return { kind: 'array', htype, dtype: typeof value, shape: [] }
  const shown = Math.min(value.data.length, limitsOf(context).values)
  const values: number[] = []
  for (let i = 0; i < shown; i++) values.push(tidy(numberAt(value, i), value.dtype))
  return {
    kind: 'array',
    htype,
    dtype: value.dtype,
    shape: [...value.shape],
    stats: statsOf(value),
    values,
    ...(heatmapSize(value.shape)
      ? { heatmap: sampleUrl('heatmap.png', entry.tensor.name, index, item) }
      : {}),
    ...(looksLikeImage(value.dtype, value.shape)
      ? { image: sampleUrl('image', entry.tensor.name, index, item) }
      : {}),
  }
}
