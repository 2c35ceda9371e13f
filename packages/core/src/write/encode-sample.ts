import type { CodecImplementation, CompressionCodec } from '../codec/contract.js'
import { listCodecs, loadCodec } from '../codec/registry.js'
import { bytesOf, isNumericDtype, itemSize, type NumericDtype, typedView } from '../dtype.js'
import type { EncodedItem } from '../engine/tensor-writer.js'
import { isShoalError, ShoalError } from '../errors.js'
import { encodeCustomJson } from '../format/custom-json.js'
import { encodePolygons } from '../format/polygon.js'
import { pythonJson } from '../format/python-json.js'
import { computeTileShape } from '../format/tile-encoder.js'
import type { HtypeDefinition } from '../htype/contract.js'
import { type NDArray, shapeSize } from '../ndarray.js'
import { type FileSample, fileName, isFileSample, isLinkSample } from './inputs.js'
import { inferDtype, toNDArray } from './normalize.js'
import { nativeJson, plainPythonJson, pythonizedMaxBytes, writePythonized } from './plain-json.js'
import { splitTiles } from './split-tiles.js'
import { encodeUtf8, writeIntoBlock } from './utf8-blocks.js'

/** What encoding a tensor's samples needs to know; one per tensor, reused for every sample. */
export interface SampleEncoderInit {
  readonly tensor: string
  readonly htype: HtypeDefinition
  /** The tensor's dtype, or null while it is still to be inferred. */
  dtype: string | null
  /** Rank of the stored samples once known. */
  ndim: number | undefined
  readonly sampleCompression: string | null
  readonly chunkCompression: string | null
  readonly sampleCodec?: { codec: CompressionCodec; impl: CodecImplementation }
  /** The chunk compression's codec (lz4, or an image format whose canvas is encoded at seal time). */
  readonly chunkCodec?: CompressionCodec
  /** Codecs passed to openDataset, searched before the registry to decode read() files. */
  readonly localCodecs?: readonly CompressionCodec[]
  readonly tilingThreshold: number | null
  /** Stored meta keys (snake_case) for validators. */
  readonly meta: Readonly<Record<string, unknown>>
  /** The tensor's info (coords, keypoints, …) for validators. */
  readonly info?: Readonly<Record<string, unknown>>
  /** Class names so far (class_label); new names are collected, not applied, until the batch is valid. */
  readonly classNames?: readonly string[]
  cast: boolean
}

/** An encoded item plus what the companions and the meta need. */
export interface EncodedSample extends EncodedItem {
  /** The sample's shape for min/max shape and the `_shape` tensor (null sample: undefined). */
  readonly sampleShape: readonly number[] | undefined
  /** For `_info`: file details of a read() sample, else {}. */
  readonly sampleInfo: Record<string, unknown>
}

const DEFAULT_TILING_THRESHOLD = 16_000_000

/**
 * Turns one user value into the bytes a chunk stores, or throws a typed error naming the tensor
 * and index. Pure with respect to the dataset: class names found are returned through
 * `newClassNames`, applied by the caller only once the whole batch is valid.
 */
export async function encodeSample(
  value: unknown,
  index: number,
  init: SampleEncoderInit,
  newClassNames: string[],
): Promise<EncodedSample> {
  const { htype } = init
  switch (htype.layout) {
    case 'text':
    case 'json':
    case 'list':
      return encodeTextSample(value, index, init)!
    case 'polygon':
      return encodePolygon(value, index, init)
    case 'array':
      return encodeArraySample(value, index, init, newClassNames)
  }
}

/**
 * {@link encodeSample} for the text, json and list layouts, synchronously (ingest loops call it
 * without a promise per sample); undefined for the other layouts.
 */
export function encodeTextSample(
  value: unknown,
  index: number,
  init: SampleEncoderInit,
): EncodedSample | undefined {
  switch (init.htype.layout) {
    case 'text':
      return textLike(encodeText(value, index, init), TEXT_SHAPE, init)
    case 'json':
      return textLike(encodeJson(value ?? {}, index, init), TEXT_SHAPE, init)
    case 'list': {
      const list =
        value === null || value === undefined
          ? []
          : typeof value === 'string' && init.htype.name === 'tag'
            ? [value]
            : value
      if (!Array.isArray(list)) throw invalid(init, index, `a list`, value)
      return textLike(encodeJson(list, index, init), [list.length], init)
    }
    default:
      return undefined
  }
}

