import { defineHtype } from '@shoal/core/plugin'
import { PACKAGE } from './shared.js'

/**
 * `point_cloud`: LAS files stored as they are (sample compression `las`), or raw (points, dims)
 * arrays without compression. Deep Lake's stored shape is (points, dimensions of the point format);
 * `get(i)` decodes the (points, 3) coordinates, `get(i, { fields: true })` adds the per-point fields.
 */
export const pointCloudHtype = defineHtype({
  specVersion: 1,
  name: 'point_cloud',
  providedBy: PACKAGE,
  layout: 'array',
  defaultDtype: 'float32',
  compressions: ['las'],
  companions: { shape: true, info: true },
})

/**
 * `mesh`: PLY (default) or STL files stored as they are. `get(i)` decodes the (points, 3) vertices,
 * `get(i, { faces: true })` adds (faces, 3) vertex indices.
 */
export const meshHtype = defineHtype({
  specVersion: 1,
  name: 'mesh',
  providedBy: PACKAGE,
  layout: 'array',
  defaultDtype: 'float32',
  compressions: ['ply', 'stl'],
  defaultSampleCompression: 'ply',
  companions: { shape: true, info: true },
})
