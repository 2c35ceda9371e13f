import { describe, expect, it } from 'vitest'
import { SampleSpans } from '../../src/engine/sample-spans.js'

describe('SampleSpans', () => {
  it('records each sample’s byte range and shape, single and packed', () => {
    const spans = new SampleSpans()
    spans.push(10, [2, 5])
    spans.push(10, undefined) // an empty sample of unknown rank
    spans.pushMany(Uint32Array.of(3, 7, 12), 0, 3, 10, [1])
    expect(spans.length).toBe(5)
    expect(spans.dataBytes).toBe(22)
    const ranges = Array.from({ length: 5 }, (_, k) => [spans.start(k), spans.end(k)])
    expect(ranges).toEqual([
      [0, 10],
      [10, 10],
      [10, 13],
      [13, 17],
      [17, 22],
    ])
    expect([0, 1, 2, 3, 4].map((k) => spans.shape(k))).toEqual([[2, 5], undefined, [1], [1], [1]])
  })

  it('takes part of a packed batch', () => {
    const spans = new SampleSpans()
    spans.pushMany(Uint32Array.of(4, 9, 15, 20), 2, 4, 100 - 9, [3])
    expect([spans.start(0), spans.end(0), spans.end(1)]).toEqual([0, 106, 111])
  })

  it('grows past its first capacity and keeps equal shapes as one run', () => {
    const spans = new SampleSpans()
    for (let k = 0; k < 1000; k++) spans.push((k + 1) * 3, k < 600 ? [3] : [1, 3])
    expect(spans.length).toBe(1000)
    expect(spans.end(999)).toBe(3000)
    expect(spans.shape(599)).toEqual([3])
    expect(spans.shape(600)).toEqual([1, 3])
    expect(spans.shape(0)).toBe(spans.shape(599)) // equal shapes share one run
  })

  it('forgets everything on clear', () => {
    const spans = new SampleSpans()
    spans.push(5, [5])
    spans.clear()
    expect(spans.length).toBe(0)
    expect(spans.dataBytes).toBe(0)
    spans.push(2, [2])
    expect(spans.shape(0)).toEqual([2])
  })
})
