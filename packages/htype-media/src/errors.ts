import { ShoalError, type ShoalErrorCode } from '@shoal/core/plugin'

/** The npm name of this package, quoted by errors. */
export const PACKAGE = '@shoal/htype-media'

/** Where a failing sample sits, as core hands it to a codec. */
export interface SampleWhere {
  readonly tensor?: string | undefined
  readonly index?: number | undefined
}

/** "tensor "x", sample 3: " when known, so every message names the sample. */
export function wherePrefix(where: SampleWhere): string {
  const parts: string[] = []
  if (where.tensor !== undefined) parts.push(`tensor "${where.tensor}"`)
  if (where.index !== undefined) parts.push(`sample ${where.index}`)
  return parts.length ? `${parts.join(', ')}: ` : ''
}

/** A coded error that names the tensor and index it concerns. */
export function mediaError(
  code: ShoalErrorCode,
  where: SampleWhere,
  reason: string,
  extra: { expected?: string; hint?: string; cause?: unknown; plugin?: string } = {},
): ShoalError {
  return new ShoalError(code, `${wherePrefix(where)}${reason}`, {
    ...(where.tensor !== undefined ? { tensor: where.tensor } : {}),
    ...(where.index !== undefined ? { index: where.index } : {}),
    plugin: PACKAGE,
    ...extra,
  })
}

/** Thrown by header parsers when a file is not, or not entirely, in the format it claims. */
export function badFile(format: string, reason: string): Error {
  return new Error(`not a valid ${format} file: ${reason}`)
}
