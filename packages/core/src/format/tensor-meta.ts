import { invalidMetadata } from './fail.js'
import { FieldReader, jsonBytes, parseJsonObject } from './json-file.js'
import { FORMAT_VERSION } from './keys.js'
import { pythonJson } from './python-json.js'

/** A companion tensor filled when this tensor is appended to / updated (spec §1.2.2). */
export interface TensorLink {
  /** Python function name run on append (`extend_id`, `extend_shape`, …). */
  extend: string
  flattenSequence: boolean
  /** Python function name run on update; absent when the companion is not updated. */
  update?: string
}

/** `tensor_meta.json` (spec §1.5), camelCase. */
export interface TensorMeta {
  /** Base htype (without `sequence[]`/`link[]`); null until the first append of an untyped tensor. */
  htype: string | null
  /** numpy dtype name, `str`, `Any`, `List` or a JSON schema; null until known. */
  dtype: string | null
  /** numpy typestr, only when the dtype was inferred from a sample. */
  typestr: string | null
  minShape: number[]
  maxShape: number[]
  /** Number of samples (flat items for sequences). */
  length: number
  sampleCompression: string | null
  chunkCompression: string | null
  /** null means the 16,000,000-byte default. */
  maxChunkSize: number | null
  /** null means the 16,000,000-byte default; -1 disables tiling. */
  tilingThreshold: number | null
  hidden: boolean
  isSequence: boolean
  isLink: boolean
  verify: boolean
  links: Record<string, TensorLink>
  name: string | null
  version: string
  /** Every other key as stored (`class_names`, `_info`, `coords`, `vdb_indexes`, …). */
  extra: Record<string, unknown>
}

const KNOWN = new Set([
  'htype',
  'dtype',
  'typestr',
  'min_shape',
  'max_shape',
  'length',
  'sample_compression',
  'chunk_compression',
  'max_chunk_size',
  'tiling_threshold',
  'hidden',
  'is_sequence',
  'is_link',
  'verify',
  'links',
  'name',
  'version',
])

// These versions allowed rank-0 tensors; Python reads their empty shapes as [1].
const RANK_ZERO_VERSIONS = new Set(['2.0.2', '2.0.3', '2.0.4', '2.0.5'])

/**
 * Parses `tensor_meta.json`, applying Python's defaults for keys older writers omitted
 * (`chunk_compression`, `typestr` → null; `hidden`, `is_link`, `is_sequence`, `verify` →
 * false; `links` → {}; `version` → {@link FORMAT_VERSION}), links' legacy `append` → `extend`, and
 * `min_shape == []` → `[1]` for files of 2.0.2–2.0.5. INVALID_METADATA naming `key` and the
 * field when the file is not a JSON object or a field has the wrong type.
 */
export function parseTensorMeta(bytes: Uint8Array, key?: string): TensorMeta {
  const f = new FieldReader(parseJsonObject(bytes, key), key)
  const version = f.string('version', FORMAT_VERSION)
  let minShape = f.shape('min_shape', [])
  let maxShape = f.shape('max_shape', [])
  if (minShape.length !== maxShape.length) {
    throw invalidMetadata(
      `min_shape [${minShape.join(', ')}] and max_shape [${maxShape.join(', ')}] differ in rank`,
      key,
      { expected: 'min_shape and max_shape of the same length' },
    )
  }
  if (minShape.length === 0 && RANK_ZERO_VERSIONS.has(version)) {
    minShape = [1]
    maxShape = [1]
  }
  return {
    htype: f.stringOrNull('htype'),
    dtype: f.stringOrNull('dtype'),
    typestr: f.stringOrNull('typestr'),
    minShape,
    maxShape,
    length: f.count('length', 0),
    sampleCompression: f.stringOrNull('sample_compression'),
    chunkCompression: f.stringOrNull('chunk_compression'),
    maxChunkSize: f.intOrNull('max_chunk_size'),
    tilingThreshold: f.intOrNull('tiling_threshold'),
    hidden: f.bool('hidden', false),
    isSequence: f.bool('is_sequence', false),
    isLink: f.bool('is_link', false),
    verify: f.bool('verify', false),
    links: parseLinks(f.record('links', {}), key),
    name: f.stringOrNull('name'),
    version,
    extra: f.rest(KNOWN),
  }
}

function parseLinks(raw: Record<string, unknown>, key?: string): Record<string, TensorLink> {
  const links: Record<string, TensorLink> = {}
  for (const [target, value] of Object.entries(raw)) {
    const link = new FieldReader(
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : {},
      key,
    )
    // Before 3.0.10 the function was stored as "append": "append_x" (now "extend": "extend_x").
    const legacy = !link.has('extend') && link.has('append')
    const extend = legacy ? link.string('append').replace('append', 'extend') : link.string('extend', '')
    if (extend === '') {
      throw invalidMetadata(`link "${target}" has no "extend" function`, key, {
        expected: 'links entries like {"extend": "extend_id", "flatten_sequence": false}',
      })
    }
    const update = link.object.update
    links[target] = {
      extend,
      flattenSequence: link.bool('flatten_sequence', false),
      ...(update === undefined || update === null ? {} : { update: link.string('update') }),
    }
  }
  return links
}

/** The snake_case object Python writes for `meta` (extra keys merged back in). */
export function tensorMetaToJson(meta: TensorMeta): Record<string, unknown> {
  const links: Record<string, unknown> = {}
  for (const [target, link] of Object.entries(meta.links)) {
    links[target] = {
      extend: link.extend,
      flatten_sequence: link.flattenSequence,
      ...(link.update === undefined ? {} : { update: link.update }),
    }
  }
  return {
    ...meta.extra,
    htype: meta.htype,
    dtype: meta.dtype,
    typestr: meta.typestr,
    min_shape: meta.minShape,
    max_shape: meta.maxShape,
    length: meta.length,
    sample_compression: meta.sampleCompression,
    chunk_compression: meta.chunkCompression,
    max_chunk_size: meta.maxChunkSize,
    tiling_threshold: meta.tilingThreshold,
    hidden: meta.hidden,
    is_sequence: meta.isSequence,
    is_link: meta.isLink,
    verify: meta.verify,
    links,
    name: meta.name,
    version: meta.version,
  }
}

/** `tensor_meta.json` bytes as Python writes them: sorted keys, 4-space indent, ASCII-escaped. */
export function serializeTensorMeta(meta: TensorMeta): Uint8Array {
  return jsonBytes(pythonJson(tensorMetaToJson(meta), { indent: 4, sortKeys: true }))
}
