import { type CompressionCodec, defineCodec } from '@shoal/core/plugin'
import { isLas } from './codecs/las-header.js'
import { isPly } from './codecs/ply-header.js'
import { isStl } from './codecs/stl-check.js'

const PACKAGE = '@shoal/htype-geometry'

/** `las`: LAS 1.0–1.3 point clouds (LAZ through laz-perf); files are stored as they are. */
export const lasCodec = defineCodec({
  specVersion: 1,
  name: 'las',
  providedBy: PACKAGE,
  kind: 'point_cloud',
  extensions: ['las', 'laz'],
  matchesMagic: isLas,
  readOnly: true,
  loadCodec: async () => (await import('./codecs/las.js')).lasCodec(),
})

/** `ply`: ascii and binary PLY meshes and point sets; files are stored as they are. */
export const plyCodec = defineCodec({
  specVersion: 1,
  name: 'ply',
  providedBy: PACKAGE,
  kind: 'mesh',
  extensions: ['ply'],
  matchesMagic: isPly,
  readOnly: true,
  loadCodec: async () => (await import('./codecs/ply.js')).plyCodec(),
})

/** `stl`: ascii and binary STL meshes; files are stored as they are. */
export const stlCodec = defineCodec({
  specVersion: 1,
  name: 'stl',
  providedBy: PACKAGE,
  kind: 'mesh',
  extensions: ['stl'],
  matchesMagic: isStl,
  readOnly: true,
  loadCodec: async () => (await import('./codecs/stl.js')).stlCodec(),
})

/** Every compression of the package. */
export const geometryCodecs: readonly CompressionCodec[] = [lasCodec, plyCodec, stlCodec]
