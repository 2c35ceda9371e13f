import { createDataset, isShoalError } from '@shoal/core'
import { describe, expect, it } from 'vitest'
import { heatmapHtypes } from '../src/index.js'

let n = 0
async function refusal(sample: unknown): Promise<unknown> {
  const ds = await createDataset(`memory://heatmap-test-${n++}`, { htypes: heatmapHtypes })
  const maps = await ds.createTensor('maps', { htype: 'heatmap' })
  await maps.append([[1, 2]])
  const error = await maps.append(sample).then(
    () => undefined,
    (e: unknown) => e,
  )
  await ds.close()
  return error
}

describe('heatmap validation', () => {
  it('names the first cell that is not finite', async () => {
    const error = await refusal([
      [0, 1],
      [Number.POSITIVE_INFINITY, Number.NaN],
    ])
    expect(isShoalError(error, 'INVALID_SAMPLE')).toBe(true)
    expect((error as Error).message).toBe(
      'tensor "maps", sample 1: a heatmap holds finite values; cell (1, 0) is not finite',
    )
  })

  it('leaves rank to core, which names the dimensions a heatmap needs', async () => {
    const error = await refusal([1, 2])
    expect(isShoalError(error, 'INVALID_SAMPLE')).toBe(true)
    expect((error as Error).message).toMatch(/heatmap sample has 2 dimensions/)
  })
})
