import { type NDArray, ShoalError } from '@shoal/core'
import { defineCodec, defineHtype, type HtypeDefinition } from '@shoal/core/plugin'

/**
 * A tiny plugin for the testkit's own tests: `testkit.counts`, rank-1 uint16 arrays of values
 * below 1000, stored with `testkit-xor` (every byte xored with 0x5a) unless told otherwise.
 */
export const countsHtype = defineHtype({
  specVersion: 1,
  name: 'testkit.counts',
  providedBy: 'testkit-tests',
  version: '1.0.0',
  layout: 'array',
  defaultDtype: 'uint16',
  dtypes: ['uint16'],
  compressions: ['testkit-xor', 'lz4'],
  defaultSampleCompression: 'testkit-xor',
  ranks: [1],
  validateSample(sample: NDArray, context) {
    const data = sample.data as Uint16Array
    const at = data.findIndex((v) => v >= 1000)
    if (at >= 0) {
      throw new ShoalError(
        'INVALID_SAMPLE',
        `tensor "${context.tensor}", sample ${context.index}: counts are below 1000; element ${at} is ${data[at]}`,
        { tensor: context.tensor, index: context.index, expected: 'values below 1000' },
      )
    }
  },
})

const xor = (bytes: Uint8Array) => bytes.map((b) => b ^ 0x5a)

export const xorCodec = defineCodec({
  specVersion: 1,
  name: 'testkit-xor',
  providedBy: 'testkit-tests',
  version: '1.0.0',
  kind: 'byte',
  loadCodec: () => ({ compressBytes: xor, decompressBytes: xor }),
})

export const countsPlugin = { htypes: [countsHtype] as HtypeDefinition[], codecs: [xorCodec] }

export const counts = (...values: number[]): NDArray<'uint16'> => ({
  dtype: 'uint16',
  shape: [values.length],
  data: Uint16Array.from(values),
})
