import { describe, expect, it } from 'vitest'
import { parseByteRange } from '../src/server/byte-range.js'
import { groupTree } from '../src/server/catalog.js'
import { composeOverlays, matrix3x3 } from '../src/server/compose.js'
import { storedBoxCoords } from '../src/server/describe.js'
import { downsample, numberAt, statsOf, tidy } from '../src/server/numbers.js'
import { browserImageType } from '../src/server/pictures/passthrough.js'
import { hostName } from '../src/server/router.js'
import {
  classColor,
  fromHex,
  hslToRgb,
  isBackgroundClass,
  objectColor,
  overlayColor,
  toHex,
} from '../src/shared/palette.js'
import type { TensorSummary } from '../src/shared/protocol.js'

function tensor(
  name: string,
  baseHtype: string,
  length = 10,
  extra: Partial<TensorSummary> = {},
): TensorSummary {
  return {
    name,
    group: name.includes('/') ? name.slice(0, name.lastIndexOf('/')) : '',
    htype: baseHtype,
    baseHtype,
    dtype: 'uint8',
    length,
    shape: [length],
    sampleCompression: null,
    chunkCompression: null,
    isSequence: false,
    isLink: false,
    ...extra,
  }
}

describe('composeOverlays', () => {
  const overlaysOf = (tensors: TensorSummary[], image: string, info: Record<string, unknown> = {}) =>
    composeOverlays(tensors, () => info).find((c) => c.image === image)

  it('puts every overlay htype of the same length on an image, masks first and labels last', () => {
    const tensors = [
      tensor('images', 'image'),
      tensor('labels', 'class_label'),
      tensor('boxes', 'bbox'),
      tensor('masks', 'segment_mask'),
      tensor('kp', 'keypoints_coco'),
      tensor('short_boxes', 'bbox', 9),
      tensor('captions', 'text'),
      tensor('seq_boxes', 'bbox', 10, { isSequence: true }),
    ]
    const composition = overlaysOf(tensors, 'images')!
    expect(composition.overlays.map((o) => o.tensor)).toEqual(['masks', 'boxes', 'kp', 'labels'])
    expect(composition.overlays.map((o) => o.color)).toEqual([0, 1, 2, 3].map((n) => toHex(overlayColor(n))))
  })

  it('gives an overlay to the images of the deepest group holding it', () => {
    const tensors = [
      tensor('images', 'image'),
      tensor('cam1/image', 'image'),
      tensor('cam1/boxes', 'bbox'),
      tensor('cam2/image', 'image'),
      tensor('cam2/sub/boxes', 'bbox'),
      tensor('labels', 'class_label'),
      tensor('annotations/polygons', 'polygon'),
    ]
    expect(overlaysOf(tensors, 'cam1/image')!.overlays.map((o) => o.tensor)).toEqual(['cam1/boxes'])
    expect(overlaysOf(tensors, 'cam2/image')!.overlays.map((o) => o.tensor)).toEqual(['cam2/sub/boxes'])
    expect(overlaysOf(tensors, 'images')!.overlays.map((o) => o.tensor)).toEqual([
      'annotations/polygons',
      'labels',
    ])
  })

  it('shares overlays that no image sits above with every image of their length', () => {
    const tensors = [
      tensor('a/image', 'image'),
      tensor('b/image', 'image'),
      tensor('b/boxes', 'bbox'),
      tensor('z/labels', 'class_label'),
    ]
    expect(overlaysOf(tensors, 'a/image')!.overlays.map((o) => o.tensor)).toEqual(['z/labels'])
    expect(overlaysOf(tensors, 'b/image')!.overlays.map((o) => o.tensor)).toEqual(['b/boxes', 'z/labels'])
  })

  it('projects bbox.3d with an intrinsics tensor, else with the image info', () => {
    const withTensor = [tensor('img', 'image'), tensor('cuboids', 'bbox.3d'), tensor('camera', 'intrinsics')]
    expect(overlaysOf(withTensor, 'img')!.intrinsics).toEqual({ tensor: 'camera' })
    const matrix = [
      [500, 0, 320],
      [0, 500, 240],
      [0, 0, 1],
    ]
    const withInfo = [tensor('img', 'image'), tensor('cuboids', 'bbox.3d')]
    expect(overlaysOf(withInfo, 'img', { intrinsics: matrix })!.intrinsics).toEqual({ matrix: matrix.flat() })
    expect(overlaysOf(withInfo, 'img', { intrinsics: null })!.intrinsics).toBeUndefined()
    expect(matrix3x3([1, 2, 3])).toBeUndefined()
  })

  it('leaves out sequences, broken tensors and links to overlays; links to images are pictures', () => {
    const tensors = [
      tensor('linked', 'image', 10, { isLink: true, htype: 'link[image]' }),
      tensor('frames', 'image', 10, { isSequence: true }),
      tensor('broken', 'bbox', 10, { error: { code: 'UNKNOWN_HTYPE', message: 'x' } }),
      tensor('boxes', 'bbox'),
    ]
    const compositions = composeOverlays(tensors, () => ({}))
    expect(compositions.map((c) => [c.image, c.overlays.map((o) => o.tensor)])).toEqual([
      ['linked', ['boxes']],
    ])
  })
})

describe('groupTree', () => {
  it('nests groups and lists each tensor in its own group', () => {
    const tree = groupTree(
      ['a', 'a/b', 'empty'],
      [tensor('x', 'text'), tensor('a/y', 'text'), tensor('a/b/z', 'text')],
    )
    expect(tree.tensors).toEqual(['x'])
    expect(tree.groups.map((g) => [g.path, g.tensors, g.groups.map((s) => [s.path, s.tensors])])).toEqual([
      ['a', ['a/y'], [['a/b', ['a/b/z']]]],
      ['empty', [], []],
    ])
  })
})