function encodeText(value: unknown, index: number, init: SampleEncoderInit): Uint8Array {
  if (value === null || value === undefined) return new Uint8Array(0)
  if (typeof value !== 'string') throw invalid(init, index, 'a string', value)
  return encodeUtf8(value)
}

function encodeJson(value: unknown, index: number, init: SampleEncoderInit): Uint8Array {
  try {
    // Plain JSON values go through the native serializer, rewritten to Python's text straight
    // into the payload bytes; the others through the general writer. Both give the same text.
    const native = nativeJson(value)
    const bytes =
      native === undefined
        ? undefined
        : writeIntoBlock(pythonizedMaxBytes(native), (into) => writePythonized(native, into))
    return bytes ?? encodeUtf8(plainPythonJson(value) ?? pythonJson(encodeCustomJson(value), {}))
  } catch (cause) {
    throw new ShoalError(
      'INVALID_SAMPLE',
      `tensor "${init.tensor}", sample ${index}: the value cannot be stored as JSON (${(cause as Error).message})`,
      { tensor: init.tensor, index, expected: 'a JSON-serialisable value', cause },
    )
  }
}

/** Shared by every text and json sample: a batch holds thousands, all until it is appended. */
const TEXT_SHAPE: readonly number[] = Object.freeze([1])
const NO_INFO: Record<string, unknown> = Object.freeze({})

function textLike(bytes: Uint8Array, shape: readonly number[], init: SampleEncoderInit): EncodedSample {
  const payload = init.sampleCodec?.impl.compressBytes ? init.sampleCodec.impl.compressBytes(bytes) : bytes
  return { payload, shape, sampleShape: shape, sampleInfo: NO_INFO }
}

function encodePolygon(value: unknown, index: number, init: SampleEncoderInit): EncodedSample {
  const dtype = numericDtype(init, index)
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) {
    const shape = [0, 0, 0]
    return { payload: new Uint8Array(0), shape, sampleShape: shape, sampleInfo: {} }
  }
  if (!Array.isArray(value)) throw invalid(init, index, 'a list of polygons, each a list of points', value)
  let encoded: { bytes: Uint8Array; shape: number[] }
  try {
    encoded = encodePolygons(value as number[][][], dtype)
  } catch (cause) {
    throw new ShoalError(
      'INVALID_SAMPLE',
      `tensor "${init.tensor}", sample ${index}: ${(cause as Error).message}`,
      {
        tensor: init.tensor,
        index,
        expected: 'polygons as lists of 2-D or 3-D points',
        cause,
      },
    )
  }
  const payload = init.sampleCodec?.impl.compressBytes
    ? init.sampleCodec.impl.compressBytes(encoded.bytes)
    : encoded.bytes
  return { payload, shape: encoded.shape, sampleShape: encoded.shape, sampleInfo: {} }
}

async function encodeArraySample(
  value: unknown,
  index: number,
  init: SampleEncoderInit,
  newClassNames: string[],
): Promise<EncodedSample> {
  if (value === null || value === undefined) {
    const shape = init.ndim === undefined ? undefined : new Array<number>(init.ndim).fill(0)
    return { payload: new Uint8Array(0), shape, sampleShape: shape, sampleInfo: {} }
  }
  if (isLinkSample(value))
    throw invalid(init, index, 'data (link() samples go into link[...] tensors)', value)
  if (isFileSample(value)) return encodeFile(value, index, init)
  if (init.htype.name === 'class_label') value = labelsToIndices(value, init, newClassNames)
  if (init.dtype === null) {
    const inferred = inferDtype(value)
    if (inferred) init.dtype = inferred
  }
  const array = toNDArray(value, {
    tensor: init.tensor,
    index,
    dtype: numericDtype(init, index),
    cast: init.cast,
  })
  return encodeArray(array, index, init)
}

