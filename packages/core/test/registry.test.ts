import { describe, expect, it } from 'vitest'
import { findCodec, registerCodecs } from '../src/codec/registry.js'
import { isShoalError, ShoalError } from '../src/errors.js'
import { defineHtype } from '../src/htype/contract.js'
import { findHtype, registerHtypes, requireHtype } from '../src/htype/registry.js'
import { sharedRegistry } from '../src/registry.js'

const heatmap = defineHtype({
  specVersion: 1,
  name: 'test.heatmap',
  providedBy: '@acme/heatmap',
  version: '1.0.0',
  layout: 'array',
  defaultDtype: 'float32',
})

describe('plugin registry', () => {
  it('lives on globalThis under the contract-major Symbol.for key', () => {
    const registry = sharedRegistry()
    const host = globalThis as unknown as Record<symbol, unknown>
    expect(host[Symbol.for('@shoal/core/registry@1')]).toBe(registry)
  })

  it('seeds core htypes and lz4 without any import-time registration', () => {
    for (const name of ['generic', 'text', 'json', 'list', 'tag', 'class_label', 'embedding']) {
      expect(findHtype(name)?.providedBy).toBe('@shoal/core')
    }
    expect(findCodec('lz4')?.kind).toBe('byte')
  })

  it('treats registering the same definition twice as a no-op', () => {
    registerHtypes([heatmap])
    registerHtypes([heatmap])
    // A structurally equal copy from the same package@version (a second install) is also fine.
    registerHtypes([{ ...heatmap }])
    expect(findHtype('test.heatmap')).toBe(heatmap)
  })

  it('rejects a different definition under a taken name, naming both packages', () => {
    registerHtypes([heatmap])
    const other = { ...heatmap, providedBy: '@other/heatmap' }
    let caught: unknown
    try {
      registerHtypes([other])
    } catch (error) {
      caught = error
    }
    expect(isShoalError(caught, 'DUPLICATE_HTYPE')).toBe(true)
    expect((caught as Error).message).toContain('@acme/heatmap')
    expect((caught as Error).message).toContain('@other/heatmap')
    registerHtypes([other], { override: true })
    expect(findHtype('test.heatmap')).toBe(other)
  })

  it('rejects plugins written for another contract major', () => {
    const future = { ...heatmap, name: 'test.future', specVersion: 2 } as unknown as typeof heatmap
    expect(() => registerHtypes([future])).toThrow(/contract 2/)
    const codec = { specVersion: 9, name: 'zz', providedBy: 'x', kind: 'byte', loadCodec: () => ({}) }
    expect(() => registerCodecs([codec as never])).toThrowError(
      expect.objectContaining({ code: 'INCOMPATIBLE_PLUGIN' }),
    )
  })

  it('names the package to install when a first-party htype is missing', () => {
    try {
      requireHtype('image', { tensor: 'images' })
      expect.unreachable()
    } catch (error) {
      expect(isShoalError(error, 'UNKNOWN_HTYPE')).toBe(true)
      expect((error as ShoalError).plugin).toBe('@shoal/htype-image')
      expect((error as Error).message).toBe(
        'htype "image" (tensor "images") needs @shoal/htype-image: install it and import it ("@shoal/htype-image/register"), or pass its htypes to openDataset(url, { htypes })',
      )
    }
    expect(() => requireHtype('bbox')).toThrow(/@shoal\/htype-geometry/)
    expect(() => requireHtype('video')).toThrow(/@shoal\/htype-media/)
    expect(() => requireHtype('no-such-htype')).toThrow(/not registered/)
  })
})

describe('errors', () => {
  it('are recognised by brand and code, also when created by another copy of core', () => {
    const error = new ShoalError('CORRUPT_CHUNK', 'bad', { key: 'x/chunks/1', tensor: 'x', index: 3 })
    expect(isShoalError(error)).toBe(true)
    expect(isShoalError(error, 'CORRUPT_CHUNK')).toBe(true)
    expect(isShoalError(error, 'NOT_FOUND')).toBe(false)
    expect(error.key).toBe('x/chunks/1')
    // What a second copy of the class produces: a plain object carrying the shared brand.
    const foreign = Object.assign(new Error('x'), { [Symbol.for('@shoal/error')]: true, code: 'STORAGE' })
    expect(isShoalError(foreign, 'STORAGE')).toBe(true)
    expect(isShoalError(new Error('plain'))).toBe(false)
    expect(isShoalError(null)).toBe(false)
  })

  it('keep their cause', () => {
    const cause = new Error('disk on fire')
    expect(new ShoalError('STORAGE', 'write failed', { cause }).cause).toBe(cause)
  })
})
