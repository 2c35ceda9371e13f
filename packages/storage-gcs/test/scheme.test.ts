import { describe, expect, it } from 'vitest'
import { findStorageScheme } from '../../core/src/storage/schemes.js'
import { gcsSchemes, optionsFromCreds, parseGcsUrl } from '../src/index.js'

describe('gcs:// and gs:// schemes', () => {
  it('parses bucket and prefix of gcs://, gs:// and gcp:// URLs', () => {
    expect(parseGcsUrl('gcs://bucket/a/b')).toEqual({ bucket: 'bucket', prefix: 'a/b' })
    expect(parseGcsUrl('gs://bucket')).toEqual({ bucket: 'bucket', prefix: '' })
    expect(parseGcsUrl('gcp://bucket/x/')).toEqual({ bucket: 'bucket', prefix: 'x/' })
    expect(() => parseGcsUrl('s3://bucket')).toThrow(/not a GCS URL/)
  })

  it('maps option names and the creds shapes Python deeplake takes', () => {
    const key = {
      type: 'service_account',
      client_email: 'a@b.iam.gserviceaccount.com',
      private_key: 'pk',
      project_id: 'p1',
    }
    expect(optionsFromCreds(key)).toEqual({ projectId: 'p1', credentials: key })
    expect(optionsFromCreds({ token: 'ya29.x', endpoint_url: 'http://127.0.0.1:1' })).toEqual({
      token: 'ya29.x',
      apiEndpoint: 'http://127.0.0.1:1',
    })
    expect(optionsFromCreds({ keyFilename: '/k.json', project: 'p2' })).toEqual({
      keyFilename: '/k.json',
      projectId: 'p2',
    })
    expect(optionsFromCreds({})).toEqual({})
  })

  it('registers all three names from ./register', async () => {
    await import('../src/register.js')
    for (const scheme of gcsSchemes) expect(findStorageScheme(scheme.name)).toBe(scheme)
    expect(gcsSchemes.map((s) => s.name)).toEqual(['gcs', 'gs', 'gcp'])
    const store = await gcsSchemes[0]!.open('gcs://bucket/data', { creds: { token: 'ya29.hidden' } })
    expect(store.description).toBe('gs://bucket/data/')
    expect(JSON.stringify(store)).not.toContain('ya29.hidden')
  })
})
