import { describe, expect, it } from 'vitest'
import { parseDatasetMeta, serializeDatasetMeta } from '../../src/format/dataset-meta.js'
import { expectShoalError, fixture, fixturesNamed, toHex } from './helpers.js'

const utf8 = (text: string) => new TextEncoder().encode(text)

describe('dataset_meta.json', () => {
  it('round-trips every fixture byte for byte', () => {
    const paths = fixturesNamed('dataset_meta.json')
    expect(paths.length).toBeGreaterThan(10)
    for (const path of paths) {
      const bytes = fixture(path)
      expect(toHex(serializeDatasetMeta(parseDatasetMeta(bytes, path))), path).toBe(toHex(bytes))
    }
  })

  it('parses the links fixture', () => {
    expect(parseDatasetMeta(fixture('links/dataset_meta.json'))).toEqual({
      tensors: ['link_image', '_link_image_info', '_link_image_shape', '_link_image_id'],
      tensorNames: {
        _link_image_id: '_link_image_id',
        _link_image_info: '_link_image_info',
        _link_image_shape: '_link_image_shape',
        link_image: 'link_image',
      },
      hiddenTensors: ['_link_image_info', '_link_image_shape', '_link_image_id'],
      groups: [],
      version: '3.9.52',
      allowDelete: true,
      defaultIndex: [{ start: null, step: null, stop: null }],
      extra: {},
    })
  })

  it('maps keys to themselves when tensor_names is missing or empty (legacy)', () => {
    const meta = parseDatasetMeta(utf8('{"tensors": ["a", "g/b"], "tensor_names": {}, "version": "2.8.0"}'))
    expect(meta.tensorNames).toEqual({ a: 'a', 'g/b': 'g/b' })
    expect(meta.defaultIndex).toEqual([{ start: null, step: null, stop: null }])
    expect(parseDatasetMeta(utf8('{"tensors": ["a"]}')).tensorNames).toEqual({ a: 'a' })
  })

  it('writes a fresh dataset as Python does', () => {
    const text = new TextDecoder().decode(
      serializeDatasetMeta({
        tensors: [],
        tensorNames: {},
        hiddenTensors: [],
        groups: [],
        version: '3.9.52',
        allowDelete: true,
        defaultIndex: [{ start: null, step: null, stop: null }],
        extra: {},
      }),
    )
    expect(text).toBe(
      '{\n    "allow_delete": true,\n    "default_index": [\n        {\n            "start": null,\n            "step": null,\n            "stop": null\n        }\n    ],\n    "groups": [],\n    "hidden_tensors": [],\n    "tensor_names": {},\n    "tensors": [],\n    "version": "3.9.52"\n}',
    )
  })

  it('rejects malformed files naming the key and field', () => {
    const key = 'dataset_meta.json'
    expectShoalError(() => parseDatasetMeta(utf8('{'), key), 'INVALID_METADATA', key)
    expectShoalError(() => parseDatasetMeta(utf8('{"tensors": "a"}'), key), 'INVALID_METADATA', key)
    expectShoalError(() => parseDatasetMeta(utf8('{"tensor_names": {"a": 1}}'), key), 'INVALID_METADATA', key)
    expectShoalError(() => parseDatasetMeta(utf8('{"default_index": 0}'), key), 'INVALID_METADATA', key)
  })
})
