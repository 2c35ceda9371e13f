import { itemSize, type NumericDtype, typedView } from '../dtype.js'
import { ShoalError } from '../errors.js'
import { type NDArray, shapeSize } from '../ndarray.js'
import type { SampleValue, TensorReader } from './tensor-reader.js'

/** Options of `Tensor.scan`. */
export interface ScanOptions {
  /** Samples per step; default 256. */
  readonly batch?: number
  /** First sample (inclusive); default 0. */
  readonly start?: number
  /** Last sample (exclusive); default the tensor length at the start of the scan. */
  readonly end?: number
}

/** One step of `Tensor.scan`: samples `start` to `end` (exclusive). */
export interface ScanBatch {
  readonly start: number
  readonly end: number
  /**
   * The samples in order. For a {@link ScanBatch.stacked stacked} batch they are views of
   * `stacked`, so they are only valid until the scan takes its next step.
   */
  readonly samples: readonly SampleValue[]
  /**
   * Tensors whose samples all have one shape, are numeric and are stored without a sample codec:
   * every sample of the step as one `[n, ...shape]` array. Its memory is reused by the next step:
   * copy (`data.slice()`) what must outlive it.
   */
  readonly stacked?: NDArray
}

const DEFAULT_SCAN_BATCH = 256

/** A stacked step; per-sample views are made only when asked for. */
class StackedBatch implements ScanBatch {
  private views: SampleValue[] | undefined

  constructor(
    readonly start: number,
    readonly end: number,
    readonly stacked: NDArray,
    private readonly sampleShape: readonly number[],
  ) {}

  get samples(): readonly SampleValue[] {
    if (!this.views) this.views = unstack(this.stacked, this.sampleShape)
    return this.views
  }
}

/** The samples of a stacked array, as views. */
function unstack(stacked: NDArray, sampleShape: readonly number[]): NDArray[] {
  const count = stacked.shape[0] ?? 0
  const size = shapeSize(sampleShape)
  const out = new Array<NDArray>(count)
  for (let k = 0; k < count; k++) {
    out[k] = {
      dtype: stacked.dtype,
      shape: [...sampleShape],
      data: stacked.data.subarray(k * size, (k + 1) * size) as NDArray['data'],
    }
  }
  return out
}

/** Checks scan / stacked-range bounds; returns [start, end) clamped to `length`. */
export function checkSpan(name: string, length: number, start: number, end: number): [number, number] {
  const stop = Math.min(end, length)
  if (!Number.isInteger(start) || !Number.isInteger(stop) || start < 0 || start > stop) {
    throw new ShoalError('INDEX_OUT_OF_RANGE', `range [${start}, ${end}) is not valid for tensor "${name}"`, {
      tensor: name,
      expected: `0 <= start <= end, end <= ${length}`,
    })
  }
  return [start, stop]
}

/**
 * Samples [start, end) as one `[n, ...shape]` array in `into` (or a new buffer): read straight from
 * the chunks when the tensor is stackable, else copied from decoded samples of one shape.
 */
export async function readStacked(
  reader: TensorReader,
  name: string,
  start: number,
  end: number,
  getRange: (start: number, end: number) => Promise<SampleValue[]>,
  into?: Uint8Array,
): Promise<NDArray> {
  const shape = reader.stackableShape
  if (shape) {
    const dtype = reader.meta.dtype as NumericDtype
    const bytes = into ?? new Uint8Array((end - start) * shapeSize(shape) * itemSize(dtype))
    if (await reader.readStackedInto(start, end, bytes))
      return { dtype, shape: [end - start, ...shape], data: typedView(dtype, bytes) }
  }
  return stackSamples(name, start, await getRange(start, end), into)
}

/** Copies decoded samples of one shape into one array; UNSUPPORTED when they are not arrays of one shape. */
function stackSamples(name: string, start: number, samples: SampleValue[], into?: Uint8Array): NDArray {
  const first = samples[0] as NDArray | undefined
  const unstackable = (index: number, why: string) =>
    new ShoalError('UNSUPPORTED', `tensor "${name}" cannot be stacked: sample ${index} ${why}`, {
      tensor: name,
      index,
      expected: 'numeric samples of one shape',
    })
  if (first === undefined) return { dtype: 'uint8', shape: [0], data: new Uint8Array(0) }
  if (!isArray(first)) throw unstackable(start, 'is not an array')
  const size = first.data.byteLength
  const bytes = into ?? new Uint8Array(size * samples.length)
  samples.forEach((sample, k) => {
    if (!isArray(sample) || sample.dtype !== first.dtype) throw unstackable(start + k, 'is not an array')
    const same =
      sample.shape.length === first.shape.length && sample.shape.every((d, axis) => d === first.shape[axis])
    if (!same) throw unstackable(start + k, `has shape [${sample.shape}], not [${first.shape}]`)
    bytes.set(new Uint8Array(sample.data.buffer, sample.data.byteOffset, sample.data.byteLength), k * size)
  })
  return { dtype: first.dtype, shape: [samples.length, ...first.shape], data: typedView(first.dtype, bytes) }
}

function isArray(value: unknown): value is NDArray {
  return (
    typeof value === 'object' &&
    value !== null &&
    'dtype' in value &&
    'shape' in value &&
    ArrayBuffer.isView((value as NDArray).data)
  )
}

/**
 * The steps of a scan. Stackable tensors fill one reused buffer per step (no allocation per
 * chunk or per sample); other tensors yield `getRange` batches.
 */
export async function* scanBatches(
  reader: TensorReader,
  name: string,
  span: readonly [number, number],
  batch: number | undefined,
  getRange: (start: number, end: number) => Promise<SampleValue[]>,
): AsyncGenerator<ScanBatch, void, undefined> {
  const step = batch ?? DEFAULT_SCAN_BATCH
  if (!Number.isInteger(step) || step < 1) {
    throw new ShoalError('INVALID_ARGUMENT', `scan batch must be a positive integer, got ${batch}`, {
      expected: 'an integer >= 1',
    })
  }
  const [first, end] = span
  const shape = reader.stackableShape
  let buffer: Uint8Array | undefined
  for (let start = first; start < end; start += step) {
    const stop = Math.min(end, start + step)
    if (shape) {
      const sampleBytes = shapeSize(shape) * itemSize(reader.meta.dtype as NumericDtype)
      buffer ??= new Uint8Array(Math.min(step, end - first) * sampleBytes)
      const into = buffer.subarray(0, (stop - start) * sampleBytes)
      const stacked = await readStacked(reader, name, start, stop, getRange, into)
      yield new StackedBatch(start, stop, stacked, shape)
    } else {
      yield { start, end: stop, samples: await getRange(start, stop) }
    }
  }
}
