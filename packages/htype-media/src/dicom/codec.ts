import type { CodecImplementation, DecodeContext, NDArray, NumericDtype } from '@shoal/core/plugin'
import { castTo } from '../cast.js'
import { mediaError, type SampleWhere } from '../errors.js'
import { resolveDecoder } from '../worker/modules.js'
import { runInWorker } from '../worker/pool.js'
import { type DicomHeader, dicomShape, readDicomHeader } from './header.js'
import { DECODABLE_SYNTAXES } from './syntaxes.js'

interface DecodedPixels {
  pixels: ArrayBuffer
  littleEndian: boolean
  planar: boolean
}

/** The heavy half of the dcm codec: daikon parses headers here and decodes pixels in a worker. */
export function dicomCodec(): CodecImplementation {
  return {
    async describeFile(bytes, context) {
      const header = await readDicomHeader(bytes)
      checkSyntax(header, { tensor: context.tensor, index: context.index })
      return { shape: dicomShape(header), dtype: header.dtype, info: header.info }
    },
    decodeSample(bytes, context) {
      return decodeDicom(bytes, context)
    },
  }
}

function checkSyntax(header: DicomHeader, where: SampleWhere): void {
  if (DECODABLE_SYNTAXES[header.transferSyntax] !== undefined) return
  throw mediaError('UNSUPPORTED', where, `DICOM transfer syntax ${header.transferSyntax} cannot be decoded`, {
    expected: `one of: ${Object.entries(DECODABLE_SYNTAXES)
      .map(([uid, name]) => `${uid} (${name})`)
      .join(', ')}`,
  })
}

async function decodeDicom(bytes: Uint8Array, context: DecodeContext): Promise<NDArray> {
  const where: SampleWhere = { tensor: context.tensor, index: context.index }
  let header: DicomHeader
  try {
    header = await readDicomHeader(bytes)
  } catch (cause) {
    throw mediaError(
      'CORRUPT_CHUNK',
      where,
      `the stored dcm file cannot be read (${(cause as Error).message})`,
      { cause },
    )
  }
  checkSyntax(header, where)
  const module = resolveDecoder('daikon', '1.2.46', where)
  let decoded: DecodedPixels
  try {
    decoded = await runInWorker<DecodedPixels>({
      kind: 'dicom',
      module,
      bytes,
      syntaxes: Object.keys(DECODABLE_SYNTAXES),
    })
  } catch (cause) {
    throw mediaError(
      'CHUNK_CODEC',
      where,
      `daikon could not decode the pixel data (${(cause as Error).message})`,
      { cause },
    )
  }
  const shape = dicomShape(header)
  const count = shape.reduce((a, b) => a * b, 1)
  let values = pixelsOf(header.dtype, decoded, count)
  if (decoded.planar && header.samplesPerPixel > 1)
    values = interleavePlanes(values, header.samplesPerPixel, header.rows * header.cols)
  return castTo(context.dtype, shape, values)
}

function pixelsOf(dtype: NumericDtype, decoded: DecodedPixels, count: number) {
  const size = dtype.endsWith('8') ? 1 : dtype.endsWith('16') ? 2 : 4
  const bytes = new Uint8Array(count * size)
  bytes.set(new Uint8Array(decoded.pixels, 0, Math.min(decoded.pixels.byteLength, bytes.byteLength)))
  if (!decoded.littleEndian && size > 1)
    for (let i = 0; i < bytes.length; i += size) bytes.subarray(i, i + size).reverse()
  const Ctor = {
    uint8: Uint8Array,
    int8: Int8Array,
    uint16: Uint16Array,
    int16: Int16Array,
    uint32: Uint32Array,
    int32: Int32Array,
  }[dtype as 'uint8']
  return new Ctor(bytes.buffer)
}

/** Planar configuration 1 (RRR…GGG…BBB per frame) → interleaved RGB, as pydicom returns it. */
function interleavePlanes<
  T extends Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array,
>(values: T, samples: number, pixels: number): T {
  const out = values.slice() as T
  const frame = pixels * samples
  for (let f = 0; f + frame <= values.length; f += frame)
    for (let p = 0; p < pixels; p++)
      for (let s = 0; s < samples; s++) out[f + p * samples + s] = values[f + s * pixels + p]!
  return out
}
