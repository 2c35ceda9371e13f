import { defineHtype, type HtypeDefinition } from './contract.js'

const CORE = '@shoal/core'

/** Plain n-dimensional arrays; dtype inferred from the first sample. */
export const genericHtype = defineHtype({
  specVersion: 1,
  name: 'generic',
  providedBy: CORE,
  layout: 'array',
  defaultDtype: null,
  compressions: 'any',
  companions: { shape: true },
})

/** UTF-8 strings, one per sample. */
export const textHtype = defineHtype({
  specVersion: 1,
  name: 'text',
  providedBy: CORE,
  layout: 'text',
  defaultDtype: 'str',
  dtypes: ['str'],
  compressions: ['lz4'],
  metaDefaults: { vdb_indexes: [] },
})

/** Any JSON value (dtype "Any" or a schema string). */
export const jsonHtype = defineHtype({
  specVersion: 1,
  name: 'json',
  providedBy: CORE,
  layout: 'json',
  defaultDtype: 'Any',
  compressions: ['lz4'],
})

/** A list of JSON values per sample. */
export const listHtype = defineHtype({
  specVersion: 1,
  name: 'list',
  providedBy: CORE,
  layout: 'list',
  defaultDtype: 'List',
  compressions: ['lz4'],
  companions: { shape: true },
})

/** A list of string tags per sample. */
export const tagHtype = defineHtype({
  specVersion: 1,
  name: 'tag',
  providedBy: CORE,
  layout: 'list',
  defaultDtype: 'List',
  compressions: ['lz4'],
  allowedInSequence: false,
})

/** Integer class indices, names in tensor_info.json `class_names`. */
export const classLabelHtype = defineHtype({
  specVersion: 1,
  name: 'class_label',
  providedBy: CORE,
  layout: 'array',
  defaultDtype: 'uint32',
  compressions: 'any',
  metaDefaults: { class_names: [], _info: ['class_names'], _disable_temp_transform: false },
  infoDefaults: { class_names: [] },
  companions: { shape: true },
  ranks: [1],
})

/** Fixed-length float vectors. */
export const embeddingHtype = defineHtype({
  specVersion: 1,
  name: 'embedding',
  providedBy: CORE,
  layout: 'array',
  defaultDtype: 'float32',
  compressions: ['lz4'],
  metaDefaults: { vdb_indexes: [] },
  companions: { shape: true },
  ranks: [1],
})

/** The htypes core ships; `sequence[...]` and `link[...]` are wrappers handled by the engine. */
export const builtinHtypes: readonly HtypeDefinition[] = [
  genericHtype,
  textHtype,
  jsonHtype,
  listHtype,
  tagHtype,
  classLabelHtype,
  embeddingHtype,
]
