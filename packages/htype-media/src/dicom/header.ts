/// <reference path="./daikon.d.ts" />
import type { NumericDtype } from '@shoal/core/plugin'
import { badFile } from '../errors.js'

/** What describeFile and the decoder need from a DICOM file's header. */
export interface DicomHeader {
  readonly rows: number
  readonly cols: number
  /** NumberOfFrames when the file has that element, else undefined (then the shape has no frame axis). */
  readonly frames: number | undefined
  readonly samplesPerPixel: number
  readonly dtype: NumericDtype
  readonly transferSyntax: string
  readonly info: Record<string, unknown>
}

interface DaikonTag {
  group: number
  element: number
  vr: string
  value: unknown
  offsetValue?: number
  offsetEnd?: number
}

const BYTE_VRS = new Set(['OB', 'OW', 'OF', 'OD', 'OL', 'OV', 'UN'])

/** The stored shape, as Python's pydicom path gives it: (rows, cols, channels) or (frames, rows, cols, channels). */
export const dicomShape = (h: DicomHeader): number[] =>
  h.frames === undefined ? [h.rows, h.cols, h.samplesPerPixel] : [h.frames, h.rows, h.cols, h.samplesPerPixel]

/** Parses the header with daikon (no pixel data is decoded). */
export async function readDicomHeader(bytes: Uint8Array): Promise<DicomHeader> {
  const daikon = (await import('daikon')).default
  if (bytes.byteLength < 132 || String.fromCharCode(...bytes.subarray(128, 132)) !== 'DICM')
    throw badFile('dcm', 'no DICM marker at byte 128')
  const d = daikon as unknown as {
    Parser: { verbose: boolean }
    Series: { parseImage(view: DataView): DaikonImage | null; parserError?: unknown }
    Dictionary: { getDescription(group: number, element: number): string }
  }
  d.Parser.verbose = false
  let image: DaikonImage | null
  const copy = bytes.slice()
  try {
    // daikon reads its DataView's whole buffer from offset 0: hand it a copy of just this file.
    image = d.Series.parseImage(new DataView(copy.buffer))
  } catch (cause) {
    throw badFile('dcm', (cause as Error).message)
  }
  if (!image) throw badFile('dcm', String(d.Series.parserError ?? 'daikon found no image'))
  if (!image.hasPixelData()) throw badFile('dcm', 'it has no pixel data')
  const pixel = image.getPixelData() as { offsetEnd?: number } | undefined
  if (pixel?.offsetEnd !== undefined && pixel.offsetEnd > bytes.byteLength)
    throw badFile('dcm', 'the pixel data runs past the end of the file (truncated file?)')
  const bits = image.getBitsAllocated()
  const signed = image.getPixelRepresentation() === 1
  const dtype = (
    {
      8: signed ? 'int8' : 'uint8',
      16: signed ? 'int16' : 'uint16',
      32: signed ? 'int32' : 'uint32',
    } as const
  )[bits as 8 | 16 | 32]
  if (!dtype) throw badFile('dcm', `${bits} bits per pixel are not supported`)
  const framesTag = image.getTag(0x0028, 0x0008)
  return {
    rows: image.getRows(),
    cols: image.getCols(),
    frames: framesTag ? image.getNumberOfFrames() : undefined,
    samplesPerPixel: image.getNumberOfSamplesPerPixel(),
    dtype,
    transferSyntax: image.getTransferSyntax(),
    info: dicomInfo(Object.values(image.tags) as DaikonTag[], d.Dictionary, copy),
  }
}

interface DaikonImage {
  tags: Record<string, unknown>
  hasPixelData(): boolean
  getPixelData(): unknown
  getRows(): number
  getCols(): number
  getBitsAllocated(): number
  getPixelRepresentation(): number
  getNumberOfFrames(): number
  getNumberOfSamplesPerPixel(): number
  getTransferSyntax(): string
  getTag(group: number, element: number): unknown
}

/**
 * Python's layout: keyword → {name, tag, value, vr} for every data set element that is not bytes
 * (file meta group 0002, pixel data and other binary VRs are left out, sequences too).
 */
function dicomInfo(
  tags: DaikonTag[],
  dictionary: { getDescription(group: number, element: number): string },
  bytes: Uint8Array,
) {
  const info: Record<string, unknown> = {}
  for (const tag of tags) {
    if (tag.group === 0x0002 || BYTE_VRS.has(tag.vr) || tag.vr === 'SQ' || tag.value instanceof DataView)
      continue
    const keyword = dictionary.getDescription(tag.group, tag.element)
    if (!keyword || keyword === 'PrivateData' || keyword.startsWith('private')) continue
    const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, '0')
    info[keyword] = {
      name: keyword.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2'),
      tag: `(${hex(tag.group)}, ${hex(tag.element)})`,
      value: jsonValue(tag, bytes),
      vr: tag.vr,
    }
  }
  return info
}

function jsonValue(tag: DaikonTag, bytes: Uint8Array): unknown {
  if (tag.vr === 'PN' && tag.offsetValue !== undefined && tag.offsetEnd !== undefined) {
    // daikon turns the first "^" into a space; pydicom keeps the name's components as written.
    const raw = new TextDecoder('latin1').decode(bytes.subarray(tag.offsetValue, tag.offsetEnd))
    return raw
      .replace(/[\0 ]+$/, '')
      .split('\\')
      .map((name) => ({ Alphabetic: name.trim() }))
  }
  const values = Array.isArray(tag.value) ? (tag.value as unknown[]) : tag.value === null ? [] : [tag.value]
  const clean = values.map((v) => (typeof v === 'string' ? v.trim() : v))
  if (tag.vr === 'PN') return clean.map((v) => ({ Alphabetic: v }))
  if (clean.length === 1 && ['string', 'number'].includes(typeof clean[0])) return clean[0]
  return clean.length === 0 ? '' : clean
}
