import { ShoalError } from '../errors.js'
import { decodeCustomJson } from '../format/custom-json.js'
import { parseWithNonFinite } from '../format/json-file.js'

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
 * Parses a JSON payload as Python writes it, including the bare NaN/Infinity tokens Python's json
 * emits and JSON.parse rejects, then decodes Deep Lake's tagged objects (`_hub_custom_type`).
 */
export function parsePythonJson(
  text: string,
  where: { tensor: string; index: number; key: string },
): unknown {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (cause) {
    value = parseWithNonFinite(text)
    if (value === undefined) {
      throw new ShoalError(
        'CORRUPT_CHUNK',
        `sample ${where.index} of tensor "${where.tensor}" is not valid JSON: ${(cause as Error).message}`,
        { ...where, cause, expected: 'JSON text' },
      )
    }
  }
  return decodeCustomJson(value)
}
