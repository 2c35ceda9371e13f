import { readdirSync, rmSync } from 'node:fs'
import FileSystemStore from '@zarrita/storage/fs'
import * as zarr from 'zarrita'
import { makeImages } from './src/data.js'

const imgs = makeImages(300, 50, [256, 256, 3])
for (const codecs of [
  undefined,
  [
    { name: 'bytes', configuration: { endian: 'little' } },
    { name: 'numcodecs.lz4', configuration: { acceleration: 1 } },
  ],
  [
    { name: 'bytes', configuration: { endian: 'little' } },
    {
      name: 'blosc',
      configuration: { cname: 'lz4', clevel: 5, shuffle: 'noshuffle', typesize: 1, blocksize: 0 },
    },
  ],
]) {
  const dir = '/tmp/zprobe'
  rmSync(dir, { recursive: true, force: true })
  const store = new FileSystemStore(dir)
  const root = zarr.root(store)
  await zarr.create(root)
  const t0 = performance.now()
  const arr = await zarr.create(root.resolve('images'), {
    shape: [300, 256, 256, 3],
    chunkShape: [50, 256, 256, 3],
    dtype: 'uint8',
    ...(codecs ? { codecs } : {}),
  })
  for (let i = 0; i < 300; i += 100) {
    const data = new Uint8Array(100 * 196608)
    for (let j = 0; j < 100; j++) data.set(imgs[i + j]!.data, j * 196608)
    await zarr.set(arr, [zarr.slice(i, i + 100), null, null, null], {
      data,
      shape: [100, 256, 256, 3],
      stride: [196608, 768, 3, 1],
    })
  }
  console.log(
    'write ms',
    performance.now() - t0,
    readdirSync(dir + '/images'),
    readdirSync(dir + '/images/c'),
  )
  const a2 = await zarr.open(root.resolve('images'), { kind: 'array' })
  const t1 = performance.now()
  const got = await zarr.get(a2, [zarr.slice(100, 200), null, null, null])
  const one = await zarr.get(a2, [7, null, null, null])
  console.log(
    'read ms',
    performance.now() - t1,
    got.shape,
    got.stride,
    got.data.constructor.name,
    one.shape,
    one.data[5] === imgs[7]!.data[5],
    Buffer.compare(Buffer.from(got.data.buffer, got.data.byteOffset, 196608), Buffer.from(imgs[100]!.data)),
  )
  console.log(a2.chunks, a2.codecs ?? '')
}
