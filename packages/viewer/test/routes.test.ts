import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { projectBoxes3d } from '@shoal/htype-geometry'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startViewer, type Viewer } from '../src/index.js'
import { classColor, objectColor } from '../src/shared/palette.js'
import type {
  Boxes3dCell,
  DatasetSummary,
  MaskInfo,
  RowsResponse,
  SampleResponse,
  Waveform,
} from '../src/shared/protocol.js'
import { buildExtras, CORRUPT_NOTE, CUBOID, type Extras, INTRINSICS } from './helpers/extras.js'
import { buildFixture, CLASS_NAMES, ROW0 } from './helpers/fixture.js'
import { rawRequest } from './helpers/http.js'

const SECRET = 'S3CR3T-storage-token-9f8e7d'
const LINK_SECRET = 'S3CR3T-link-password-1a2b3c'

let dir: string
let pictures: Uint8Array[]
let extras: Extras
let viewer: Viewer
let extrasViewer: Viewer

const get = (base: Viewer, path: string, headers: Record<string, string> = {}) =>
  rawRequest(base.url, path, { headers })

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shoal-viewer-routes-'))
  ;({ pictures } = await buildFixture(join(dir, 'pixels'), 3))
  await mkdir(join(dir, 'files'))
  extras = await buildExtras(join(dir, 'extras'), join(dir, 'files'))
  viewer = await startViewer({ dataset: join(dir, 'pixels'), creds: { token: SECRET } })
  extrasViewer = await startViewer({
    dataset: join(dir, 'extras'),
    linkCreds: { MY_KEY: { password: LINK_SECRET } },
  })
})

