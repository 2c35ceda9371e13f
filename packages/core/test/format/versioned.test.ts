import { describe, expect, it } from 'vitest'
import { compareVersions, readVersionPrefix, writeVersionPrefix } from '../../src/format/versioned.js'
import { expectShoalError, hex, toHex } from './helpers.js'

describe('version prefix', () => {
  it('writes and reads Lv + ASCII', () => {
    expect(toHex(writeVersionPrefix('3.9.52'))).toBe('06332e392e3532')
    expect(readVersionPrefix(hex('06332e392e3532ff'))).toEqual({ version: '3.9.52', offset: 7 })
    expect(readVersionPrefix(hex('00'))).toEqual({ version: '', offset: 1 })
  })

  it('rejects truncated prefixes and non-ASCII versions', () => {
    expectShoalError(() => readVersionPrefix(hex('06332e'), 'k'), 'CORRUPT_CHUNK', 'k')
    expectShoalError(() => readVersionPrefix(new Uint8Array(0), 'k'), 'CORRUPT_CHUNK', 'k')
    expectShoalError(() => writeVersionPrefix('3.9.é'), 'INVALID_ARGUMENT')
  })

  it('compares dotted versions numerically', () => {
    expect(compareVersions('3.9.52', '2.7.6')).toBeGreaterThan(0)
    expect(compareVersions('2.7.5', '2.7.6')).toBeLessThan(0)
    expect(compareVersions('2.10.0', '2.9.9')).toBeGreaterThan(0)
    expect(compareVersions('3.0', '3.0.0')).toBe(0)
    expect(compareVersions('3.0.1', '3.0')).toBeGreaterThan(0)
  })
})
