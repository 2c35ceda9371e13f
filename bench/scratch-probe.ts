import { readdirSync, statSync } from 'node:fs'
import { createDataset, openDataset } from '@shoal/core'
import { makeImages } from './src/data.js'

console.log(import.meta.resolve('@shoal/core'))
const imgs = makeImages(300, 50, [256, 256, 3])
for (const lz4 of [false, true]) {
  const p = `/tmp/probe-${lz4}`
  const t0 = performance.now()
  const ds = await createDataset(p, { overwrite: true })
  const t = await ds.createTensor(
    'images',
    lz4 ? { dtype: 'uint8', chunkCompression: 'lz4' } : { dtype: 'uint8' },
  )
  for (let i = 0; i < 300; i += 100) await t.extend(imgs.slice(i, i + 100))
  await ds.flush()
  await ds.close()
  console.log('write ms', performance.now() - t0)
  const dir = `${p}/images/chunks`
  const files = readdirSync(dir)
  console.log(
    lz4,
    files.length,
    files.map((f) => statSync(`${dir}/${f}`).size),
  )
  console.log(readdirSync(p), readdirSync(`${p}/images`))
  const r = await openDataset(p, { readOnly: true })
  const rt = r.tensor('images')
  const t1 = performance.now()
  let s = 0
  for await (const x of rt) s += (x as { data: Uint8Array }).data[5]!
  console.log('iter ms', performance.now() - t1, rt.length, s)
  await r.close()
}