afterAll(async () => {
  await viewer?.close()
  await extrasViewer?.close()
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('startViewer', () => {
  it('listens on 127.0.0.1 at a free port and serves the page with a self-only CSP', async () => {
    expect(viewer.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    const page = await get(viewer, '/')
    expect(page.status).toBe(200)
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(page.body.toString()).toContain('<script type="module" src="/assets/app.js">')
    const csp = String(page.headers['content-security-policy'])
    expect(csp).toContain("default-src 'self'")
    expect(csp).not.toMatch(/https?:|\*|unsafe/)
    expect(page.headers['x-content-type-options']).toBe('nosniff')
    for (const asset of ['/assets/app.js', '/assets/style.css', '/favicon.svg']) {
      const response = await get(viewer, asset)
      expect(response.status, asset).toBe(200)
      expect(response.headers['content-security-policy']).toBe(csp)
    }
    // The page refers to nothing outside this server.
    for (const asset of ['/', '/assets/app.js', '/assets/style.css'])
      expect((await get(viewer, asset)).body.toString(), asset).not.toMatch(
        /(?:src|href)=["']?(?:https?:)?\/\//,
      )
  })

  it('answers a repeated asset request with 304', async () => {
    const first = await get(viewer, '/assets/app.js')
    const again = await get(viewer, '/assets/app.js', { 'If-None-Match': String(first.headers.etag) })
    expect(again.status).toBe(304)
    expect(again.body.byteLength).toBe(0)
  })

  it('refuses a port that is taken, with a typed error', async () => {
    const port = Number(new URL(viewer.url).port)
    await expect(startViewer({ dataset: join(dir, 'pixels'), port })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining(`port ${port} is already in use`),
    })
    await expect(startViewer({ dataset: join(dir, 'pixels'), port: 70_000 })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    })
  })

  it('fails with NOT_FOUND for a folder that holds no dataset', async () => {
    await expect(startViewer({ dataset: join(dir, 'files') })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})

describe('read-only', () => {
  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])(
    '%s is 405 with Allow: GET, HEAD',
    async (method) => {
      for (const path of ['/', '/api/dataset', '/api/rows?start=0&count=1']) {
        const response = await rawRequest(viewer.url, path, { method })
        expect(response.status, `${method} ${path}`).toBe(405)
        expect(response.headers.allow).toBe('GET, HEAD')
        expect((response.json() as { error: { code: string } }).error.code).toBe('METHOD_NOT_ALLOWED')
      }
    },
  )

  it('HEAD answers the headers of GET without a body', async () => {
    const head = await rawRequest(viewer.url, '/api/image?tensor=images&index=0', { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers['content-type']).toBe('image/png')
    expect(Number(head.headers['content-length'])).toBe(pictures[0]!.byteLength)
    expect(head.body.byteLength).toBe(0)
  })
})

describe('no path outside the dataset', () => {
  const attempts = [
    '/../package.json',
    '/../../../../etc/passwd',
    '/assets/../../package.json',
    '/assets/../../../../etc/passwd',
    '/%2e%2e/package.json',
    '/%2E%2E/%2E%2E/etc/passwd',
    '/assets/%2e%2e%2f%2e%2e%2fpackage.json',
    '/assets/..%2f..%2fpackage.json',
    '/..%2f..%2f..%2fetc%2fpasswd',
    '/assets/%252e%252e%252fpackage.json',
    '/assets/..\\..\\package.json',
    '/assets/..%5c..%5cpackage.json',
    '//etc/passwd',
    '/./assets/app.js',
    '/assets/./app.js',
    '/dist/client/app.js',
    '/src/server/start.ts',
    '/package.json',
    '/images/chunks',
    '/dataset_meta.json',
    '/api/image?tensor=..%2F..%2Fetc%2Fpasswd&index=0',
    '/api/image?tensor=%2e%2e%2fimages&index=0',
    '/api/image?tensor=../images&index=0',
    '/api/image?tensor=images/../../package.json&index=0',
    '/api/image?tensor=_images_shape&index=0',
    '/api/file?tensor=%2Fetc%2Fpasswd&index=0',
    '/api/file?tensor=images&index=../../etc/passwd',
    '/api/file?tensor=images&index=0%2F..%2F..',
    '/api/image?tensor=images&index=-1',
    '/api/image?tensor=images&index=1e3',
    '/api/image?tensor=images&index=0x1',
    '/api/image?tensor=images&index=%200',
  ]
  it.each(attempts)('%s is refused with 400 or 404 and leaks nothing', async (path) => {
    const response = await get(viewer, path)
    expect([400, 404]).toContain(response.status)
    const text = response.body.toString()
    expect(text).not.toContain('root:')
    expect(text).not.toContain('"name": "@shoal/viewer"')
    expect(text).not.toContain('"@shoal/viewer"')
    expect(text).not.toContain('\u0089PNG')
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8')
  })

  it('refuses a request addressed to another host name (DNS rebinding)', async () => {
    const response = await get(viewer, '/api/dataset', {
      Host: `attacker.example:${new URL(viewer.url).port}`,
    })
    expect(response.status).toBe(403)
    for (const host of ['127.0.0.1', 'localhost', 'LOCALHOST']) {
      const ok = await get(viewer, '/api/dataset', { Host: `${host}:${new URL(viewer.url).port}` })
      expect(ok.status, host).toBe(200)
    }
  })

  it('takes only the parameters a route names, each once', async () => {
    expect((await get(viewer, '/api/rows?start=0&count=2&path=/etc')).status).toBe(400)
    expect((await get(viewer, '/api/rows?start=0&start=1')).status).toBe(400)
    expect((await get(viewer, '/api/rows?count=0')).status).toBe(400)
    expect((await get(viewer, '/api/rows?count=97')).status).toBe(400)
    expect((await get(viewer, '/api/dataset?x=1')).status).toBe(400)
    expect((await get(viewer, '/api/image?tensor=images&index=0&decode=2')).status).toBe(400)
    expect((await get(viewer, '/api/image?tensor=images&index=3')).status).toBe(404)
    expect((await get(viewer, '/api/image?tensor=captions&index=0')).status).toBe(415)
    expect((await get(viewer, '/api/image?tensor=images&index=0&item=0')).status).toBe(400)
  })
})

describe('dataset and rows', () => {
  it('summarises tensors, groups and compositions from metadata', async () => {
    const summary = (await get(viewer, '/api/dataset')).json() as DatasetSummary
    expect(summary.rows).toBe(3)
    expect(summary.name).toBe(join(dir, 'pixels'))
    const byName = Object.fromEntries(summary.tensors.map((t) => [t.name, t]))
    expect(byName.images).toMatchObject({
      htype: 'image',
      dtype: 'uint8',
      length: 3,
      shape: [3, 150, 200, 3],
    })
    expect(byName.boxes_px!.coords).toEqual({ type: 'pixel', mode: 'LTWH' })
    expect(byName.boxes_frac!.coords).toEqual({ type: 'fractional', mode: 'CCWH' })
    expect(byName.keypoints).toMatchObject({
      keypoints: ['head', 'left hand', 'right hand'],
      connections: [
        [0, 1],
        [0, 2],
      ],
    })
    expect(byName.masks!.classNames).toEqual(CLASS_NAMES)
    expect(summary.compositions).toHaveLength(1)
    expect(summary.compositions[0]!.image).toBe('images')
    expect(summary.compositions[0]!.overlays.map((o) => o.tensor)).toEqual([
      'masks',
      'polygons',
      'boxes_px',
      'boxes_frac',
      'keypoints',
      'labels',
    ])
    const colors = summary.compositions[0]!.overlays.map((o) => o.color)
    expect(new Set(colors).size).toBe(colors.length)
  })

  it('lists groups as a tree and composes a grouped image with its own group', async () => {
    const summary = (await get(extrasViewer, '/api/dataset')).json() as DatasetSummary
    expect(summary.tree.tensors).toContain('notes')
    expect(summary.tree.groups.map((g) => [g.path, g.tensors])).toEqual([
      ['cam', ['cam/objects', 'cam/object_labels', 'cam/images', 'cam/cuboids', 'cam/camera', 'cam/points']],
    ])
    const cam = summary.compositions.find((c) => c.image === 'cam/images')!
    expect(cam.overlays.map((o) => [o.tensor, o.kind])).toEqual([
      ['cam/objects', 'binary_mask'],
      ['cam/cuboids', 'bbox.3d'],
      ['cam/points', 'point'],
      ['cam/object_labels', 'class_label'],
    ])
    expect(cam.intrinsics).toEqual({ tensor: 'cam/camera' })
    // A link to images is a picture too.
    expect(summary.compositions.map((c) => c.image)).toContain('linked')
  })

  it('pages rows with drawable values and never more than asked', async () => {
    const page = (await get(viewer, '/api/rows?start=1&count=5')).json() as RowsResponse
    expect(page.rows.map((r) => r.index)).toEqual([1, 2])
    const row = ((await get(viewer, '/api/rows?start=0&count=1')).json() as RowsResponse).rows[0]!
    expect(row.cells.images).toEqual({
      kind: 'image',
      src: '/api/image?tensor=images&index=0',
      width: 200,
      height: 150,
    })
    expect(row.cells.boxes_px).toMatchObject({
      kind: 'bbox',
      ltrb: [[...ROW0.boxPx]],
      stored: [[20, 30, 60, 40]],
      inferred: false,
    })
    expect(row.cells.boxes_frac).toMatchObject({
      kind: 'bbox',
      coords: { type: 'fractional', mode: 'CCWH' },
      ltrb: [[0.65, 0.3, 0.85, 0.7]],
    })
    expect(row.cells.keypoints).toEqual({
      kind: 'keypoints_coco',
      objects: [
        [
          [100, 20, 2],
          [90, 60, 2],
          [0, 0, 0],
        ],
      ],
    })
    expect(row.cells.polygons).toEqual({ kind: 'polygon', polygons: [ROW0.triangle.map((p) => [...p])] })
    expect(row.cells.labels).toEqual({ kind: 'class_label', labels: [{ id: 0, name: 'cat' }] })
    expect(row.cells.captions).toEqual({ kind: 'text', text: 'row 0: a <b>road</b> & a tree', truncated: 0 })
    expect(row.cells.meta).toMatchObject({ kind: 'json' })
    expect(JSON.parse((row.cells.meta as { text: string }).text)).toEqual({
      row: 0,
      source: 'fixture',
      tags: ['a', 'b'],
    })
    expect(row.cells.embeddings).toMatchObject({ kind: 'embedding', length: 64, bucket: 1 })
    expect(row.cells.depth).toMatchObject({
      kind: 'array',
      dtype: 'float32',
      shape: [12, 16],
      stats: { min: 0, max: 191 },
      heatmap: '/api/heatmap.png?tensor=depth&index=0',
    })
    expect(row.cells.masks).toMatchObject({ kind: 'segment_mask', src: '/api/mask.png?tensor=masks&index=0' })
  })

  it('a corrupt sample is an error cell naming its index, and the other samples still show', async () => {
    const page = (await get(extrasViewer, '/api/rows?start=0&count=3')).json() as RowsResponse
    expect(page.rows[0]!.cells.notes).toEqual({ kind: 'json', text: '{"n":0}', truncated: 0 })
    expect(page.rows[1]!.cells.notes).toMatchObject({
      kind: 'error',
      error: { code: 'CORRUPT_CHUNK', tensor: 'notes', index: 1 },
    })
    expect(page.rows[2]!.cells.notes).toEqual({ kind: 'json', text: '{"n":2}', truncated: 0 })
    const sample = (await get(extrasViewer, '/api/sample?index=1')).json() as SampleResponse
    expect(sample.cells.notes).toMatchObject({ kind: 'error', error: { index: 1, tensor: 'notes' } })
    expect(JSON.stringify(sample)).not.toContain(CORRUPT_NOTE.slice(3))
  })

  it('a corrupt image is a typed JSON error naming the index when decoded', async () => {
    const broken = join(dir, 'broken')
    const { pictures: files } = await buildFixture(broken, 3)
    const { corruptChunk } = await import('./helpers/fixture.js')
    await corruptChunk(broken, 'images', files[1]!, 40, 30)
    const brokenViewer = await startViewer({ dataset: broken })
    try {
      const response = await get(brokenViewer, '/api/image?tensor=images&index=1&decode=1')
      expect(response.status).toBe(500)
      expect(response.json()).toEqual({
        error: expect.objectContaining({ code: 'CHUNK_CODEC', tensor: 'images', index: 1 }),
      })
      expect((response.json() as { error: { message: string } }).error.message).toContain('sample 1')
      expect(response.headers['cache-control']).toBe('no-store')
      expect((await get(brokenViewer, '/api/image?tensor=images&index=0&decode=1')).status).toBe(200)
    } finally {
      await brokenViewer.close()
    }
  })
})

describe('geometry', () => {
  it('projects bbox.3d boxes with the intrinsics of the same index', async () => {
    const row = ((await get(extrasViewer, '/api/rows?start=0&count=1')).json() as RowsResponse).rows[0]!
    const expected = projectBoxes3d(CUBOID, INTRINSICS.flat(), 'center').data
    const cell = row.cells['cam/cuboids'] as Boxes3dCell
    expect(cell).toMatchObject({ kind: 'bbox.3d', mode: 'center', stored: [CUBOID] })
    const corners = cell.projected!['cam/images']!
    expect(corners).toHaveLength(1)
    // The stored numbers are float32: equal to 5 decimals.
    for (const [k, v] of corners[0]!.flat().entries()) expect(v).toBeCloseTo(expected[k]!, 5)
    expect(row.cells['cam/points']).toEqual({
      kind: 'point',
      points: [
        [1, 2],
        [5, 4],
      ],
    })
    expect(row.cells['cam/camera']).toMatchObject({ kind: 'array', shape: [3, 3], values: INTRINSICS.flat() })
  })
})

describe('pictures', () => {
  it('shows uint8 (H, W, 3) arrays as pictures', async () => {
    const row = ((await get(extrasViewer, '/api/rows?start=0&count=1')).json() as RowsResponse).rows[0]!
    expect(row.cells.thumbs).toMatchObject({ kind: 'array', image: '/api/image?tensor=thumbs&index=0' })
    const png = await get(extrasViewer, '/api/image?tensor=thumbs&index=0')
    const { data, info } = await sharp(png.body).raw().toBuffer({ resolveWithObject: true })
    expect([info.width, info.height, info.channels]).toEqual([3, 2, 3])
    expect(Array.from(data)).toEqual(Array.from({ length: 18 }, (_, k) => k * 10))
  })

  it('serves stored PNG bytes as they are', async () => {
    const response = await get(viewer, '/api/image?tensor=images&index=1')
    expect(response.headers['content-type']).toBe('image/png')
    expect(Buffer.compare(response.body, Buffer.from(pictures[1]!))).toBe(0)
  })

  it('decodes on request and re-encodes as PNG with the same pixels', async () => {
    const response = await get(viewer, '/api/image?tensor=images&index=1&decode=1')
    const [ours, theirs] = await Promise.all([
      sharp(response.body).raw().toBuffer(),
      sharp(pictures[1]!).raw().toBuffer(),
    ])
    expect(Buffer.compare(ours, theirs)).toBe(0)
  })

  it('paints a segment mask in class colours, background transparent, with the classes present', async () => {
    const png = await get(viewer, '/api/mask.png?tensor=masks&index=0')
    const { data, info } = await sharp(png.body).raw().toBuffer({ resolveWithObject: true })
    const at = (x: number, y: number) =>
      Array.from(data.subarray((y * info.width + x) * 4, (y * info.width + x) * 4 + 4))
    expect(at(150, 130)).toEqual([...classColor(1), 255])
    expect(at(170, 15)).toEqual([...classColor(2), 255])
    expect(at(10, 10)[3]).toBe(0)
    const mask = (await get(viewer, '/api/mask?tensor=masks&index=0')).json() as MaskInfo
    expect(mask.classes!.map((c) => [c.id, c.name, c.pixels, c.drawn])).toEqual([
      [0, 'background', 200 * 150 - 4000 - 41 * 21, false],
      [1, 'road', 100 * 40, true],
      [2, 'tree', 41 * 21, true],
    ])
  })

  it('paints a binary mask one colour per object, with each object extent', async () => {
    const png = await get(extrasViewer, `/api/mask.png?tensor=${encodeURIComponent('cam/objects')}&index=0`)
    const { data } = await sharp(png.body).raw().toBuffer({ resolveWithObject: true })
    const at = (x: number, y: number) => Array.from(data.subarray((y * 8 + x) * 4, (y * 8 + x) * 4 + 3))
    expect(at(1, 1)).toEqual([...objectColor(0)])
    expect(at(7, 5)).toEqual([...objectColor(1)])
    expect(data[(0 * 8 + 5) * 4 + 3]).toBe(0)
    const info = (await get(extrasViewer, '/api/mask?tensor=cam%2Fobjects&index=0')).json() as MaskInfo
    expect(info.objects!.map((o) => [o.channel, o.pixels, o.box])).toEqual([
      [0, 24, [0, 0, 4, 6]],
      [1, 4, [6, 4, 8, 6]],
    ])
  })

  it('draws 2-D arrays as heat maps from their own range', async () => {
    const png = await get(viewer, '/api/heatmap.png?tensor=depth&index=0')
    const { data, info } = await sharp(png.body).raw().toBuffer({ resolveWithObject: true })
    expect([info.width, info.height]).toEqual([16, 12])
    const first = Array.from(data.subarray(0, 3))
    const last = Array.from(data.subarray(data.length - 4, data.length - 1))
    expect(first).not.toEqual(last)
    expect(first[2]! > first[1]!).toBe(true) // the low end of the ramp is blue
  })

  it('resolves link[image] on the server', async () => {
    const response = await get(extrasViewer, '/api/image?tensor=linked&index=1')
    expect(response.status).toBe(200)
    const { data, info } = await sharp(response.body).raw().toBuffer({ resolveWithObject: true })
    expect([info.width, info.height]).toEqual([8, 6])
    expect(Array.from(data.subarray(0, 3))).toEqual([200, 30, 40])
  })

  it('serves the items of sequence samples', async () => {
    const page = (await get(extrasViewer, '/api/rows?start=0&count=1')).json() as RowsResponse
    expect(page.rows[0]!.cells.frames).toMatchObject({
      kind: 'sequence',
      length: 2,
      items: [
        { kind: 'image', src: '/api/image?tensor=frames&index=0&item=0' },
        { kind: 'image', src: '/api/image?tensor=frames&index=0&item=1' },
      ],
    })
    expect(page.rows[0]!.cells.tracks).toMatchObject({
      kind: 'sequence',
      length: 3,
      items: [1, 2, 3].map((k) => ({ kind: 'bbox', ltrb: [[k - 1, k - 1, k + 1, k + 1]] })),
    })
    const blue = await get(extrasViewer, '/api/image?tensor=frames&index=0&item=1')
    expect(Array.from((await sharp(blue.body).raw().toBuffer()).subarray(0, 3))).toEqual([0, 0, 255])
    expect((await get(extrasViewer, '/api/image?tensor=frames&index=0&item=2')).status).toBe(404)
  })
})

describe('files', () => {
  it('serves a video with byte ranges', async () => {
    const path = '/api/file?tensor=clips&index=0'
    const whole = await get(extrasViewer, path)
    expect(whole.status).toBe(200)
    expect(whole.headers['content-type']).toBe('video/mp4')
    expect(whole.headers['accept-ranges']).toBe('bytes')
    expect(Buffer.compare(whole.body, Buffer.from(extras.mp4))).toBe(0)
    const part = await get(extrasViewer, path, { Range: 'bytes=10-109' })
    expect(part.status).toBe(206)
    expect(part.headers['content-range']).toBe(`bytes 10-109/${extras.mp4.byteLength}`)
    expect(Buffer.compare(part.body, Buffer.from(extras.mp4.subarray(10, 110)))).toBe(0)
    const tail = await get(extrasViewer, path, { Range: 'bytes=-16' })
    expect(Buffer.compare(tail.body, Buffer.from(extras.mp4.subarray(extras.mp4.byteLength - 16)))).toBe(0)
    const open = await get(extrasViewer, path, { Range: `bytes=${extras.mp4.byteLength - 5}-` })
    expect(open.body.byteLength).toBe(5)
    const beyond = await get(extrasViewer, path, { Range: `bytes=${extras.mp4.byteLength}-` })
    expect(beyond.status).toBe(416)
    expect(beyond.headers['content-range']).toBe(`bytes */${extras.mp4.byteLength}`)
  })

  it('serves audio and its waveform', async () => {
    const audio = await get(extrasViewer, '/api/file?tensor=sounds&index=2')
    expect(audio.headers['content-type']).toBe('audio/wav')
    expect(Buffer.compare(audio.body, Buffer.from(extras.wav))).toBe(0)
    const wave = (await get(extrasViewer, '/api/waveform?tensor=sounds&index=2')).json() as Waveform
    expect(wave).toMatchObject({ samples: 8000, channels: 1, sampleRate: 8000 })
    expect(wave.min).toHaveLength(800)
    // ffmpeg's sine source has amplitude 1/8.
    expect(Math.max(...wave.max)).toBeCloseTo(0.125, 2)
    expect(Math.min(...wave.min)).toBeCloseTo(-0.125, 2)
    const rows = (await get(extrasViewer, '/api/rows?start=0&count=1')).json() as RowsResponse
    expect(rows.rows[0]!.cells.sounds).toMatchObject({
      kind: 'audio',
      src: '/api/file?tensor=sounds&index=0',
      mime: 'audio/wav',
      waveform: '/api/waveform?tensor=sounds&index=0',
    })
    expect(rows.rows[0]!.cells.clips).toMatchObject({
      kind: 'video',
      mime: 'video/mp4',
      shape: [10, 24, 32, 3],
    })
  })

  it('has no file for tensors stored as arrays', async () => {
    expect((await get(viewer, '/api/file?tensor=boxes_px&index=0')).status).toBe(415)
    expect((await get(extrasViewer, '/api/file?tensor=linked&index=0')).status).toBe(415)
  })
})

describe('credentials', () => {
  it('never reach the browser', async () => {
    const paths = ['/', '/assets/app.js', '/api/dataset', '/api/rows?start=0&count=3', '/api/sample?index=1']
    for (const [server, secret] of [
      [viewer, SECRET],
      [extrasViewer, LINK_SECRET],
    ] as const) {
      for (const path of paths) {
        const response = await get(server, path)
        expect(response.body.toString(), path).not.toContain(secret)
        expect(JSON.stringify(response.headers), path).not.toContain(secret)
      }
    }
  })

  it('are blanked out of error messages and URLs', async () => {
    const { makeScrub } = await import('../src/server/error-json.js')
    const scrub = makeScrub({ key: 'AKIAEXAMPLE', nested: { secret: 'hunter2-long' } })
    expect(scrub('signature for AKIAEXAMPLE with hunter2-long failed')).toBe(
      'signature for *** with *** failed',
    )
    const { displayName } = await import('../src/server/start.js')
    expect(displayName('s3://user:pass@bucket/data?token=abc')).toBe('s3://bucket/data')
    expect(displayName('./local/folder')).toBe('./local/folder')
  })
})
