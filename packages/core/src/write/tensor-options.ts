import type { CompressionCodec } from '../codec/contract.js'
import { canonicalCompression, requireCodec } from '../codec/registry.js'
import { isNumericDtype } from '../dtype.js'
import { ShoalError } from '../errors.js'
import { FORMAT_VERSION } from '../format/keys.js'
import type { TensorMeta } from '../format/tensor-meta.js'
import type { HtypeDefinition } from '../htype/contract.js'
import { parseHtypeName, requireHtype } from '../htype/registry.js'

/** Options of `ds.createTensor`, Deep Lake's create_tensor arguments in camelCase. */
export interface CreateTensorOptions {
  /** The htype, wrappers included: `image`, `sequence[bbox]`, `link[image]`. Default generic. */
  readonly htype?: string
  readonly dtype?: string
  /** Per-sample compression (`lz4`, `png`, …); `null` to say "none" explicitly. */
  readonly sampleCompression?: string | null
  /** Per-chunk compression (`lz4`, `png`); `null` to say "none" explicitly. */
  readonly chunkCompression?: string | null
  /** class_label / segment_mask names, stored in tensor_info.json. */
  readonly classNames?: readonly string[]
  /** bbox / bbox.3d coordinate convention, stored in tensor_info.json. */
  readonly coords?: Readonly<Record<string, unknown>>
  /** keypoints_coco keypoint names. */
  readonly keypoints?: readonly string[]
  /** keypoints_coco skeleton edges. */
  readonly connections?: readonly (readonly number[])[]
  /** Bytes per chunk before a new one starts (default 16 MB; chunks fill to half of it). */
  readonly maxChunkSize?: number
  /** Samples above this many bytes are tiled (default 16 MB; -1 disables). */
  readonly tilingThreshold?: number
  readonly hidden?: boolean
  /** Keep a hidden `_<name>_shape` tensor (default true, as Python). */
  readonly createShapeTensor?: boolean
  /** Keep a hidden `_<name>_id` tensor (default true). */
  readonly createIdTensor?: boolean
  /** Keep a hidden `_<name>_info` tensor for file htypes (default true). */
  readonly createSampleInfoTensor?: boolean
  /** Links: open each linked file at append to check it and record its shape (default true). */
  readonly verify?: boolean
}

/** Names that would collide with dataset-level files or folders. */
const RESERVED = new Set([
  'dataset_meta.json',
  'dataset_info.json',
  'version_control_info.json',
  'version_control_info',
  'version_control_info.lock',
  'linked_creds.json',
  'dataset_lock.lock',
  'commit_info.json',
  'dataset_diff',
  'queries.json',
  'queries.lock',
  'versions',
  'chunks',
  'chunks_index',
  'tiles_index',
  'sequence_index',
  'creds_index',
  'pad_index',
  'tensor_meta.json',
  'tensor_info.json',
  'commit_diff',
  'chunk_set',
])

function fail(name: string, message: string, expected: string): ShoalError {
  return new ShoalError('INVALID_ARGUMENT', `createTensor("${name}"): ${message}`, { tensor: name, expected })
}

/** Rejects names that are empty, absolute, escape the dataset, or use a reserved key. */
export function checkTensorName(name: string): void {
  if (typeof name !== 'string' || name.trim() === '')
    throw fail(String(name), 'the name is empty', 'a non-empty name')
  if (name.startsWith('/') || name.endsWith('/'))
    throw fail(
      name,
      'a name cannot start or end with "/"',
      'a relative name such as "images" or "group/labels"',
    )
  const parts = name.split('/')
  if (parts.some((p) => p === '' || p === '.' || p === '..')) {
    throw fail(name, 'a name cannot contain empty, "." or ".." parts', 'names separated by single "/"')
  }
  const reserved = parts.find((p) => RESERVED.has(p))
  if (reserved !== undefined)
    throw fail(name, `"${reserved}" is a reserved key of the format`, 'a name that is not a format file')
  if (/[\\\0]/.test(name)) throw fail(name, 'a name cannot contain "\\" or NUL', 'a plain name')
}