/** Validates rank and htype rules, then tiles or compresses the array. */
export async function encodeArray(
  input: NDArray,
  index: number,
  init: SampleEncoderInit,
): Promise<EncodedSample> {
  const context = { tensor: init.tensor, index, meta: init.meta, ...(init.info ? { info: init.info } : {}) }
  let array = init.htype.convertSample ? init.htype.convertSample(input, context) : input
  if (init.ndim === 3 && array.shape.length === 2 && isImageLike(init)) {
    // Deep Lake's grayscale convention: a 2-D image in a 3-D tensor is stored as (H, W, 1).
    array = { ...array, shape: [...array.shape, 1] }
  }
  checkRank(array, index, init)
  init.htype.validateSample?.(array, context)
  checkEncodable(array, index, init)
  init.ndim ??= array.shape.length
  const shape = [...array.shape]
  if (shapeSize(shape) === 0) return { payload: new Uint8Array(0), shape, sampleShape: shape, sampleInfo: {} }
  const raw = bytesOf(array.data)
  const compressed = init.sampleCompression !== null || init.chunkCompression !== null
  const threshold = init.tilingThreshold ?? DEFAULT_TILING_THRESHOLD
  const estimate = raw.byteLength * (init.sampleCompression !== null ? 0.5 : 1)
  if (threshold !== -1 && estimate > threshold) {
    const excludeLast = !(
      init.htype.name === 'generic' && (init.sampleCompression ?? init.chunkCompression ?? 'lz4') === 'lz4'
    )
    const tileShape = computeTileShape(shape, itemSize(array.dtype), threshold, compressed, excludeLast)
    const parts = []
    for (const tile of splitTiles(raw, shape, tileShape, itemSize(array.dtype))) {
      parts.push({
        payload: await compressPayload(tile.bytes, tile.shape, array.dtype, index, init),
        shape: tile.shape,
      })
    }
    return {
      payload: new Uint8Array(0),
      shape,
      sampleShape: shape,
      sampleInfo: {},
      tiles: { sampleShape: shape, tileShape, parts },
    }
  }
  return {
    payload: await compressPayload(raw, shape, array.dtype, index, init),
    shape,
    sampleShape: shape,
    sampleInfo: {},
  }
}

/** True for image htypes and image compressions, where Deep Lake's grayscale convention applies. */
function isImageLike(init: SampleEncoderInit): boolean {
  return (
    init.htype.name === 'image' ||
    init.htype.name.startsWith('image.') ||
    init.sampleCodec?.codec.kind === 'image' ||
    init.chunkCodec?.kind === 'image'
  )
}

/**
 * Refuses arrays the tensor's image codec cannot store (float into jpeg, RGBA into jpeg) before
 * anything is written; a chunk canvas is only encoded when its chunk is sealed.
 */
function checkEncodable(array: NDArray, index: number, init: SampleEncoderInit): void {
  const codec = init.sampleCodec?.codec ?? (init.chunkCodec?.kind === 'image' ? init.chunkCodec : undefined)
  if (!codec || shapeSize(array.shape) === 0) return
  if (codec.readOnly) return // compressPayload names the problem
  if (codec.encodeDtypes && !codec.encodeDtypes.includes(array.dtype)) {
    throw new ShoalError(
      'INVALID_SAMPLE',
      `tensor "${init.tensor}", sample ${index}: ${codec.name} cannot hold ${array.dtype} values`,
      { tensor: init.tensor, index, expected: `${codec.encodeDtypes.join(' or ')} values` },
    )
  }
  const channels = array.shape.length === 3 ? array.shape[2]! : array.shape.length === 2 ? 1 : undefined
  if (codec.encodeChannels && (channels === undefined || !codec.encodeChannels.includes(channels))) {
    throw new ShoalError(
      'INVALID_SAMPLE',
      `tensor "${init.tensor}", sample ${index}: ${codec.name} cannot store shape [${array.shape.join(', ')}]`,
      {
        tensor: init.tensor,
        index,
        expected: `(H, W) or (H, W, C) with C in ${codec.encodeChannels.join(', ')}`,
      },
    )
  }
}

async function compressPayload(
  raw: Uint8Array,
  shape: readonly number[],
  dtype: NumericDtype,
  index: number,
  init: SampleEncoderInit,
): Promise<Uint8Array> {
  const impl = init.sampleCodec?.impl
  if (!impl) return raw
  if (impl.compressBytes) return impl.compressBytes(raw)
  if (!impl.encodeSample) {
    throw new ShoalError(
      'UNSUPPORTED',
      `tensor "${init.tensor}", sample ${index}: arrays cannot be encoded as ${init.sampleCompression}; append files with read() instead`,
      { tensor: init.tensor, index, expected: `a ${init.sampleCompression} file` },
    )
  }
  return impl.encodeSample(
    { dtype, shape, data: typedView(dtype, raw) },
    { tensor: init.tensor, index, htype: init.htype.name },
  )
}

