import { describe, expect, it } from 'vitest'
import { boxCorners3d, projectBoxes3d } from '../src/index.js'
import { expectShoalError } from './helpers/dataset.js'

const round = (a: { data: ArrayLike<number> }) => Array.from(a.data, (v) => Math.round(v * 1e6) / 1e6 + 0)
// fx = fy = 100, principal point (50, 40)
const K = [100, 0, 50, 0, 100, 40, 0, 0, 1]

describe('boxCorners3d', () => {
  it('puts the 8 corners at ±size/2, rotated in degrees', () => {
    const c = boxCorners3d([0, 0, 10, 2, 4, 6, 0, 0, 0])
    expect(c.shape).toEqual([1, 8, 3])
    expect(round(c).slice(0, 6)).toEqual([-1, -2, 7, -1, -2, 13])
    expect(round(c).slice(21)).toEqual([1, 2, 13])
    // 90° about z turns the x half-size (1) into y: corner 4 (+x, −y, −z) → (2, 1, 7)
    const r = boxCorners3d([0, 0, 10, 2, 4, 6, 0, 0, 90])
    expect(round(r).slice(12, 15)).toEqual([2, 1, 7])
  })
})

describe('projectBoxes3d', () => {
  it('projects corners with the intrinsics (hand-computed)', () => {
    const p = projectBoxes3d([0, 0, 10, 2, 4, 6, 0, 0, 0], K)
    expect(p.shape).toEqual([1, 8, 2])
    // corner 0 (−1, −2, 7): u = 100·−1/7 + 50, v = 100·−2/7 + 40
    expect(round(p).slice(0, 2)).toEqual([
      Math.round((50 - 100 / 7) * 1e6) / 1e6,
      Math.round((40 - 200 / 7) * 1e6) / 1e6,
    ])
    // corner 7 (1, 2, 13)
    expect(round(p).slice(14)).toEqual([
      Math.round((50 + 100 / 13) * 1e6) / 1e6,
      Math.round((40 + 200 / 13) * 1e6) / 1e6,
    ])
  })
  it('projects vertex boxes and accepts a (3, 3) NDArray', () => {
    const corners = Array.from({ length: 8 }, () => [2, 4, 20]).flat()
    const p = projectBoxes3d(
      corners,
      { dtype: 'float32', shape: [3, 3], data: Float32Array.from(K) },
      'vertex',
    )
    expect(round(p).slice(0, 2)).toEqual([60, 60])
  })
  it('refuses a bad matrix, bad boxes and an unknown mode', async () => {
    await expectShoalError(
      (async () => projectBoxes3d([0, 0, 1, 1, 1, 1, 0, 0, 0], [1, 2, 3]))(),
      'INVALID_ARGUMENT',
      ['3×3'],
    )
    await expectShoalError((async () => projectBoxes3d([1, 2, 3], K))(), 'INVALID_ARGUMENT', ['9 numbers'])
    await expectShoalError((async () => projectBoxes3d([1, 2, 3], K, 'vertex'))(), 'INVALID_ARGUMENT', [
      '8 × 3',
    ])
    await expectShoalError(
      (async () => projectBoxes3d([1, 2, 3], K, 'corner' as never))(),
      'INVALID_ARGUMENT',
      ['corner'],
    )
  })
})
