import { mediaError, type SampleWhere } from '../errors.js'

/** Frames to decode: start (inclusive), end (exclusive), step ≥ 1. */
export interface FrameRange {
  readonly start: number
  readonly end: number
  readonly step: number
}

/** Number of frames a range yields. */
export const rangeLength = (r: FrameRange): number => Math.ceil((r.end - r.start) / r.step)

/**
 * Reads `options.frames` (`[start, end, step]`, end and step optional) against a video of
 * `frames` frames. Malformed ranges are INVALID_ARGUMENT; ranges outside the video INDEX_OUT_OF_RANGE.
 */
export function parseFrameRange(value: unknown, frames: number, where: SampleWhere): FrameRange {
  if (value === undefined) return { start: 0, end: frames, step: 1 }
  const parts = typeof value === 'number' ? [value, value + 1] : value
  if (
    !Array.isArray(parts) ||
    parts.length < 1 ||
    parts.length > 3 ||
    !parts.every((p) => p === undefined || p === null || Number.isInteger(p))
  ) {
    throw mediaError(
      'INVALID_ARGUMENT',
      where,
      `frames must be [start, end, step] of integers; got ${JSON.stringify(value)}`,
      {
        expected: '[start, end, step] with 0 <= start < end <= frames and step >= 1',
      },
    )
  }
  const start = (parts[0] as number | null | undefined) ?? 0
  const end = (parts[1] as number | null | undefined) ?? frames
  const step = (parts[2] as number | null | undefined) ?? 1
  if (step < 1) {
    throw mediaError('INVALID_ARGUMENT', where, `frame step must be at least 1; got ${step}`, {
      expected: 'step >= 1',
    })
  }
  if (start < 0 || end > frames || start >= end) {
    throw mediaError(
      'INDEX_OUT_OF_RANGE',
      where,
      `frame range [${start}, ${end}) is outside the video's ${frames} frames`,
      {
        expected: `0 <= start < end <= ${frames}`,
      },
    )
  }
  return { start, end, step }
}
