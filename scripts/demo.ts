/**
 * `npm run demo`: writes a small dataset to a local folder with @shoal/core, reopens it, and
 * prints what it reads back. Everything runs offline; the dataset stays in .tmp/demo/pets.
 */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createDataset, type NDArray, openDataset } from '@shoal/core'

// Kept under .tmp/ (git-ignored) so it can be inspected, or opened by Python deeplake 3.x.
const url = join(fileURLToPath(new URL('..', import.meta.url)), '.tmp', 'demo', 'pets')
{
  const ds = await createDataset(url, { overwrite: true })
  const images = await ds.createTensor('images', {
    htype: 'generic',
    dtype: 'uint8',
    chunkCompression: 'lz4',
  })
  const labels = await ds.createTensor('labels', { htype: 'class_label', classNames: ['cat', 'dog'] })
  const captions = await ds.createTensor('captions', { htype: 'text' })
  const meta = await ds.createTensor('meta', { htype: 'json' })
  const embeddings = await ds.createTensor('embeddings', { htype: 'embedding' })

  for (let i = 0; i < 6; i++) {
    const pixels = new Uint8Array(8 * 8 * 3).map((_, k) => (k * (i + 1)) % 256)
    await images.append({ data: pixels, shape: [8, 8, 3] })
    await labels.append(i % 3 === 2 ? 'bird' : i % 2 === 0 ? 'cat' : 'dog')
    await captions.append(`pet number ${i} — ${['sleeping', 'playing', 'eating'][i % 3]}`)
    await meta.append({ id: i, tags: ['demo'], score: i / 10 })
    await embeddings.append(Float32Array.from({ length: 4 }, (_, k) => Math.sin(i + k)))
  }
  await ds.info.update({ description: 'a demo dataset written by @shoal/core' })
  await ds.close()
  console.log(`wrote ${url}`)

  const back = await openDataset(url, { readOnly: true })
  console.log(
    `tensors: ${back.tensorNames.join(', ')}; length ${back.length}; info ${JSON.stringify(back.info)}`,
  )
  console.log(`class names: ${JSON.stringify(back.tensor('labels').info.class_names)}`)
  for (let i = 0; i < back.length; i++) {
    const image = (await back.tensor('images').get(i)) as NDArray
    const label = await back.tensor('labels').labelNames(i)
    const caption = await back.tensor('captions').get(i)
    const meta = await back.tensor('meta').get(i)
    const embedding = (await back.tensor('embeddings').get(i)) as NDArray
    const first = Array.from(embedding.data as Float32Array, (v) => v.toFixed(2)).join(' ')
    console.log(
      `#${i} image ${image.shape.join('x')} ${image.dtype} | label ${label} | "${caption}" | ${JSON.stringify(meta)} | [${first}]`,
    )
  }
  await back.close()
}
