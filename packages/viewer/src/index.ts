/**
 * @shoal/viewer: a local, read-only web viewer for Deep Lake 3.x datasets. `startViewer` serves
 * a page that draws images with their boxes, keypoints, polygons and masks, and every other
 * htype, from a dataset opened read-only. See README.md for an example and the security model.
 */

export { CONTENT_SECURITY_POLICY } from './server/respond.js'
export { startViewer, type Viewer, type ViewerOptions } from './server/start.js'
export type {
  Cell,
  Composition,
  DatasetSummary,
  ErrorJson,
  GroupNode,
  MaskInfo,
  OverlaySpec,
  Row,
  RowsResponse,
  SampleResponse,
  TensorSummary,
  Waveform,
} from './shared/protocol.js'
