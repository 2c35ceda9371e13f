/**
 * @shoal/htype-geometry: Deep Lake's geometry htypes (boxes, points, polygons, keypoints, point
 * clouds, meshes) and the las / ply / stl compressions, for Shoal. This entry is pure:
 * `import '@shoal/htype-geometry/register'` registers everything, or pass `geometryHtypes` and
 * `geometryCodecs` to `openDataset(url, { htypes, codecs })`. Parsers load on the first decoded file.
 */
import type { HtypeDefinition } from '@shoal/core/plugin'
import { bbox3dHtype, bboxHtype } from './htypes/boxes.js'
import { meshHtype, pointCloudHtype } from './htypes/files.js'
import { intrinsicsHtype, keypointsCocoHtype, pointHtype, polygonHtype } from './htypes/points.js'

export type { MeshSample, PointCloudSample, PointField } from './codecs/options.js'
export { POINT_FIELDS } from './codecs/options.js'
export { geometryCodecs, lasCodec, plyCodec, stlCodec } from './codecs.js'
export {
  BOX_3D_MODES,
  BOX_MODES,
  BOX_TYPES,
  type Box3dMode,
  type BoxCoords,
  type BoxesInput,
  type BoxMode,
  type BoxType,
  convertBoxes,
  type ImageSize,
  inferBoxCoords,
} from './helpers/coords.js'
export { boxCorners3d, projectBoxes3d } from './helpers/project.js'
export { bbox3dHtype, bboxHtype } from './htypes/boxes.js'
export { meshHtype, pointCloudHtype } from './htypes/files.js'
export { intrinsicsHtype, keypointsCocoHtype, pointHtype, polygonHtype } from './htypes/points.js'

/** Every htype of the package. */
export const geometryHtypes: readonly HtypeDefinition[] = [
  bboxHtype,
  bbox3dHtype,
  intrinsicsHtype,
  pointHtype,
  polygonHtype,
  keypointsCocoHtype,
  pointCloudHtype,
  meshHtype,
]