describe('parseByteRange', () => {
  it.each([
    ['bytes=0-9', 100, { start: 0, end: 9 }],
    ['bytes=90-', 100, { start: 90, end: 99 }],
    ['bytes=-10', 100, { start: 90, end: 99 }],
    ['bytes=-500', 100, { start: 0, end: 99 }],
    ['bytes=50-5000', 100, { start: 50, end: 99 }],
    ['bytes=100-', 100, 'unsatisfiable'],
    ['bytes=9-3', 100, 'unsatisfiable'],
    ['bytes=-0', 100, 'unsatisfiable'],
    ['bytes=0-1,5-6', 100, undefined],
    ['items=0-1', 100, undefined],
    ['bytes=-', 100, undefined],
    [undefined, 100, undefined],
  ] as const)('%s of %d bytes', (header, size, expected) => {
    expect(parseByteRange(header, size)).toEqual(expected)
  })
})

describe('browserImageType', () => {
  const png = Uint8Array.from([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...new Array(12).fill(0),
    0,
    0,
    0,
    0,
    0x49,
    0x45,
    0x4e,
    0x44,
    0xae,
    0x42,
    0x60,
    0x82,
  ])
  it('recognises whole files by their bytes', () => {
    expect(browserImageType(png)).toBe('image/png')
    expect(browserImageType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 0xff, 0xd9]))).toBe('image/jpeg')
    expect(browserImageType(new TextEncoder().encode('GIF89a....;'))).toBe('image/gif')
  })
  it('sends truncated or unknown files to be decoded instead', () => {
    expect(browserImageType(png.subarray(0, png.length - 8))).toBeUndefined()
    expect(browserImageType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]))).toBeUndefined()
    expect(browserImageType(new TextEncoder().encode('II*\0tiff'))).toBeUndefined()
    expect(browserImageType(new Uint8Array(0))).toBeUndefined()
  })
})

describe('numbers', () => {
  it('decodes float16 bits', () => {
    const half = {
      dtype: 'float16',
      shape: [4],
      data: new Uint16Array([0x3c00, 0xc000, 0x7c00, 0x0001]),
    } as const
    expect(numberAt(half, 0)).toBe(1)
    expect(numberAt(half, 1)).toBe(-2)
    expect(numberAt(half, 2)).toBe(Number.POSITIVE_INFINITY)
    expect(numberAt(half, 3)).toBeCloseTo(5.96e-8, 10)
  })
  it('shows float32 values with the digits they hold', () => {
    expect(tidy(Math.fround(0.2), 'float32')).toBe(0.2)
    expect(tidy(0.1 + 0.2, 'float64')).toBe(0.1 + 0.2)
  })
  it('summarises finite values and counts the others', () => {
    const stats = statsOf({
      dtype: 'float64',
      shape: [4],
      data: Float64Array.of(1, 3, Number.NaN, Number.POSITIVE_INFINITY),
    })
    expect(stats).toEqual({ min: 1, max: 3, mean: 2, std: 1, nonFinite: 2 })
  })
  it('downsamples by bucket means', () => {
    expect(downsample(Float64Array.of(1, 2, 3, 4, 5), 8)).toEqual({ values: [1, 2, 3, 4, 5], bucket: 1 })
    expect(downsample(Float64Array.of(1, 3, 5, 7, 9), 3)).toEqual({ values: [2, 6, 9], bucket: 2 })
  })
})

describe('palette', () => {
  it('converts HSL and hex both ways', () => {
    expect(hslToRgb(0, 1, 0.5)).toEqual([255, 0, 0])
    expect(hslToRgb(120, 1, 0.5)).toEqual([0, 255, 0])
    expect(fromHex(toHex([18, 52, 86]))).toEqual([18, 52, 86])
  })
  it('gives the first classes, objects and overlays distinct colours', () => {
    for (const colour of [classColor, objectColor, overlayColor]) {
      const hexes = Array.from({ length: 24 }, (_, i) => toHex(colour(i)))
      expect(new Set(hexes).size).toBe(24)
    }
  })
  it('treats class 0 as background only when unnamed or named like one', () => {
    expect(isBackgroundClass(0, undefined)).toBe(true)
    expect(isBackgroundClass(0, ['background', 'cat'])).toBe(true)
    expect(isBackgroundClass(0, ['__background__'])).toBe(true)
    expect(isBackgroundClass(0, ['unlabeled'])).toBe(true)
    expect(isBackgroundClass(0, ['cat', 'dog'])).toBe(false)
    expect(isBackgroundClass(1, ['background', 'bg'])).toBe(false)
  })
})

describe('small parsers', () => {
  it('reads bbox coords only when complete and known', () => {
    expect(storedBoxCoords({ coords: { type: 'pixel', mode: 'LTRB' } })).toEqual({
      type: 'pixel',
      mode: 'LTRB',
    })
    expect(storedBoxCoords({ coords: {} })).toBeUndefined()
    expect(storedBoxCoords({ coords: { type: 'pixel', mode: 'XYXY' } })).toBeUndefined()
    expect(storedBoxCoords({})).toBeUndefined()
  })
  it('takes the host name out of a Host header', () => {
    expect(hostName('127.0.0.1:8080')).toBe('127.0.0.1')
    expect(hostName('LocalHost:1')).toBe('localhost')
    expect(hostName('[::1]:8080')).toBe('[::1]')
    expect(hostName('example.com')).toBe('example.com')
  })
})
