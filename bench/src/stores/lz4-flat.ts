/**
 * raw-node for B10: the image bytes cut into chunks of the samples Shoal puts in one chunk,
 * each compressed with lz4-napi, written back to back into one file with an offset index beside it.
 */
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs'
import { compressSync, uncompressSync } from 'lz4-napi'
import type { RssProbe } from '../measure.js'
import { readFull } from './flat.js'

/** Shoal's chunks fill to about 8 MB (half its 16 MB default); the raw chunks use the same. */
export const CHUNK_TARGET_BYTES = 8_000_000

// lz4-napi's types ask for a Buffer; a Buffer view over the same memory avoids a copy.
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

/** Samples per raw lz4 chunk for samples of `sampleBytes`. */
export function samplesPerChunk(sampleBytes: number): number {
  return Math.max(1, Math.floor(CHUNK_TARGET_BYTES / sampleBytes))
}

/** Compresses `samples` chunk by chunk into `path`; `path.index.json` keeps the chunk offsets. */
export function writeLz4Flat(path: string, samples: readonly Uint8Array[], probe?: RssProbe): number {
  const sampleBytes = samples[0]!.byteLength
  const perChunk = samplesPerChunk(sampleBytes)
  const chunk = new Uint8Array(perChunk * sampleBytes)
  const ends: number[] = []
  let written = 0
  const fd = openSync(path, 'w')
  try {
    for (let start = 0; start < samples.length; start += perChunk) {
      const count = Math.min(perChunk, samples.length - start)
      for (let i = 0; i < count; i++) chunk.set(samples[start + i]!, i * sampleBytes)
      const packed = compressSync(asBuffer(chunk.subarray(0, count * sampleBytes)))
      let done = 0
      while (done < packed.byteLength) done += writeSync(fd, packed, done, packed.byteLength - done)
      written += packed.byteLength
      ends.push(written)
      probe?.sample()
    }
  } finally {
    closeSync(fd)
  }
  writeFileSync(`${path}.index.json`, JSON.stringify({ sampleBytes, perChunk, count: samples.length, ends }))
  return written
}

/** Reads and decompresses every chunk of a {@link writeLz4Flat} file, calling `onSample` per sample. */
export function scanLz4Flat(path: string, onSample: (sample: Uint8Array) => void, probe?: RssProbe): number {
  const index = JSON.parse(readFileSync(`${path}.index.json`, 'utf8')) as {
    sampleBytes: number
    ends: number[]
  }
  const fd = openSync(path, 'r')
  let start = 0
  let samples = 0
  let packed = new Uint8Array(0)
  try {
    for (const end of index.ends) {
      if (packed.byteLength < end - start) packed = new Uint8Array(end - start)
      const view = packed.subarray(0, end - start)
      readFull(fd, view, start)
      const chunk = uncompressSync(asBuffer(view))
      for (let at = 0; at < chunk.byteLength; at += index.sampleBytes) {
        onSample(chunk.subarray(at, at + index.sampleBytes))
        samples++
      }
      start = end
      probe?.sample()
    }
  } finally {
    closeSync(fd)
  }
  return samples
}