async function encodeFile(file: FileSample, index: number, init: SampleEncoderInit): Promise<EncodedSample> {
  const codec = init.sampleCodec
  // The file's own codec is looked up only when needed: files in the tensor's format skip it.
  let ownLookup: { codec: CompressionCodec | undefined } | undefined
  const ownCodec = () => {
    ownLookup ??= { codec: fileCodec(file, init) }
    return ownLookup.codec
  }
  if (!codec?.impl.decodeSample && !ownCodec()) {
    throw new ShoalError(
      'UNSUPPORTED',
      `tensor "${init.tensor}", sample ${index}: no registered codec reads ${fileName(file)}; install the htype package of its format`,
      { tensor: init.tensor, index, expected: 'an array, or a file in a registered format' },
    )
  }
  const matches =
    codec !== undefined && init.chunkCompression === null && (codec.codec.matchesMagic?.(file.bytes) ?? false)
  if (codec?.codec.readOnly && init.chunkCompression === null && !matches) {
    // A read-only format (video, audio, …) is never re-encoded: refuse before decoding anything.
    const own = ownCodec()
    const other = own !== undefined && own.name !== codec.codec.name
    throw new ShoalError(
      other ? 'UNSUPPORTED' : 'INVALID_SAMPLE',
      other
        ? `tensor "${init.tensor}", sample ${index}: ${fileName(file)} is ${own.name}, and files cannot be recompressed to ${codec.codec.name}; store it in a ${own.name} tensor`
        : `tensor "${init.tensor}", sample ${index}: ${fileName(file)} is not a ${codec.codec.name} file (its content does not match the format)`,
      { tensor: init.tensor, index, expected: `a ${codec.codec.name} file` },
    )
  }
  const described = matches ? await describeFile(file, index, init) : undefined
  const context = { tensor: init.tensor, index, meta: init.meta, ...(init.info ? { info: init.info } : {}) }
  if (described && (init.htype.keepsFile?.(described.shape, context) ?? true)) {
    // Same format as the tensor: keep the file's bytes exactly (spec §2.4.2).
    const { info } = described
    if (init.dtype === null && described.dtype !== undefined) init.dtype = described.dtype
    let { shape } = described
    if (init.ndim === 3 && shape.length === 2 && isImageLike(init)) shape = [...shape, 1]
    checkRank({ dtype: 'uint8', shape, data: new Uint8Array(0) }, index, init)
    init.ndim ??= shape.length
    return {
      payload: file.bytes,
      shape,
      sampleShape: shape,
      sampleInfo: {
        format: init.sampleCompression,
        shape,
        filename: file.path ?? '',
        modified: false,
        ...info,
      },
    }
  }
  const array = await decodeFile(file, index, init)
  const encoded = await encodeArray(array, index, init)
  return {
    ...encoded,
    sampleInfo: {
      format: ownCodec()?.name ?? init.sampleCompression,
      shape: [...array.shape],
      filename: file.path ?? '',
      modified: true,
    },
  }
}

/** Shape (and codec-specific info) of a file stored as it is; a file the codec rejects is INVALID_SAMPLE. */
async function describeFile(
  file: FileSample,
  index: number,
  init: SampleEncoderInit,
): Promise<{ shape: number[]; dtype?: string; info?: Readonly<Record<string, unknown>> }> {
  const impl = init.sampleCodec!.impl
  const context = { tensor: init.tensor, index, htype: init.htype.name }
  try {
    if (impl.describeFile) {
      const described = await impl.describeFile(file.bytes, context)
      return {
        shape: [...described.shape],
        ...(described.dtype ? { dtype: described.dtype } : {}),
        ...(described.info ? { info: described.info } : {}),
      }
    }
    if (impl.readShape) return { shape: [...(await impl.readShape(file.bytes))] }
  } catch (cause) {
    if (isShoalError(cause) && cause.tensor !== undefined) throw cause
    throw new ShoalError(
      'INVALID_SAMPLE',
      `tensor "${init.tensor}", sample ${index}: ${fileName(file)} is not a readable ${init.sampleCompression} file (${(cause as Error).message})`,
      { tensor: init.tensor, index, expected: `a ${init.sampleCompression} file`, cause },
    )
  }
  return { shape: [...(await decodeFile(file, index, init)).shape] }
}

