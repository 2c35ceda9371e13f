import { describe, expect, it } from 'vitest'
import { parseLinkedCreds, serializeLinkedCreds } from '../../src/format/linked-creds.js'
import { expectShoalError } from './helpers.js'

const SPEC = '{"creds_keys": ["my_s3_creds"], "managed_creds_keys": [], "used_creds_keys": ["my_s3_creds"]}'

describe('linked_creds.json', () => {
  it('round-trips the spec §1.7 example exactly (compact, no newline)', () => {
    const creds = parseLinkedCreds(new TextEncoder().encode(SPEC))
    expect(creds).toEqual({
      credsKeys: ['my_s3_creds'],
      managedCredsKeys: [],
      usedCredsKeys: ['my_s3_creds'],
    })
    expect(new TextDecoder().decode(serializeLinkedCreds(creds))).toBe(SPEC)
  })

  it('treats an empty file as no slots and rejects bad JSON', () => {
    expect(parseLinkedCreds(new Uint8Array(0))).toEqual({
      credsKeys: [],
      managedCredsKeys: [],
      usedCredsKeys: [],
    })
    expectShoalError(
      () => parseLinkedCreds(new TextEncoder().encode('{"creds_keys": 1}'), 'linked_creds.json'),
      'INVALID_METADATA',
      'linked_creds.json',
    )
  })
})
