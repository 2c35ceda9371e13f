/**
 * Child process of the crash test: appends deterministic samples to three tensors forever,
 * flushing every few appends and printing "flushed <n>" once a flush returns. The parent kills it
 * with SIGKILL at a random moment.
 */
import { createDataset } from '../../../src/index.js'
import { expectedSample } from './samples.js'

const path = process.argv[2]!
const ds = await createDataset(path)
const ints = await ds.createTensor('ints', { dtype: 'int32', maxChunkSize: 4096 })
const words = await ds.createTensor('words', { htype: 'text', maxChunkSize: 2048 })
const packed = await ds.createTensor('packed', {
  dtype: 'uint16',
  chunkCompression: 'lz4',
  maxChunkSize: 4096,
})
await ds.flush()
console.log('flushed 0')
for (let i = 0; ; i++) {
  const sample = expectedSample(i)
  await ints.append(sample.ints)
  await words.append(sample.words)
  await packed.append(sample.packed)
  if (i % 7 === 6) {
    await ds.flush()
    console.log(`flushed ${i + 1}`)
  }
}
