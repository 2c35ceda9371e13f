import type { CodecImplementation, DecodeContext, NDArray } from '@shoal/core/plugin'
import { allocTyped } from '@shoal/core/plugin'
import { colourOffset, lasDimensionNames, readLasHeader } from './las-header.js'
import { type PointCloudSample, pointFields } from './options.js'

/** LAS point clouds through @loaders.gl/las (laz-perf for LAZ); positions in float64, then the tensor's dtype. */
export async function lasCodec(): Promise<CodecImplementation> {
  const [{ parse }, { LASLoader }] = await Promise.all([
    import('@loaders.gl/core'),
    import('@loaders.gl/las'),
  ])

  async function decode(bytes: Uint8Array, context: DecodeContext): Promise<PointCloudSample> {
    const header = readLasHeader(bytes)
    // loaders.gl wants an ArrayBuffer of exactly the file.
    const buffer = bytes.slice().buffer
    // fp64: Float32 positions lose georeferenced precision; colour is read from the records below.
    const mesh = (await parse(buffer, LASLoader, { worker: false, las: { fp64: true, colorDepth: 8 } })) as {
      attributes: Record<string, { value: ArrayLike<number> }>
    }
    const positions = mesh.attributes.POSITION!.value
    const count = positions.length / 3
    if (count !== header.pointCount)
      throw new Error(`the file declares ${header.pointCount} points; ${count} could be read`)
    const coords = allocTyped(context.dtype, count * 3) as { [i: number]: number | bigint; length: number }
    const big = context.dtype === 'int64' || context.dtype === 'uint64'
    for (let i = 0; i < coords.length; i++)
      coords[i] = big ? BigInt(Math.round(positions[i]!)) : positions[i]!
    const sample: NDArray = { dtype: context.dtype, shape: [count, 3], data: coords as NDArray['data'] }
    const wanted = pointFields(context)
    if (wanted === undefined) return sample
    const fields: Record<string, NDArray> = {}
    if (wanted.has('intensity'))
      fields.intensity = {
        dtype: 'uint16',
        shape: [count],
        data: Uint16Array.from(mesh.attributes.intensity!.value),
      }
    if (wanted.has('classification'))
      fields.classification = {
        dtype: 'uint8',
        shape: [count],
        data: Uint8Array.from(mesh.attributes.classification!.value),
      }
    const at = colourOffset(header.pointFormat)
    if (wanted.has('color') && at !== undefined) {
      const rgb = new Uint16Array(count * 3)
      if (header.compressed) {
        // LAZ records are compressed: only loaders.gl's 8-bit colour is available.
        const c = mesh.attributes.COLOR_0!.value
        for (let i = 0; i < count; i++) for (let k = 0; k < 3; k++) rgb[i * 3 + k] = c[i * 4 + k]!
      } else {
        const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
        for (let i = 0; i < count; i++) {
          const record = header.pointsOffset + i * header.recordLength + at
          for (let k = 0; k < 3; k++) rgb[i * 3 + k] = view.getUint16(record + k * 2, true)
        }
      }
      fields.color = { dtype: 'uint16', shape: [count, 3], data: rgb }
    }
    return { ...sample, fields }
  }

  return {
    decodeSample: decode,
    async describeFile(bytes) {
      const header = readLasHeader(bytes)
      const names = lasDimensionNames(header.pointFormat)
      // Decode once so a damaged point block is refused at append, not at the first read.
      await decode(bytes, { dtype: 'float64' })
      return {
        shape: [header.pointCount, names.length],
        info: {
          dimension_names: names,
          las_header: {
            point_count: header.pointCount,
            point_format: header.pointFormat,
            major_version: header.major,
            minor_version: header.minor,
            scales: header.scales,
            offsets: header.offsets,
            maxs: header.maxs,
            mins: header.mins,
          },
        },
      }
    },
  }
}