/** The validated pieces of a new tensor: its htype and its tensor_meta / tensor_info. */
export interface TensorPlan {
  readonly htype: HtypeDefinition
  readonly meta: TensorMeta
  readonly info: Record<string, unknown>
  readonly companions: { readonly id: boolean; readonly shape: boolean; readonly info: boolean }
}

/**
 * Checks createTensor's options against the htype (dtype, compressions, required arguments) and
 * builds the tensor_meta Python would write. Throws before anything is written.
 */
export function planTensor(
  name: string,
  options: CreateTensorOptions,
  local?: ReadonlyMap<string, HtypeDefinition>,
  localCodecs?: ReadonlyMap<string, CompressionCodec>,
): TensorPlan {
  const { base, isSequence, isLink } = parseHtypeName(options.htype ?? 'generic')
  const htype = requireHtype(base, { tensor: name, ...(local ? { local } : {}) })
  if (isLink && base === 'generic')
    throw fail(name, 'link[...] needs a specific htype such as link[image]', 'link[image] and similar')
  if (isSequence && htype.allowedInSequence === false)
    throw fail(name, `sequence[${base}] is not allowed`, `a htype other than ${base}`)
  if (
    htype.requiresCompressionArgument &&
    !('sampleCompression' in options) &&
    !('chunkCompression' in options)
  ) {
    throw fail(
      name,
      `htype "${base}" needs sampleCompression or chunkCompression (null is allowed, to store raw pixels)`,
      'sampleCompression or chunkCompression',
    )
  }
  const sample = normalizeCompression(
    name,
    // An explicit null means "none", even for htypes with a default (mesh, dicom); so does
    // asking for a chunk compression instead.
    (options.sampleCompression === undefined && !options.chunkCompression
      ? htype.defaultSampleCompression
      : options.sampleCompression) ?? null,
  )
  const chunk = normalizeCompression(name, options.chunkCompression ?? null)
  if (sample !== null && chunk !== null) {
    throw fail(name, 'sampleCompression and chunkCompression cannot both be set', 'one of them, or neither')
  }
  for (const compression of [sample, chunk]) {
    if (compression === null) continue
    const allowed = htype.compressions ?? 'any'
    if (allowed !== 'any' && !allowed.includes(compression)) {
      throw fail(
        name,
        `htype "${base}" does not allow compression "${compression}"`,
        `one of: ${allowed.join(', ') || 'none'}`,
      )
    }
    if (isLink) continue
    const codec = requireCodec(compression, { tensor: name, ...(localCodecs ? { local: localCodecs } : {}) })
    if (codec.unsupported !== undefined) {
      throw new ShoalError(
        'UNSUPPORTED',
        `tensor "${name}": compression "${compression}" is not supported by ${codec.providedBy}: ${codec.unsupported}`,
        { tensor: name, expected: 'a supported compression', plugin: codec.providedBy },
      )
    }
  }
  if (chunk !== null && !isLink && requireCodec(chunk, localCodecs ? { local: localCodecs } : {}).readOnly) {
    throw fail(name, `"${chunk}" cannot be a chunk compression`, 'lz4 or an image format')
  }
  const dtype = chooseDtype(name, base, htype, options.dtype)
  if (chunk !== null && !isLink && dtype !== null) {
    // A canvas is encoded when the chunk is sealed, after validation: refuse what it cannot hold now.
    const allowed = requireCodec(chunk, localCodecs ? { local: localCodecs } : {}).encodeDtypes
    if (allowed && !allowed.includes(dtype))
      throw fail(name, `chunk compression "${chunk}" cannot hold dtype ${dtype}`, allowed.join(' or '))
  }
  const info: Record<string, unknown> = structuredClone({ ...(htype.infoDefaults ?? {}) })
  if (options.classNames) info.class_names = [...options.classNames]
  if (options.coords) info.coords = { ...options.coords }
  if (options.keypoints) info.keypoints = [...options.keypoints]
  if (options.connections) info.connections = options.connections.map((c) => [...c])
  htype.validateInfo?.(info, { tensor: name })
  for (const [option, value] of [
    ['maxChunkSize', options.maxChunkSize],
    ['tilingThreshold', options.tilingThreshold],
  ] as const) {
    if (
      value !== undefined &&
      (!Number.isInteger(value) || (value <= 0 && !(option === 'tilingThreshold' && value === -1)))
    ) {
      throw fail(
        name,
        `${option} must be a positive integer${option === 'tilingThreshold' ? ' or -1' : ''}`,
        'a positive integer',
      )
    }
  }
  const verify = options.verify ?? true
  const layoutHasShape = htype.layout !== 'text' && htype.layout !== 'json' && base !== 'tag'
  const companions = {
    id: options.createIdTensor ?? true,
    shape: (options.createShapeTensor ?? true) && layoutHasShape && !(isLink && !verify),
    info:
      (options.createSampleInfoTensor ?? true) && (htype.companions?.info ?? false) && !(isLink && !verify),
  }
  const meta: TensorMeta = {
    htype: base,
    dtype,
    typestr: null,
    minShape: [],
    maxShape: [],
    length: 0,
    sampleCompression: sample,
    chunkCompression: chunk,
    maxChunkSize: options.maxChunkSize ?? null,
    tilingThreshold: options.tilingThreshold ?? null,
    hidden: options.hidden ?? false,
    isSequence,
    isLink,
    verify,
    links: {},
    name,
    version: FORMAT_VERSION,
    extra: structuredClone({ ...(htype.metaDefaults ?? {}) }) as Record<string, unknown>,
  }
  return { htype, meta, info, companions }
}

