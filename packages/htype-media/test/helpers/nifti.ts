import { gzipSync } from 'node:zlib'

/**
 * A minimal NIfTI-1 single file (.nii): 348-byte header, 4-byte extension flag, then the int16
 * volume in NIfTI's x-fastest order. `value(x, y, z)` gives each voxel.
 */
export function makeNifti(
  dims: [number, number, number],
  value: (x: number, y: number, z: number) => number,
  options: { gz?: boolean; slope?: number; inter?: number; pixdim?: [number, number, number] } = {},
): Uint8Array {
  const [nx, ny, nz] = dims
  const header = new DataView(new ArrayBuffer(352))
  header.setInt32(0, 348, true)
  const dim = [3, nx, ny, nz, 1, 1, 1, 1]
  for (const [i, d] of dim.entries()) header.setInt16(40 + i * 2, d, true)
  header.setInt16(70, 4, true) // datatype int16
  header.setInt16(72, 16, true) // bitpix
  const pixdim = [1, ...(options.pixdim ?? [1.5, 2, 2.5]), 0, 0, 0, 0]
  for (const [i, p] of pixdim.entries()) header.setFloat32(76 + i * 4, p, true)
  header.setFloat32(108, 352, true) // vox_offset
  header.setFloat32(112, options.slope ?? 1, true)
  header.setFloat32(116, options.inter ?? 0, true)
  header.setInt16(254, 1, true) // sform_code
  const srow = [
    [pixdim[1]!, 0, 0, -10],
    [0, pixdim[2]!, 0, -20],
    [0, 0, pixdim[3]!, -30],
  ]
  for (const [r, row] of srow.entries())
    for (const [c, v] of row.entries()) header.setFloat32(280 + r * 16 + c * 4, v, true)
  new Uint8Array(header.buffer).set(new TextEncoder().encode('shoal test'), 148)
  new Uint8Array(header.buffer).set([0x6e, 0x2b, 0x31, 0x00], 344) // "n+1\0"
  const data = new DataView(new ArrayBuffer(nx * ny * nz * 2))
  let i = 0
  for (let z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) data.setInt16(2 * i++, value(x, y, z), true)
  const file = new Uint8Array(352 + data.byteLength)
  file.set(new Uint8Array(header.buffer), 0)
  file.set(new Uint8Array(data.buffer), 352)
  return options.gz ? new Uint8Array(gzipSync(file)) : file
}
