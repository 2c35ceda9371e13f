/** A tensor's summary for the sidebar: htype, dtype, length, shape and the info keys drawing needs. */
import type { Tensor } from '@shoal/core'
import { groupOf } from '../shared/htypes.js'
import type { BoxCoordsJson, ErrorJson, TensorSummary } from '../shared/protocol.js'

const BOX_TYPES = ['pixel', 'fractional']
const BOX_MODES = ['LTRB', 'LTWH', 'CCWH']

/** `info.coords` of a bbox tensor when it names a known type and mode; undefined otherwise. */
export function storedBoxCoords(info: Readonly<Record<string, unknown>>): BoxCoordsJson | undefined {
  const coords = info.coords as { type?: unknown; mode?: unknown } | null | undefined
  if (typeof coords !== 'object' || coords === null) return undefined
  if (!BOX_TYPES.includes(coords.type as string) || !BOX_MODES.includes(coords.mode as string))
    return undefined
  return { type: coords.type, mode: coords.mode } as BoxCoordsJson
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')
    ? (value as string[])
    : undefined
}

function pairs(value: unknown): [number, number][] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined
  const out: [number, number][] = []
  for (const pair of value) {
    if (!Array.isArray(pair) || pair.length !== 2) return undefined
    const [a, b] = pair.map(Number) as [number, number]
    if (!Number.isInteger(a) || !Number.isInteger(b)) return undefined
    out.push([a, b])
  }
  return out
}

/** The base htype of a tensor (`image` for `link[image]` and `sequence[image]`). */
export function baseHtypeOf(tensor: Tensor): string {
  return tensor.meta.htype ?? 'generic'
}

/** Summarises an open tensor. Reads metadata only, never a sample. */
export function describeTensor(tensor: Tensor): TensorSummary {
  const baseHtype = baseHtypeOf(tensor)
  const info = tensor.info
  const classNames = stringList(info.class_names)
  const keypoints = stringList(info.keypoints)
  const connections = pairs(info.connections)
  const coords = baseHtype === 'bbox' ? storedBoxCoords(info) : undefined
  const mode3d = (info.coords as { mode?: unknown } | undefined)?.mode
  return {
    name: tensor.name,
    group: groupOf(tensor.name),
    htype: tensor.htype,
    baseHtype,
    dtype: tensor.dtype,
    length: tensor.length,
    shape: tensor.shape,
    sampleCompression: tensor.meta.sampleCompression,
    chunkCompression: tensor.meta.chunkCompression,
    isSequence: tensor.isSequence,
    isLink: tensor.meta.isLink,
    ...(classNames ? { classNames } : {}),
    ...(coords ? { coords } : {}),
    ...(baseHtype === 'bbox.3d' && (mode3d === 'center' || mode3d === 'vertex') ? { mode3d } : {}),
    ...(keypoints ? { keypoints } : {}),
    ...(connections ? { connections } : {}),
  }
}

/** The summary of a tensor that could not be opened: its name and why. */
export function describeBroken(name: string, error: ErrorJson): TensorSummary {
  return {
    name,
    group: groupOf(name),
    htype: 'unknown',
    baseHtype: 'unknown',
    dtype: null,
    length: 0,
    shape: [0],
    sampleCompression: null,
    chunkCompression: null,
    isSequence: false,
    isLink: false,
    error,
  }
}
