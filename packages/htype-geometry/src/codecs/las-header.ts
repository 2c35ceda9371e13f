/** What Shoal reads itself from a LAS header: enough to check the file and to name its fields. */
export interface LasHeaderInfo {
  readonly major: number
  readonly minor: number
  readonly pointFormat: number
  readonly compressed: boolean
  readonly recordLength: number
  readonly pointsOffset: number
  readonly pointCount: number
  readonly scales: [number, number, number]
  readonly offsets: [number, number, number]
  readonly maxs: [number, number, number]
  readonly mins: [number, number, number]
}

/** True when the bytes start with a LAS signature. */
export const isLas = (bytes: Uint8Array): boolean =>
  bytes.byteLength >= 4 && bytes[0] === 0x4c && bytes[1] === 0x41 && bytes[2] === 0x53 && bytes[3] === 0x46

/** Point record sizes of LAS 1.0–1.3 point formats 0–3 (without extra bytes). */
const MIN_RECORD = [20, 28, 26, 34]

/**
 * Laspy's dimension names per point format, which Deep Lake 3 concatenates into the stored
 * sample (points, dimensions): the stored shape must count them the same way.
 */
const BASE_DIMENSIONS = [
  'X',
  'Y',
  'Z',
  'intensity',
  'return_number',
  'number_of_returns',
  'scan_direction_flag',
  'edge_of_flight_line',
  'classification',
  'synthetic',
  'key_point',
  'withheld',
  'scan_angle_rank',
  'user_data',
  'point_source_id',
]
export function lasDimensionNames(pointFormat: number): string[] {
  const names = [...BASE_DIMENSIONS]
  if (pointFormat === 1 || pointFormat === 3) names.push('gps_time')
  if (pointFormat === 2 || pointFormat === 3) names.push('red', 'green', 'blue')
  return names
}

/** Byte offset of R, G, B (uint16 each) in a point record, when the format has colour. */
export const colourOffset = (pointFormat: number): number | undefined =>
  pointFormat === 2 ? 20 : pointFormat === 3 ? 28 : undefined

/** Parses and checks a LAS header; throws a plain Error saying what is wrong (the caller adds context). */
export function readLasHeader(bytes: Uint8Array): LasHeaderInfo {
  if (!isLas(bytes)) throw new Error('the file does not start with "LASF"')
  if (bytes.byteLength < 227)
    throw new Error(`a LAS header needs 227 bytes; the file has ${bytes.byteLength}`)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const major = view.getUint8(24)
  const minor = view.getUint8(25)
  const headerSize = view.getUint16(94, true)
  const pointsOffset = view.getUint32(96, true)
  const formatByte = view.getUint8(104)
  const recordLength = view.getUint16(105, true)
  const pointCount = view.getUint32(107, true)
  const f64 = (at: number) => view.getFloat64(at, true)
  const pointFormat = formatByte & 0x3f
  const compressed = (formatByte & 0x80) !== 0
  if (major !== 1 || minor > 3)
    throw new Error(`LAS ${major}.${minor} is not supported (loaders.gl reads LAS 1.0 to 1.3)`)
  if (pointFormat > 3) throw new Error(`point format ${pointFormat} is not supported (formats 0 to 3 are)`)
  if (headerSize < 227 || pointsOffset < headerSize)
    throw new Error(`the header size ${headerSize} or point offset ${pointsOffset} is invalid`)
  if (recordLength < MIN_RECORD[pointFormat]!)
    throw new Error(
      `point format ${pointFormat} records need ${MIN_RECORD[pointFormat]} bytes, not ${recordLength}`,
    )
  if (!compressed && pointsOffset + pointCount * recordLength > bytes.byteLength)
    throw new Error(
      `the file is truncated: ${pointCount} points of ${recordLength} bytes from offset ${pointsOffset} need ${pointsOffset + pointCount * recordLength} bytes, it has ${bytes.byteLength}`,
    )
  return {
    major,
    minor,
    pointFormat,
    compressed,
    recordLength,
    pointsOffset,
    pointCount,
    scales: [f64(131), f64(139), f64(147)],
    offsets: [f64(155), f64(163), f64(171)],
    maxs: [f64(179), f64(195), f64(211)],
    mins: [f64(187), f64(203), f64(219)],
  }
}
