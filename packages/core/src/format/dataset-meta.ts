import { invalidMetadata } from './fail.js'
import { FieldReader, jsonBytes, parseJsonObject } from './json-file.js'
import { FORMAT_VERSION } from './keys.js'
import { pythonJson } from './python-json.js'

/** `dataset_meta.json` (spec §1.3), camelCase. */
export interface DatasetMeta {
  /** All tensor keys, in creation order. */
  tensors: string[]
  /** Tensor name → key (includes hidden tensors). */
  tensorNames: Record<string, string>
  /** Keys of hidden tensors. */
  hiddenTensors: string[]
  /** Group paths (`g`, `g/sub`). */
  groups: string[]
  version: string
  allowDelete: boolean
  /** Index applied on open (non-trivial only for saved views). */
  defaultIndex: unknown[]
  /** Every other key as stored. */
  extra: Record<string, unknown>
}

const KNOWN = new Set([
  'tensors',
  'tensor_names',
  'hidden_tensors',
  'groups',
  'version',
  'allow_delete',
  'default_index',
])

/** The `default_index` Python writes for a whole dataset. */
export const FULL_DEFAULT_INDEX: readonly unknown[] = [{ start: null, step: null, stop: null }]

/**
 * Parses `dataset_meta.json`. Missing or empty `tensor_names` (legacy) maps every key to
 * itself. INVALID_METADATA naming `key` and the field for malformed files.
 */
export function parseDatasetMeta(bytes: Uint8Array, key?: string): DatasetMeta {
  const f = new FieldReader(parseJsonObject(bytes, key), key)
  const tensors = f.strings('tensors', [])
  const rawNames = f.record('tensor_names', {})
  const tensorNames: Record<string, string> = {}
  for (const [name, tensorKey] of Object.entries(rawNames)) {
    if (typeof tensorKey !== 'string') {
      throw invalidMetadata(`tensor_names["${name}"] must be a tensor key string`, key, {
        expected: '"tensor_names": {name: key}',
      })
    }
    tensorNames[name] = tensorKey
  }
  if (Object.keys(tensorNames).length === 0) for (const k of tensors) tensorNames[k] = k
  const defaultIndex = f.object.default_index
  if (defaultIndex !== undefined && !Array.isArray(defaultIndex)) {
    throw invalidMetadata('field "default_index" must be a list', key, { expected: '"default_index": [...]' })
  }
  return {
    tensors,
    tensorNames,
    hiddenTensors: f.strings('hidden_tensors', []),
    groups: f.strings('groups', []),
    version: f.string('version', FORMAT_VERSION),
    allowDelete: f.bool('allow_delete', true),
    defaultIndex: defaultIndex ?? structuredClone([...FULL_DEFAULT_INDEX]),
    extra: f.rest(KNOWN),
  }
}

/** `dataset_meta.json` bytes as Python writes them: sorted keys, 4-space indent. */
export function serializeDatasetMeta(meta: DatasetMeta): Uint8Array {
  const json = {
    ...meta.extra,
    allow_delete: meta.allowDelete,
    default_index: meta.defaultIndex,
    groups: meta.groups,
    hidden_tensors: meta.hiddenTensors,
    tensor_names: meta.tensorNames,
    tensors: meta.tensors,
    version: meta.version,
  }
  return jsonBytes(pythonJson(json, { indent: 4, sortKeys: true }))
}
