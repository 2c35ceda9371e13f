import { ShoalError } from '../errors.js'
import { decodeCustomJson } from '../format/custom-json.js'

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Decodes a UTF-8 payload; invalid bytes are a corrupt chunk, not a wrong string. */
export function decodeUtf8(bytes: Uint8Array, where: { tensor: string; index: number; key: string }): string {
  try {
    return utf8.decode(bytes)
  } catch (cause) {
    throw new ShoalError(
      'CORRUPT_CHUNK',
      `sample ${where.index} of tensor "${where.tensor}" is not valid UTF-8`,
      {
        ...where,
        cause,
        expected: 'UTF-8 text',
      },
    )
  }
}

/**
 * Parses a JSON payload as Python writes it. Python's json also emits NaN/Infinity, which
 * JSON.parse rejects; those tokens are mapped to null-free sentinels only when the plain parse fails.
 */
export function parsePythonJson(
  text: string,
  where: { tensor: string; index: number; key: string },
): unknown {
  try {
    return decodeCustomJson(JSON.parse(text))
  } catch (first) {
    try {
      const patched = text.replace(/(?<=[\s,:[])(-?Infinity|NaN)(?=[\s,\]}])/g, (token) => `"\u0000${token}"`)
      return decodeCustomJson(JSON.parse(patched, (_key, value) => revivePythonNumber(value)))
    } catch {
      throw new ShoalError(
        'CORRUPT_CHUNK',
        `sample ${where.index} of tensor "${where.tensor}" is not valid JSON: ${(first as Error).message}`,
        { ...where, cause: first, expected: 'JSON text' },
      )
    }
  }
}

function revivePythonNumber(value: unknown): unknown {
  if (value === '\u0000NaN') return Number.NaN
  if (value === '\u0000Infinity') return Number.POSITIVE_INFINITY
  if (value === '\u0000-Infinity') return Number.NEGATIVE_INFINITY
  return value
}
