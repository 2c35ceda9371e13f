import { promisify } from 'node:util'
import { gunzip } from 'node:zlib'
import type { CodecImplementation, DecodeContext, NDArray, NumericDtype } from '@shoal/core/plugin'
import { castTo } from '../cast.js'
import { badFile, mediaError, type SampleWhere } from '../errors.js'
import { runInWorker } from '../worker/pool.js'

const gunzipAsync = promisify(gunzip)

/** NIfTI datatype codes → dtype (nibabel's mapping). */
const DATATYPES: Record<number, NumericDtype> = {
  2: 'uint8',
  4: 'int16',
  8: 'int32',
  16: 'float32',
  64: 'float64',
  256: 'int8',
  512: 'uint16',
  768: 'uint32',
  1024: 'int64',
  1280: 'uint64',
}

type NiftiModule = typeof import('nifti-reader-js')
type NiftiHeader = ReturnType<NiftiModule['readHeader']>

interface ParsedNifti {
  header: NiftiHeader
  file: ArrayBuffer
  shape: number[]
  dtype: NumericDtype
}

/**
 * The heavy half of the nii / nii.gz codecs: nifti-reader-js for the header, zlib (libuv's thread
 * pool) for gzip, and a worker thread to reorder the voxels.
 */
export function niftiCodec(gz: boolean): CodecImplementation {
  const format = gz ? 'nii.gz' : 'nii'
  return {
    async describeFile(bytes) {
      const parsed = await parseNifti(bytes, gz)
      return {
        shape: parsed.shape,
        dtype: parsed.dtype,
        info: { ...niftiInfo(parsed.header), ...rawFields(parsed) },
      }
    },
    async decodeSample(bytes, context) {
      let parsed: ParsedNifti
      try {
        parsed = await parseNifti(bytes, gz)
      } catch (cause) {
        const where: SampleWhere = { tensor: context.tensor, index: context.index }
        throw mediaError(
          'CORRUPT_CHUNK',
          where,
          `the stored ${format} file cannot be read (${(cause as Error).message})`,
          {
            cause,
          },
        )
      }
      return decodeVolume(parsed, context)
    },
  }
}

async function parseNifti(bytes: Uint8Array, gz: boolean): Promise<ParsedNifti> {
  const format = gz ? 'nii.gz' : 'nii'
  const nifti = await import('nifti-reader-js')
  let plain: Uint8Array = bytes
  if (gz) {
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) throw badFile(format, 'no gzip header')
    plain = new Uint8Array(await gunzipAsync(bytes))
  }
  const file = plain.buffer.slice(plain.byteOffset, plain.byteOffset + plain.byteLength) as ArrayBuffer
  if (!nifti.isNIFTI(file)) throw badFile(format, 'no NIfTI-1 or NIfTI-2 header')
  const header = nifti.readHeader(file)
  const rank = header.dims[0]!
  if (rank < 1 || rank > 7) throw badFile(format, `the header gives ${rank} dimensions`)
  const shape = header.dims.slice(1, rank + 1)
  const dtype = DATATYPES[header.datatypeCode]
  if (!dtype) throw badFile(format, `datatype code ${header.datatypeCode} is not supported`)
  const need = Number(header.vox_offset) + shape.reduce((a, b) => a * b, 1) * (header.numBitsPerVoxel / 8)
  if (need > file.byteLength)
    throw badFile(format, `the volume needs ${need} bytes, the file has ${file.byteLength} (truncated file?)`)
  return { header, file, shape, dtype }
}

/** The volume in C order of (H, W, slices[, t]), scaled like nibabel's get_fdata (in a worker), cast to the tensor dtype. */
async function decodeVolume(parsed: ParsedNifti, context: DecodeContext): Promise<NDArray> {
  const nifti = await import('nifti-reader-js')
  const { header, shape } = parsed
  const slope = header.scl_slope
  const scaled = Number.isFinite(slope) && slope !== 0 && (slope !== 1 || header.scl_inter !== 0)
  let volume: Float64Array
  try {
    volume = await runInWorker<Float64Array>({
      kind: 'nifti',
      bytes: new Uint8Array(nifti.readImage(header, parsed.file)),
      volume: {
        dtype: parsed.dtype,
        shape,
        littleEndian: header.littleEndian,
        slope,
        inter: header.scl_inter,
        scaled,
      },
    })
  } catch (cause) {
    const where: SampleWhere = { tensor: context.tensor, index: context.index }
    throw mediaError(
      'CHUNK_CODEC',
      where,
      `the NIfTI volume could not be decoded (${(cause as Error).message})`,
      { cause },
    )
  }
  return castTo(context.dtype, shape, volume)
}

/** Header fields under nibabel's names (what Python's sample info holds), plus affine and zooms. */
function niftiInfo(h: NiftiHeader): Record<string, unknown> {
  const rank = h.dims[0]!
  return {
    sizeof_hdr: h.magic.startsWith('n+2') || h.magic.startsWith('ni2') ? 540 : 348,
    dim_info: h.dim_info,
    dim: [...h.dims],
    intent_code: h.intent_code,
    intent_name: h.intent_name,
    datatype: h.datatypeCode,
    bitpix: h.numBitsPerVoxel,
    slice_start: h.slice_start,
    slice_end: h.slice_end,
    slice_code: h.slice_code,
    pixdim: [...h.pixDims],
    vox_offset: Number(h.vox_offset),
    scl_slope: Number.isFinite(h.scl_slope) ? h.scl_slope : null,
    scl_inter: Number.isFinite(h.scl_inter) ? h.scl_inter : null,
    xyzt_units: h.xyzt_units,
    cal_max: h.cal_max,
    cal_min: h.cal_min,
    slice_duration: h.slice_duration,
    toffset: h.toffset,
    descrip: h.description,
    aux_file: h.aux_file,
    qform_code: h.qform_code,
    sform_code: h.sform_code,
    quatern_b: h.quatern_b,
    quatern_c: h.quatern_c,
    quatern_d: h.quatern_d,
    qoffset_x: h.qoffset_x,
    qoffset_y: h.qoffset_y,
    qoffset_z: h.qoffset_z,
    magic: h.magic,
    affine: h.affine.map((row) => [...row]),
    zooms: h.pixDims.slice(1, rank + 1),
  }
}

/** NIfTI-1 fields nifti-reader-js does not expose (intent parameters, the raw sform rows). */
function rawFields(parsed: ParsedNifti): Record<string, unknown> {
  if (
    parsed.file.byteLength < 348 ||
    new DataView(parsed.file).getInt32(0, parsed.header.littleEndian) !== 348
  )
    return {}
  const view = new DataView(parsed.file)
  const f32 = (at: number) => view.getFloat32(at, parsed.header.littleEndian)
  const row = (at: number) => [f32(at), f32(at + 4), f32(at + 8), f32(at + 12)]
  return {
    intent_p1: f32(56),
    intent_p2: f32(60),
    intent_p3: f32(64),
    glmax: view.getInt32(140, parsed.header.littleEndian),
    glmin: view.getInt32(144, parsed.header.littleEndian),
    srow_x: row(280),
    srow_y: row(296),
    srow_z: row(312),
  }
}
