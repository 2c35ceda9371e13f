import { describe, expect, it } from 'vitest'
import { encodeChunkSet, parseChunkSet } from '../../src/format/chunk-set.js'
import { fixture, fixturesNamed } from './helpers.js'

describe('chunk set', () => {
  it('parses the three entry forms and writes them back', () => {
    const text = '8b61521b9f214473,b0b5726d56fe41ba:a5fc,c1:e7f8:other/key'
    const map = parseChunkSet(text)
    expect([...map]).toEqual([
      ['8b61521b9f214473', {}],
      ['b0b5726d56fe41ba', { commit: 'a5fc' }],
      ['c1', { commit: 'e7f8', key: 'other/key' }],
    ])
    expect(encodeChunkSet(map)).toBe(text)
  })

  it('handles empty files and stray commas', () => {
    expect(parseChunkSet('').size).toBe(0)
    expect(encodeChunkSet(new Map())).toBe('')
    expect([...parseChunkSet('a,,b,')].map(([name]) => name)).toEqual(['a', 'b'])
  })

  it('round-trips every fixture chunk_set', () => {
    const paths = fixturesNamed('chunk_set')
    expect(paths.length).toBeGreaterThan(10)
    for (const path of paths) {
      const text = new TextDecoder().decode(fixture(path))
      expect(encodeChunkSet(parseChunkSet(text))).toBe(text)
    }
  })
})
