import { describe, expect, it } from 'vitest'
import { FIRST_COMMIT_ID } from '../../src/format/keys.js'
import {
  ancestors,
  commitInfoJson,
  firstCommitInfo,
  parseCommitInfo,
  parseVersionControlInfo,
  serializeCommitInfo,
  serializeVersionControlInfo,
} from '../../src/format/version-control.js'
import { expectShoalError, fixture, fixturesNamed, toHex } from './helpers.js'

const FRESH =
  '{"commits": {"firstdbf9474d461a19e9333c2fd19b46115348f": {"branch": "main", "parent": null, "children": [], "commit_message": null, "commit_time": null, "commit_user_name": null, "is_checkpoint": false, "total_samples_processed": 0}}, "branches": {"main": "firstdbf9474d461a19e9333c2fd19b46115348f"}}'

const utf8 = (text: string) => new TextEncoder().encode(text)
const MAIN_HEAD = 'd2923651158dc994463c08598a413864647fd0cd'
const ALT_HEAD = 'ca9a28ca5e97d119144825847662c20e857adba8'

describe('version control files', () => {
  it('writes the fresh dataset verbatim (spec §1.4)', () => {
    expect(new TextDecoder().decode(serializeVersionControlInfo(firstCommitInfo()))).toBe(FRESH)
    expect(parseVersionControlInfo(utf8(FRESH))).toEqual(firstCommitInfo())
  })

  it('round-trips every version_control_info.json fixture, keeping order', () => {
    for (const path of fixturesNamed('version_control_info.json')) {
      const bytes = fixture(path)
      expect(toHex(serializeVersionControlInfo(parseVersionControlInfo(bytes, path))), path).toBe(
        toHex(bytes),
      )
    }
  })

  it('reads the branch history of the version_control fixture', () => {
    const info = parseVersionControlInfo(fixture('version_control/version_control_info.json'))
    expect([...info.branches]).toEqual([
      ['main', MAIN_HEAD],
      ['alt', ALT_HEAD],
    ])
    expect([...info.commits.keys()][0]).toBe(FIRST_COMMIT_ID)
    const first = info.commits.get(FIRST_COMMIT_ID)!
    expect(first).toMatchObject({
      message: 'first commit',
      time: 1795462772.85996,
      userName: 'public',
      parent: null,
    })
    expect(info.commits.get(MAIN_HEAD)!.time).toBeNull()
    expect(ancestors(info, MAIN_HEAD)).toEqual([
      MAIN_HEAD,
      '190cc2781d8bf751c2904af13e4654050a9f6205',
      FIRST_COMMIT_ID,
    ])
    expect(ancestors(info, ALT_HEAD)).toEqual([
      ALT_HEAD,
      '133d1c365b49db7f06f7534793e39dc7198742e4',
      FIRST_COMMIT_ID,
    ])
    expect(ancestors(info, FIRST_COMMIT_ID)).toEqual([FIRST_COMMIT_ID])
  })

  it('writes commit_info.json in its own field order, matching every fixture', () => {
    const info = parseVersionControlInfo(fixture('version_control/version_control_info.json'))
    const paths = fixturesNamed('commit_info.json')
    expect(paths.length).toBeGreaterThan(3)
    for (const path of paths) {
      const id = path.includes('/versions/') ? path.split('/')[2]! : FIRST_COMMIT_ID
      const bytes = fixture(path)
      const node = parseCommitInfo(bytes, id, path)
      expect(node).toEqual(info.commits.get(id))
      expect(toHex(serializeCommitInfo(node))).toBe(toHex(bytes))
    }
    expect(commitInfoJson({ ...firstCommitInfo().commits.get(FIRST_COMMIT_ID)!, time: 5 })).toContain(
      '"commit_time": 5.0',
    )
  })

  it('applies defaults for missing checkpoint fields', () => {
    const info = parseVersionControlInfo(
      utf8(
        '{"commits": {"c": {"branch": "main", "parent": null, "children": [], "commit_message": null, "commit_time": null, "commit_user_name": null}}, "branches": {"main": "c"}}',
      ),
    )
    expect(info.commits.get('c')).toMatchObject({ isCheckpoint: false, totalSamplesProcessed: 0 })
  })

  it('rejects malformed trees naming the key', () => {
    const key = 'version_control_info.json'
    expectShoalError(() => parseVersionControlInfo(utf8('{"commits": {}}'), key), 'INVALID_METADATA', key)
    expectShoalError(
      () => parseVersionControlInfo(utf8('{"commits": {}, "branches": {"main": "x"}}'), key),
      'INVALID_METADATA',
      key,
    )
    expectShoalError(
      () => parseVersionControlInfo(utf8('{"commits": {"c": {"branch": 1}}, "branches": {}}'), key),
      'INVALID_METADATA',
      key,
    )
    const loop = firstCommitInfo()
    loop.commits.set('a', { ...loop.commits.get(FIRST_COMMIT_ID)!, id: 'a', parent: 'b' })
    loop.commits.set('b', { ...loop.commits.get(FIRST_COMMIT_ID)!, id: 'b', parent: 'a' })
    expectShoalError(() => ancestors(loop, 'a'), 'INVALID_METADATA', key)
    expectShoalError(() => ancestors(loop, 'missing'), 'INVALID_METADATA', key)
  })
})
