/**
 * The body of the decode worker, kept as source text and started with `eval: true`, so it runs
 * the same from src/ (tests) and dist/ (published) without a separate build entry. It calls the
 * third-party decoders and reorders NIfTI voxels; casting to the tensor dtype happens in the main thread.
 */
export const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads')

async function decodeAudio(job) {
  const { default: decode } = await import(job.module)
  const result = await decode(job.bytes)
  const channels = result.channelData.map((c) => new Float32Array(c))
  return { value: { sampleRate: result.sampleRate, channels }, transfer: channels.map((c) => c.buffer) }
}

function decodeDicom(job) {
  const daikon = require(job.module)
  daikon.Parser.verbose = false
  const bytes = job.bytes
  const image = daikon.Series.parseImage(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  if (image === null) throw new Error(daikon.Series.parserError ? String(daikon.Series.parserError) : 'no DICOM image found')
  if (!image.hasPixelData()) throw new Error('the file has no pixel data')
  const syntax = image.getTransferSyntax()
  if (!job.syntaxes.includes(syntax)) throw new Error('unsupported transfer syntax ' + syntax)
  const raw = image.getRawData()
  const pixels = raw instanceof ArrayBuffer ? raw.slice(0) : new Uint8Array(raw).slice().buffer
  const value = {
    pixels,
    littleEndian: image.littleEndian !== false,
    planar: image.getPlanarConfig() === 1 && !image.isCompressed(),
  }
  return { value, transfer: [pixels] }
}

const ARRAYS = {
  int8: Int8Array, uint8: Uint8Array, int16: Int16Array, uint16: Uint16Array, int32: Int32Array,
  uint32: Uint32Array, float32: Float32Array, float64: Float64Array, int64: BigInt64Array, uint64: BigUint64Array,
}

// A NIfTI volume is stored x-fastest (Fortran order); reorder it to C order, scaled like nibabel.
function reorderVolume(job) {
  const { dtype, shape, littleEndian, slope, inter, scaled } = job.volume
  const Ctor = ARRAYS[dtype]
  const size = Ctor.BYTES_PER_ELEMENT
  const bytes = job.bytes
  if (!littleEndian && size > 1) for (let i = 0; i < bytes.length; i += size) bytes.subarray(i, i + size).reverse()
  const source = new Ctor(bytes.buffer, bytes.byteOffset, Math.floor(bytes.byteLength / size))
  const count = shape.reduce((a, b) => a * b, 1)
  const out = new Float64Array(count)
  const strides = shape.map((_, axis) => shape.slice(0, axis).reduce((a, b) => a * b, 1))
  const index = new Array(shape.length).fill(0)
  for (let c = 0; c < count; c++) {
    let f = 0
    for (let axis = 0; axis < shape.length; axis++) f += index[axis] * strides[axis]
    const value = Number(source[f])
    out[c] = scaled ? value * slope + inter : value
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      if (++index[axis] < shape[axis]) break
      index[axis] = 0
    }
  }
  return { value: out, transfer: [out.buffer] }
}

parentPort.on('message', async (job) => {
  try {
    const out = job.kind === 'audio' ? await decodeAudio(job) : job.kind === 'nifti' ? reorderVolume(job) : decodeDicom(job)
    parentPort.postMessage({ id: job.id, value: out.value }, out.transfer)
  } catch (error) {
    parentPort.postMessage({ id: job.id, error: String((error && error.message) || error) })
  }
})
`
