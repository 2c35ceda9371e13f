import { isShoalError } from '@shoal/core'
import { describe, expect, it } from 'vitest'
import { findStorageScheme } from '../../core/src/storage/schemes.js'
import { optionsFromCreds, parseS3Url, s3Scheme } from '../src/index.js'

describe('s3:// scheme', () => {
  it('parses bucket and prefix', () => {
    expect(parseS3Url('s3://bucket')).toEqual({ bucket: 'bucket', prefix: '' })
    expect(parseS3Url('s3://bucket/a/b/')).toEqual({ bucket: 'bucket', prefix: 'a/b/' })
    expect(parseS3Url('S3://bucket/a%20b')).toEqual({ bucket: 'bucket', prefix: 'a b' })
    expect(() => parseS3Url('s3://')).toThrow(/not an S3 URL/)
  })

  it("maps this package's option names and Python deeplake's creds names", () => {
    const python = optionsFromCreds({
      aws_access_key_id: 'AKIA1',
      aws_secret_access_key: 'secret',
      aws_session_token: 'token',
      endpoint_url: 'http://127.0.0.1:9000',
      aws_region: 'eu-west-1',
    })
    expect(python).toEqual({
      accessKeyId: 'AKIA1',
      secretAccessKey: 'secret',
      sessionToken: 'token',
      endpoint: 'http://127.0.0.1:9000',
      region: 'eu-west-1',
    })
    expect(optionsFromCreds({})).toEqual({})
    expect(optionsFromCreds({ forcePathStyle: false, maxConcurrency: 4 })).toEqual({
      forcePathStyle: false,
      maxConcurrency: 4,
    })
  })

  it('registers from ./register, and describes stores without credentials', async () => {
    await import('../src/register.js')
    expect(findStorageScheme('s3')).toBe(s3Scheme)
    const store = await s3Scheme.open('s3://bucket/data', {
      creds: { accessKeyId: 'AKIA1', secretAccessKey: 'hidden-secret' },
    })
    expect(store.description).toBe('s3://bucket/data/')
    expect(JSON.stringify(store)).not.toContain('hidden-secret')
    await store.close?.()
    let error: unknown
    try {
      await s3Scheme.open('s3://', {})
    } catch (e) {
      error = e
    }
    expect(isShoalError(error, 'INVALID_ARGUMENT')).toBe(true)
  })
})