function normalizeCompression(name: string, value: string | null): string | null {
  if (value === null) return null
  if (typeof value !== 'string' || value === '')
    throw fail(name, 'a compression must be a name or null', 'e.g. "lz4" or "png"')
  return canonicalCompression(value)
}

function chooseDtype(
  name: string,
  base: string,
  htype: HtypeDefinition,
  dtype: string | undefined,
): string | null {
  if (dtype === undefined) return htype.defaultDtype
  if (htype.layout === 'text' && dtype !== 'str')
    throw fail(name, `htype "${base}" stores strings; its dtype is always "str"`, 'dtype "str" or none')
  if (htype.dtypes && !htype.dtypes.includes(dtype)) {
    throw fail(name, `htype "${base}" does not allow dtype "${dtype}"`, `one of: ${htype.dtypes.join(', ')}`)
  }
  if (htype.layout === 'array' || htype.layout === 'polygon') {
    if (!isNumericDtype(dtype))
      throw fail(name, `"${dtype}" is not a numeric dtype`, 'bool, int8…int64, uint8…uint64, float16/32/64')
  }
  return dtype
}

/** tensor_meta of a hidden companion (`_<name>_id`, `_shape`, `_info`) as Python writes it. */
export function companionMeta(name: string, kind: 'id' | 'shape' | 'info'): TensorMeta {
  const base: TensorMeta = {
    htype: kind === 'info' ? 'json' : 'generic',
    dtype: kind === 'id' ? 'uint64' : kind === 'shape' ? 'int64' : 'Any',
    typestr: kind === 'id' ? '<u8' : null,
    minShape: [],
    maxShape: [],
    length: 0,
    sampleCompression: null,
    chunkCompression: null,
    maxChunkSize: kind === 'id' ? null : 4_000_000,
    tilingThreshold: null,
    hidden: true,
    isSequence: false,
    isLink: false,
    verify: true,
    links: {},
    name,
    version: FORMAT_VERSION,
    extra: {},
  }
  return base
}

/** The `links` entry a parent tensor keeps for each companion. */
export function companionLinks(
  name: string,
  companions: TensorPlan['companions'],
  prefix: string,
): TensorMeta['links'] {
  const links: TensorMeta['links'] = {}
  if (companions.id) links[`${prefix}_${name}_id`] = { extend: 'extend_id', flattenSequence: false }
  if (companions.info)
    links[`${prefix}_${name}_info`] = { extend: 'extend_info', flattenSequence: true, update: 'update_info' }
  if (companions.shape)
    links[`${prefix}_${name}_shape`] = {
      extend: 'extend_shape',
      flattenSequence: true,
      update: 'update_shape',
    }
  return links
}
