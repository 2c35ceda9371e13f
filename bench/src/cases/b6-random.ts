/** B6: random single-sample reads of B1's images (p50/p95 µs), against `readSync` at offsets. */
import { closeSync, openSync } from 'node:fs'
import { openDataset } from '@shoal/core'
import * as zarr from 'zarrita'
import type { ArmResult, BenchCase } from '../case.js'
import { bytesOf, randomIndices, touch } from '../checks.js'
import { Latencies, now, secondsSince } from '../measure.js'
import { readFull } from '../stores/flat.js'
import { type ImageStores, imageFixture } from '../stores/image-fixture.js'
import { IMAGES } from '../stores/images.js'
import { openZarrArray } from '../stores/zarr.js'

let stores: ImageStores | undefined
let indices: number[] = []

function result(seconds: number, latencies: Latencies, check: number): ArmResult {
  return {
    n: indices.length,
    bytes: indices.length * stores!.sampleBytes,
    seconds,
    latencies: latencies.values,
    extra: { check },
  }
}

/** The B6 case. Opening the dataset / file is outside the timed loop: this case is about latency. */
export const b6Random: BenchCase = {
  id: 'B6',
  group: 'B6',
  title: 'random single-image reads',
  latencyOf: 'sample',
  async setup({ workspace, profile }) {
    stores = await imageFixture(workspace, profile)
    indices = randomIndices(profile.randomReads, stores.count)
    return undefined
  },
  arms: {
    async shoal({ probe }) {
      const ds = await openDataset(stores!.shoal, { readOnly: true })
      const tensor = ds.tensor(IMAGES)
      const latencies = new Latencies()
      let check = 0
      const start = now()
      for (const index of indices) {
        latencies.start()
        const sample = (await tensor.get(index)) as { data: Uint8Array }
        latencies.stop()
        check += touch(sample.data)
        probe.tick()
      }
      const seconds = secondsSince(start)
      await ds.close()
      return result(seconds, latencies, check)
    },
    async 'raw-node'({ probe }) {
      const fd = openSync(stores!.flat, 'r')
      const size = stores!.sampleBytes
      const latencies = new Latencies()
      let check = 0
      const start = now()
      for (const index of indices) {
        latencies.start()
        // A fresh buffer per read: the caller owns the sample, as with the other systems.
        const sample = new Uint8Array(size)
        readFull(fd, sample, index * size)
        latencies.stop()
        check += touch(sample)
        probe.tick()
      }
      const seconds = secondsSince(start)
      closeSync(fd)
      return result(seconds, latencies, check)
    },
    async zarrita({ probe }) {
      const arr = await openZarrArray(stores!.zarr, IMAGES)
      const latencies = new Latencies()
      let check = 0
      const start = now()
      for (const index of indices) {
        latencies.start()
        const got = await zarr.get(arr, [index, null, null, null])
        latencies.stop()
        check += touch(bytesOf(got.data as ArrayBufferView))
        probe.tick()
      }
      return result(secondsSince(start), latencies, check)
    },
  },
}
