import { createRequire } from 'node:module'

type ExifReader = (buffer: Buffer) => { Image?: Record<string, unknown> }

/** Lookup tables Deep Lake applies to a few EXIF tags (value = index). */
const LOOKUPS: Readonly<Record<string, readonly string[]>> = {
  MeteringMode: [
    'Undefined',
    'Average',
    'Center-weighted average',
    'Spot',
    'Multi-spot',
    'Multi-segment',
    'Partial',
  ],
  ExposureProgram: [
    'Undefined',
    'Manual',
    'Program AE',
    'Aperture-priority AE',
    'Shutter speed priority AE',
    'Creative (Slow speed)',
    'Action (High speed)',
    'Portrait ',
    'Landscape',
    'Bulb',
  ],
  ResolutionUnit: ['', 'Undefined', 'Inches', 'Centimetres'],
  Orientation: [
    '',
    'Horizontal',
    'Mirror horizontal',
    'Rotate 180',
    'Mirror vertical',
    'Mirror horizontal and rotate 270 CW',
    'Rotate 90 CW',
    'Mirror horizontal and rotate 90 CW',
    'Rotate 270 CW',
  ],
}

/** Tags whose value is a rational: kept as a number (Python turns rationals into floats). */
const RATIONAL = new Set(['XResolution', 'YResolution', 'ExposureTime', 'FNumber', 'WhitePoint'])

const two = (n: number) => String(n).padStart(2, '0')

function formatValue(key: string, value: unknown): unknown {
  if (value instanceof Date) {
    // EXIF dates are "YYYY:MM:DD HH:MM:SS" strings; exif-reader parses them as UTC.
    return `${value.getUTCFullYear()}:${two(value.getUTCMonth() + 1)}:${two(value.getUTCDate())} ${two(value.getUTCHours())}:${two(value.getUTCMinutes())}:${two(value.getUTCSeconds())}`
  }
  if (typeof value === 'number') {
    const table = LOOKUPS[key]
    if (table) return Number.isInteger(value) && value < table.length ? table[value] : value
    if (key === 'XResolution' || key === 'YResolution') return Math.trunc(value)
    if (RATIONAL.has(key) || !Number.isInteger(value)) return value
    return String(value)
  }
  if (value instanceof Uint8Array)
    return value.byteLength < 16 ? `b'${Buffer.from(value).toString('latin1')}'` : '<bytes>'
  if (Array.isArray(value)) return value.map((v) => formatValue('_', v))
  if (typeof value === 'string') return value.replace(/\0+$/, '')
  return String(value)
}

/**
 * The first IFD of an image's EXIF block as Deep Lake records it in the sample info: tag names as
 * keys, rationals as numbers, a few enumerations as words, everything else as text. A corrupt
 * block gives {} (as in Python, which only warns).
 */
export function readExif(block: Uint8Array): Record<string, unknown> {
  try {
    const reader = createRequire(import.meta.url)('exif-reader') as ExifReader
    const parsed = reader(Buffer.from(block.buffer, block.byteOffset, block.byteLength))
    const out: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(parsed.Image ?? {})) {
      if (value === undefined || value === null) continue
      out[key] = formatValue(key, value)
    }
    return out
  } catch {
    return {}
  }
}
