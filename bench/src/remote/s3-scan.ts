/**
 * B11 remote scan: a full scan of one tensor on an S3-compatible server (fauxqs, in process) behind
 * a proxy that adds a fixed latency to every request, read through `withChunkPrefetch`.
 *
 *   node --conditions=@shoal/source --import tsx bench/src/remote/s3-scan.ts [--mb 200] [--latency 30]
 *        [--chunk-kb 1024] [--in-flight 16]
 *
 * Prints one JSON line per arm (in-flight 1 and N) with requests, chunks, seconds, MB/s and the
 * pipelined limit in-flight × chunk bytes ÷ latency. The targets: requests ≤ chunks × 1.1, and the
 * N arm at ≥ half of its pipelined limit.
 */
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3'
import { createDataset, type NDArray, openDataset, withChunkPrefetch } from '@shoal/core'
import { createS3Storage } from '@shoal/storage-s3'

const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '200' },
    latency: { type: 'string', default: '30' },
    'chunk-kb': { type: 'string', default: '1024' },
    'in-flight': { type: 'string', default: '16' },
  },
})
const totalBytes = Number(values.mb) * 1e6
const latencyMs = Number(values.latency)
const inFlight = Number(values['in-flight'])
const sampleBytes = 64 * 1024
const samples = Math.ceil(totalBytes / sampleBytes)
const keys = { accessKeyId: 'bench', secretAccessKey: 'bench-secret' }

// Server and latency proxy run in a child process, like a remote server would.
const child = spawn(
  process.execPath,
  ['--import', 'tsx', new URL('./server-child.ts', import.meta.url).pathname, String(latencyMs)],
  { stdio: ['ignore', 'pipe', 'inherit'] },
)
const ready = await new Promise<string>((resolve) =>
  createInterface({ input: child.stdout! }).once('line', resolve),
)
const { endpoint, proxy: proxyUrl } = JSON.parse(ready) as { endpoint: string; proxy: string }
const admin = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials: keys })
await admin.send(new CreateBucketCommand({ Bucket: 'bench' }))
admin.destroy()

try {
  process.stderr.write(`writing ${samples} samples of ${sampleBytes} B …\n`)
  const writeStore = createS3Storage({ bucket: 'bench', prefix: 'scan', endpoint, ...keys })
  const ds = await createDataset('s3://bench/scan', { storage: writeStore })
  const tensor = await ds.createTensor('x', {
    dtype: 'uint8',
    maxChunkSize: Number(values['chunk-kb']) * 2048,
  })
  const sample = new Uint8Array(sampleBytes)
  const batch = 32
  for (let i = 0; i < samples; i += batch) {
    const n = Math.min(batch, samples - i)
    await tensor.extend(
      Array.from({ length: n }, (_, k) => ({ shape: [sampleBytes], data: sample.fill((i + k) % 251) })),
    )
  }
  await ds.close()
  let chunks = 0
  for await (const _ of writeStore.list('x/chunks/')) chunks++
  const chunkBytes = (samples * sampleBytes) / chunks

  for (const arm of [1, inFlight]) {
    const s3 = createS3Storage({
      bucket: 'bench',
      prefix: 'scan',
      endpoint: proxyUrl,
      ...keys,
      maxConcurrency: Math.max(arm, 4),
    })
    // Counts requests in flight at once, to show the pipelining the prefetcher achieves.
    let active = 0
    let peak = 0
    const counted = {
      ...s3,
      get: async (key: string, options?: { signal?: AbortSignal }) => {
        peak = Math.max(peak, ++active)
        try {
          return await s3.get(key, options)
        } finally {
          active--
        }
      },
    }
    const storage = withChunkPrefetch(counted, { inFlight: arm })
    const back = await openDataset('s3://bench/scan', {
      storage,
      readOnly: true,
      cacheBytes: (arm + 2) * chunkBytes * 2,
    })
    // Timed from after the open (a handful of metadata reads): the scan alone.
    const opened = s3.counters.requests
    peak = 0
    const started = process.hrtime.bigint()
    let count = 0
    let check = 0
    for await (const value of back.tensor('x')) {
      check = (check + Number((value as NDArray).data[7])) % 1_000_003
      count++
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    await back.close()
    const requests = s3.counters.requests - opened
    const mbPerS = (count * sampleBytes) / 1e6 / seconds
    const limit = (arm * chunkBytes) / 1e6 / (latencyMs / 1000)
    console.log(
      JSON.stringify({
        case: 'B11.s3-scan',
        in_flight: arm,
        latency_ms: latencyMs,
        samples: count,
        bytes: count * sampleBytes,
        chunks,
        chunk_bytes: Math.round(chunkBytes),
        requests,
        requests_per_chunk: +(requests / chunks).toFixed(3),
        seconds: +seconds.toFixed(3),
        mb_per_s: +mbPerS.toFixed(1),
        pipelined_limit_mb_per_s: +limit.toFixed(1),
        fraction_of_limit: +(mbPerS / limit).toFixed(3),
        check,
        peak_in_flight: peak,
        prefetch: storage.prefetchStats,
      }),
    )
  }
} finally {
  child.kill('SIGTERM')
}