/** The codec of a read() file's own format: magic bytes first, then the file name's extension. */
function fileCodec(file: FileSample, init: SampleEncoderInit): CompressionCodec | undefined {
  const candidates = [...(init.localCodecs ?? []), ...listCodecs()].filter(
    (c) => c.unsupported === undefined && c.kind !== 'byte',
  )
  const byMagic = candidates.find((c) => c.matchesMagic?.(file.bytes) ?? false)
  if (byMagic) return byMagic
  const ext = file.path?.toLowerCase().match(/\.([a-z0-9.]+)$/)?.[1]
  if (ext === undefined) return undefined
  return candidates.find((c) => c.extensions?.some((e) => ext === e || ext.endsWith(`.${e}`)))
}

async function decodeFile(file: FileSample, index: number, init: SampleEncoderInit): Promise<NDArray> {
  const own = fileCodec(file, init)
  try {
    const impl = own ? await loadCodec(own) : init.sampleCodec?.impl
    if (!impl?.decodeSample) throw new Error('no registered codec decodes this format')
    return await impl.decodeSample(file.bytes, {
      dtype: numericDtype(init, index),
      tensor: init.tensor,
      index,
      htype: init.htype.name,
    })
  } catch (cause) {
    throw new ShoalError(
      'INVALID_SAMPLE',
      `tensor "${init.tensor}", sample ${index}: ${fileName(file)} is not a readable ${own?.name ?? init.sampleCompression ?? 'image'} file (${(cause as Error).message})`,
      { tensor: init.tensor, index, expected: `a ${own?.name ?? init.sampleCompression} file`, cause },
    )
  }
}

function labelsToIndices(value: unknown, init: SampleEncoderInit, newClassNames: string[]): unknown {
  const lookup = (name: string): number => {
    const known = init.classNames?.indexOf(name) ?? -1
    if (known >= 0) return known
    const added = newClassNames.indexOf(name)
    if (added >= 0) return (init.classNames?.length ?? 0) + added
    newClassNames.push(name)
    return (init.classNames?.length ?? 0) + newClassNames.length - 1
  }
  if (typeof value === 'string') return [lookup(value)]
  if (Array.isArray(value) && value.some((v) => typeof v === 'string')) {
    return value.map((v) => (typeof v === 'string' ? lookup(v) : v))
  }
  if (typeof value === 'number' || typeof value === 'bigint') return [value]
  return value
}

function checkRank(array: NDArray, index: number, init: SampleEncoderInit): void {
  const { ranks } = init.htype
  if (ranks && !ranks.includes(array.shape.length)) {
    throw new ShoalError(
      'INVALID_SAMPLE',
      `tensor "${init.tensor}", sample ${index}: a ${init.htype.name} sample has ${ranks.join(' or ')} dimensions; got shape [${array.shape.join(', ')}]`,
      { tensor: init.tensor, index, expected: `${ranks.join(' or ')} dimensions` },
    )
  }
  if (init.ndim !== undefined && array.shape.length !== init.ndim && shapeSize(array.shape) > 0) {
    throw new ShoalError(
      'INVALID_SAMPLE',
      `tensor "${init.tensor}", sample ${index}: shape [${array.shape.join(', ')}] has ${array.shape.length} dimensions; this tensor's samples have ${init.ndim}`,
      { tensor: init.tensor, index, expected: `${init.ndim} dimensions` },
    )
  }
}

function numericDtype(init: SampleEncoderInit, index: number): NumericDtype {
  if (init.dtype === null) {
    throw new ShoalError(
      'INVALID_SAMPLE',
      `tensor "${init.tensor}", sample ${index}: cannot infer a dtype from this value`,
      {
        tensor: init.tensor,
        index,
        expected: 'numbers, booleans or a typed array',
      },
    )
  }
  if (!isNumericDtype(init.dtype)) {
    throw new ShoalError(
      'INVALID_SAMPLE',
      `tensor "${init.tensor}" has dtype ${init.dtype}, which holds no arrays`,
      {
        tensor: init.tensor,
        index,
      },
    )
  }
  return init.dtype
}

function describe(value: unknown): string {
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`
  if (Array.isArray(value)) return 'an array'
  if (value === null) return 'null'
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}

function invalid(init: SampleEncoderInit, index: number, expected: string, value: unknown): ShoalError {
  return new ShoalError(
    'INVALID_SAMPLE',
    `tensor "${init.tensor}" (${init.htype.name}), sample ${index}: expected ${expected}, got ${describe(value)}`,
    { tensor: init.tensor, index, expected },
  )
}
