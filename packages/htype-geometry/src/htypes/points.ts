import { defineHtype } from '@shoal/core/plugin'
import { invalidArgument, invalidSample, shapeText } from '../errors.js'
import { emptyAs, PACKAGE } from './shared.js'

/** `point`: (points, 2) or (points, 3) coordinates. */
export const pointHtype = defineHtype({
  specVersion: 1,
  name: 'point',
  providedBy: PACKAGE,
  layout: 'array',
  defaultDtype: 'int32',
  compressions: ['lz4'],
  companions: { shape: true },
  ranks: [2],
  convertSample: (sample) => emptyAs(sample, [0, 2]),
  validateSample(sample, context) {
    const dims = sample.shape[1]
    if (sample.shape[0] !== 0 && dims !== 2 && dims !== 3)
      invalidSample(
        context,
        'point',
        `points have 2 or 3 coordinates; got shape ${shapeText(sample.shape)}`,
        '(n, 2) or (n, 3)',
      )
  },
})

/**
 * `polygon`: a list of polygons, each a list of 2-D or 3-D points (point counts may differ), stored
 * in Deep Lake's polygon layout. Core encodes it and refuses a sample mixing 2-D and 3-D points.
 */
export const polygonHtype = defineHtype({
  specVersion: 1,
  name: 'polygon',
  providedBy: PACKAGE,
  layout: 'polygon',
  defaultDtype: 'float32',
  compressions: ['lz4'],
  companions: { shape: true },
})

/** `intrinsics`: one (3, 3) camera matrix, or (n, 3, 3). */
export const intrinsicsHtype = defineHtype({
  specVersion: 1,
  name: 'intrinsics',
  providedBy: PACKAGE,
  layout: 'array',
  defaultDtype: 'float32',
  compressions: ['lz4'],
  companions: { shape: true },
  ranks: [2, 3],
  validateSample(sample, context) {
    const [a, b] = sample.shape.slice(-2)
    if (sample.shape.every((d) => d > 0) && (a !== 3 || b !== 3))
      invalidSample(
        context,
        'intrinsics',
        `an intrinsics matrix is 3 × 3; got shape ${shapeText(sample.shape)}`,
        '(3, 3) or (n, 3, 3)',
      )
  },
})

/**
 * `keypoints_coco`: (3 · keypoints, objects); rows hold x, y, visibility for each keypoint, and
 * visibility is 0 (not labelled), 1 (labelled, hidden) or 2 (visible). Names and skeleton in
 * `info.keypoints` and `info.connections`.
 */
export const keypointsCocoHtype = defineHtype({
  specVersion: 1,
  name: 'keypoints_coco',
  providedBy: PACKAGE,
  layout: 'array',
  defaultDtype: 'int32',
  compressions: ['lz4'],
  metaDefaults: { keypoints: [], connections: [], _info: ['keypoints', 'connections'] },
  infoDefaults: { keypoints: [], connections: [] },
  companions: { shape: true },
  ranks: [2],
  validateInfo(info, { tensor }) {
    const { keypoints, connections } = info
    if (
      keypoints !== undefined &&
      (!Array.isArray(keypoints) || keypoints.some((k) => typeof k !== 'string'))
    )
      invalidArgument('keypoints must be a list of names', 'a list of strings', tensor)
    if (
      connections !== undefined &&
      (!Array.isArray(connections) ||
        connections.some(
          (c) => !Array.isArray(c) || c.length !== 2 || c.some((i) => !Number.isInteger(i) || i < 0),
        ))
    )
      invalidArgument('connections must be pairs of keypoint indices', 'a list of [i, j] pairs', tensor)
  },
  convertSample: (sample) => emptyAs(sample, [0, 0]),
  validateSample(sample, context) {
    const [rows = 0, objects = 0] = sample.shape
    if (rows % 3 !== 0)
      invalidSample(
        context,
        'keypoints_coco',
        `there are ${rows} rows, not a multiple of 3 (x, y, visibility per keypoint)`,
        '(3 · keypoints, objects)',
      )
    for (let r = 2; r < rows; r += 3) {
      for (let o = 0; o < objects; o++) {
        const v = Number(sample.data[r * objects + o])
        if (v !== 0 && v !== 1 && v !== 2)
          invalidSample(
            context,
            'keypoints_coco',
            `keypoint ${(r - 2) / 3} of object ${o} has visibility ${v}; it must be 0, 1 or 2`,
            'visibility 0, 1 or 2',
          )
      }
    }
  },
})
