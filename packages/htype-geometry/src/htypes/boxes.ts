import { defineHtype, type NDArray, type ValidateContext } from '@shoal/core/plugin'
import { invalidArgument, invalidSample, shapeText } from '../errors.js'
import { BOX_3D_MODES, BOX_MODES, BOX_TYPES } from '../helpers/coords.js'
import { emptyAs, PACKAGE } from './shared.js'

function checkCoords(
  info: Readonly<Record<string, unknown>>,
  tensor: string,
  keys: readonly string[],
): Record<string, unknown> {
  const coords = info.coords
  if (coords === undefined) return {}
  if (typeof coords !== 'object' || coords === null || Array.isArray(coords))
    invalidArgument('coords must be an object', `{ ${keys.join(', ')} }`, tensor)
  const record = coords as Record<string, unknown>
  const unknown = Object.keys(record).filter((k) => !keys.includes(k))
  if (unknown.length > 0)
    invalidArgument(
      `coords has unknown key(s) ${unknown.join(', ')}`,
      `keys among ${keys.join(', ')}`,
      tensor,
    )
  return record
}

/** `bbox`: (boxes, 4) per sample; `info.coords` = { type: pixel | fractional, mode: LTRB | LTWH | CCWH }. */
export const bboxHtype = defineHtype({
  specVersion: 1,
  name: 'bbox',
  providedBy: PACKAGE,
  layout: 'array',
  defaultDtype: 'float32',
  compressions: ['lz4'],
  metaDefaults: { coords: {}, _info: ['coords'] },
  infoDefaults: { coords: {} },
  companions: { shape: true },
  ranks: [2],
  validateInfo(info, { tensor }) {
    const coords = checkCoords(info, tensor, ['type', 'mode'])
    if (coords.type !== undefined && !BOX_TYPES.includes(coords.type as never))
      invalidArgument(
        `coords.type ${JSON.stringify(coords.type)} is not a box type`,
        BOX_TYPES.join(' or '),
        tensor,
      )
    if (coords.mode !== undefined && !BOX_MODES.includes(coords.mode as never))
      invalidArgument(
        `coords.mode ${JSON.stringify(coords.mode)} is not a box mode`,
        BOX_MODES.join(', '),
        tensor,
      )
  },
  convertSample: (sample) => emptyAs(sample, [0, 4]),
  validateSample(sample, context) {
    if (sample.shape[1] !== 4 && sample.shape[0] !== 0)
      invalidSample(
        context,
        'bbox',
        `a box has 4 numbers; got shape ${shapeText(sample.shape)}`,
        'shape (n, 4)',
      )
  },
})

const modeOf = (context: ValidateContext): string | undefined =>
  (context.info?.coords as { mode?: string } | undefined)?.mode

function fits3d(sample: NDArray): 'center' | 'vertex' | undefined {
  const { shape } = sample
  if (shape.length === 2 && shape[1] === 9) return 'center'
  if (shape.length === 3 && shape[1] === 8 && shape[2] === 3) return 'vertex'
  return undefined
}

/** `bbox.3d`: (boxes, 9) in `center` mode (rotations in degrees) or (boxes, 8, 3) in `vertex` mode. */
export const bbox3dHtype = defineHtype({
  specVersion: 1,
  name: 'bbox.3d',
  providedBy: PACKAGE,
  layout: 'array',
  defaultDtype: 'float32',
  compressions: ['lz4'],
  metaDefaults: { coords: {}, _info: ['coords'] },
  infoDefaults: { coords: {} },
  companions: { shape: true },
  ranks: [2, 3],
  validateInfo(info, { tensor }) {
    const coords = checkCoords(info, tensor, ['mode'])
    if (coords.mode !== undefined && !BOX_3D_MODES.includes(coords.mode as never))
      invalidArgument(
        `coords.mode ${JSON.stringify(coords.mode)} is not a bbox.3d mode`,
        BOX_3D_MODES.join(' or '),
        tensor,
      )
  },
  convertSample: (sample, context) => emptyAs(sample, modeOf(context) === 'vertex' ? [0, 8, 3] : [0, 9]),
  validateSample(sample, context) {
    const mode = modeOf(context)
    const fits = fits3d(sample)
    const empty = sample.shape[0] === 0
    if (!fits && !empty)
      invalidSample(
        context,
        'bbox.3d',
        `shape ${shapeText(sample.shape)} fits neither mode: center boxes are (n, 9), vertex boxes (n, 8, 3)`,
        '(n, 9) or (n, 8, 3)',
      )
    if (fits && mode !== undefined && fits !== mode)
      invalidSample(
        context,
        'bbox.3d',
        `shape ${shapeText(sample.shape)} is a ${fits} box, but the tensor's coords.mode is "${mode}"`,
        mode === 'center' ? '(n, 9)' : '(n, 8, 3)',
      )
  },
})
