import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { commitPath, FIRST_COMMIT_ID, tensorFiles } from '../../src/format/keys.js'
import { FIXTURES } from './helpers.js'

describe('storage keys', () => {
  it('scopes keys by commit', () => {
    expect(FIRST_COMMIT_ID).toHaveLength(40)
    expect(commitPath(FIRST_COMMIT_ID, 'x/tensor_meta.json')).toBe('x/tensor_meta.json')
    expect(commitPath('abc', 'dataset_meta.json')).toBe('versions/abc/dataset_meta.json')
  })

  it('names the files the fixtures hold', () => {
    const commit = 'd2923651158dc994463c08598a413864647fd0cd'
    const at = (key: string) => join(FIXTURES, 'version_control', commitPath(commit, key))
    for (const key of [
      tensorFiles.meta('x'),
      tensorFiles.chunkIndex('x'),
      tensorFiles.tileIndex('x'),
      tensorFiles.padIndex('x'),
      tensorFiles.commitDiff('x'),
      tensorFiles.chunkSet('x'),
      tensorFiles.chunk('x', '637bd5c358874fd1'),
    ]) {
      expect(existsSync(at(key)), key).toBe(true)
    }
    expect(existsSync(join(FIXTURES, 'sequences', tensorFiles.sequenceIndex('seq_int')))).toBe(true)
    expect(existsSync(join(FIXTURES, 'links', tensorFiles.credsIndex('link_image')))).toBe(true)
    expect(existsSync(join(FIXTURES, 'links', tensorFiles.info('link_image')))).toBe(true)
  })
})
