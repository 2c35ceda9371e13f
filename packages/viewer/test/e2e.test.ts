/**
 * End to end: a dataset built here, `shoal view` serving it, headless Chromium showing it. Checks
 * that the page lists and draws what it should, and that overlay pixels are where the
 * annotations put them. Screenshots go to packages/viewer/test-output/.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { classColor, fromHex, type Rgb } from '../src/shared/palette.js'
import type { DatasetSummary } from '../src/shared/protocol.js'
import { type Browser, launchChromium } from './helpers/browser.js'
import { buildFixture, CLASS_NAMES, corruptChunk, HEIGHT, ROW0, WIDTH } from './helpers/fixture.js'
import { overlayPixel } from './helpers/overlay-probe.js'
import { type ShoalView, startShoalView } from './helpers/shoal-view.js'

/** The fixture's tensors, in the order the tree lists them. */
const TENSORS = [
  'images',
  'boxes_px',
  'boxes_frac',
  'keypoints',
  'polygons',
  'masks',
  'labels',
  'captions',
  'meta',
  'embeddings',
  'depth',
]

const OUTPUT = fileURLToPath(new URL('../test-output/', import.meta.url))
const ROWS = 30
const BROKEN = 2

let dir: string
let viewer: ShoalView
let browser: Browser
let page: Page
let colors: Record<string, Rgb>
const pageErrors: string[] = []
const requested: string[] = []

/** Overlay pixel (RGBA) at image pixel (x, y) of a card's canvas. */
function overlayAt(card: number, x: number, y: number): Promise<number[]> {
  return page.evaluate(overlayPixel, { card, x, y })
}

const close = (pixel: readonly number[], rgb: Rgb, tolerance = 6) =>
  rgb.every((v, k) => Math.abs((pixel[k] ?? -999) - v) <= tolerance)

async function expectLine(card: number, x: number, y: number, rgb: Rgb): Promise<void> {
  const pixel = await overlayAt(card, x, y)
  expect(pixel[3], `alpha at (${x}, ${y})`).toBeGreaterThan(200)
  expect(close(pixel, rgb), `colour at (${x}, ${y}): ${pixel} vs ${rgb}`).toBe(true)
}

async function expectClear(card: number, x: number, y: number): Promise<void> {
  expect((await overlayAt(card, x, y))[3], `alpha at (${x}, ${y})`).toBe(0)
}

/** Waits until a card's overlay has something drawn at (x, y) (masks arrive after the picture). */
async function waitForDrawn(card: number, x: number, y: number): Promise<void> {
  await page.waitForFunction(
    ({ card, x, y }) => {
      const root = document.querySelector(`.card[data-index="${card}"]`)
      const image = root?.querySelector<HTMLImageElement>('img.picture')
      const canvas = root?.querySelector<HTMLCanvasElement>('canvas.overlay')
      if (!image?.naturalWidth || !canvas) return false
      const px = canvas
        .getContext('2d')!
        .getImageData(
          Math.floor((x * canvas.width) / image.naturalWidth),
          Math.floor((y * canvas.height) / image.naturalHeight),
          1,
          1,
        ).data
      return px[3]! > 0
    },
    { card, x, y },
  )
}

async function screenshot(name: string): Promise<Buffer> {
  const png = await page.screenshot({ path: join(OUTPUT, name), fullPage: false })
  return png
}

beforeAll(async () => {
  await mkdir(OUTPUT, { recursive: true })
  dir = await mkdtemp(join(tmpdir(), 'shoal-viewer-e2e-'))
  const path = join(dir, 'street')
  const { pictures } = await buildFixture(path, ROWS)
  // Damage one stored picture (its IHDR and first IDAT bytes): its card must become an error tile.
  await corruptChunk(path, 'images', pictures[BROKEN]!, 16, 40)
  viewer = await startShoalView(path)
  const summary = (await (await fetch(new URL('/api/dataset', viewer.url))).json()) as DatasetSummary
  colors = Object.fromEntries(summary.compositions[0]!.overlays.map((o) => [o.tensor, fromHex(o.color)]))
  browser = await launchChromium()
  page = await browser.context.newPage()
  page.on('pageerror', (error) => pageErrors.push(error.message))
  page.on('request', (request) => requested.push(request.url()))
  await page.goto(viewer.url)
  await page.waitForSelector('.card[data-index="0"] img.picture')
  await page.waitForFunction(
    () => document.querySelector<HTMLImageElement>('.card[data-index="0"] img.picture')?.complete,
  )
})

afterAll(async () => {
  await browser?.close()
  // Ctrl-C stops the command cleanly.
  if (viewer) expect(await viewer.stop()).toBe(0)
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('the viewer page in Chromium', () => {
  it('lists every tensor with htype, dtype, length and shape, and a page of cards', async () => {
    await expect(page.title()).resolves.toContain('street')
    const lines = await page.$$eval('#tree .tensor', (nodes) =>
      nodes.map((n) => [
        n.getAttribute('data-tensor'),
        n.querySelector('.htype')!.textContent,
        n.querySelector('.meta')!.textContent,
      ]),
    )
    expect(lines.map((l) => l[0])).toEqual(TENSORS)
    expect(lines[0]).toEqual(['images', 'image', `uint8 · ${ROWS} · (${ROWS}, ${HEIGHT}, ${WIDTH}, 3)`])
    expect(lines[1]).toEqual(['boxes_px', 'bbox', `float32 · ${ROWS} · (${ROWS}, 1, 4)`])
    expect(await page.locator('#grid .card').count()).toBe(24)
    expect(await page.textContent('#range')).toBe(`0–23 of ${ROWS}`)
    const toggles = await page.$$eval('#toolbar input[type=checkbox]', (nodes) =>
      nodes.map((n) => n.getAttribute('data-overlay')),
    )
    expect(toggles).toEqual(['masks', 'polygons', 'boxes_px', 'boxes_frac', 'keypoints', 'labels'])
    // The segment mask's legend comes from class_names, background left out.
    expect(await page.locator('#toolbar .legend span').allTextContents()).toEqual(CLASS_NAMES.slice(1))
  })

  it('draws pixel LTWH and fractional CCWH boxes where their coords put them', async () => {
    const [l, t, r, b] = ROW0.boxPx
    await expectLine(0, l, (t + b) / 2, colors.boxes_px!)
    await expectLine(0, r, (t + b) / 2, colors.boxes_px!)
    await expectLine(0, (l + r) / 2, b, colors.boxes_px!)
    await expectClear(0, (l + r) / 2, (t + b) / 2)
    const [fl, ft, fr, fb] = ROW0.boxFrac
    await expectLine(0, fl, (ft + fb) / 2, colors.boxes_frac!)
    await expectLine(0, fr, (ft + fb) / 2, colors.boxes_frac!)
    await expectLine(0, (fl + fr) / 2, fb, colors.boxes_frac!)
    await expectClear(0, (fl + fr) / 2, (ft + fb) / 2)
    // The same pixels on screen, composited over the picture.
    const shot = await page.locator('.card[data-index="0"] .stage').screenshot()
    const { data, info } = await sharp(shot).raw().toBuffer({ resolveWithObject: true })
    const scale = info.width / WIDTH
    const hits = [-1, 0, 1].map((dx) => {
      const x = Math.floor(l * scale) + dx
      const at = (Math.floor(((t + b) / 2) * scale) * info.width + x) * info.channels
      return Array.from(data.subarray(at, at + 3))
    })
    expect(
      hits.some((pixel) => close(pixel, colors.boxes_px!, 12)),
      `screen pixels ${JSON.stringify(hits)}`,
    ).toBe(true)
  })

  it('draws keypoint connections, and neither the invisible keypoint nor its connection', async () => {
    const [hx, hy] = ROW0.head
    const [lx, ly] = ROW0.leftHand
    await expectLine(0, hx, hy, colors.keypoints!)
    await expectLine(0, (hx + lx) / 2, (hy + ly) / 2, colors.keypoints!)
    // Right hand (v = 0) sits at (0, 0); its connection would run from the head towards it.
    await expectClear(0, 1, 1)
    await expectClear(0, hx / 2, hy / 2)
  })

  it('draws polygons and colours the segment mask by class', async () => {
    const [[ax, ay], [bx], [cx, cy]] = ROW0.triangle
    await expectLine(0, (ax + bx) / 2, ay, colors.polygons!)
    const inside = await overlayAt(0, cx, (ay + cy) / 2)
    expect(inside[3]).toBeGreaterThan(20)
    expect(inside[3]).toBeLessThan(120)
    expect(close(inside, colors.polygons!, 10)).toBe(true)
    await waitForDrawn(0, 150, 130)
    const road = await overlayAt(0, 150, 130)
    expect(close(road, classColor(1), 8), `road ${road}`).toBe(true)
    expect(road[3]).toBeGreaterThan(100)
    expect(road[3]).toBeLessThan(160)
    expect(close(await overlayAt(0, 170, 15), classColor(2), 8)).toBe(true)
    // Class 0 is "background": transparent.
    await expectClear(0, 110, 90)
  })

  it('switches an overlay off and on again', async () => {
    const [l, t, , b] = ROW0.boxPx
    await page.click('#toolbar input[data-overlay="boxes_px"]')
    await expectClear(0, l, (t + b) / 2)
    await expect(page.locator('#tree .tensor[data-tensor="boxes_px"].off').count()).resolves.toBe(1)
    await page.click('#toolbar input[data-overlay="boxes_px"]')
    await expectLine(0, l, (t + b) / 2, colors.boxes_px!)
    // The sidebar toggles too.
    await page.click('#tree .tensor[data-tensor="masks"]')
    await expectClear(0, 150, 130)
    await page.click('#tree .tensor[data-tensor="masks"]')
    await waitForDrawn(0, 150, 130)
  })

  it('shows labels as chips, text and json as text, embeddings and 2-D arrays as pictures', async () => {
    const card = page.locator('.card[data-index="1"]')
    await expect(card.locator('.chips .chip').allTextContents()).resolves.toEqual(['dog'])
    // Text is text: markup in a caption is never parsed.
    await expect(card.locator('[data-tensor="captions"]').textContent()).resolves.toBe(
      'row 1: a <b>road</b> & a tree',
    )
    await expect(card.locator('[data-tensor="captions"] b').count()).resolves.toBe(0)
    const json = JSON.parse((await card.locator('[data-tensor="meta"] pre').textContent())!)
    expect(json).toEqual({ row: 1, source: 'fixture', tags: ['a', 'b'] })
    await page.waitForFunction(() => {
      const canvas = document.querySelector<HTMLCanvasElement>(
        '.card[data-index="1"] canvas[data-kind="embedding"]',
      )
      if (!canvas || canvas.width < 10) return false
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data
      return data.some((v, i) => i % 4 === 3 && v > 0)
    })
    await page.waitForFunction(() => {
      const image = document.querySelector<HTMLImageElement>(
        '.card[data-index="1"] [data-tensor="depth"] img',
      )
      return image?.complete && image.naturalWidth === 16 && image.naturalHeight === 12
    })
    await expect(card.locator('[data-tensor="depth"] .stats').textContent()).resolves.toContain(
      'float32 (12, 16)',
    )
  })

  it('shows a corrupt picture as an error tile naming its index, and the rest of the page works', async () => {
    const tile = page.locator(`.card[data-index="${BROKEN}"] .error-tile`)
    await tile.waitFor()
    const text = await tile.textContent()
    expect(text).toContain(`sample ${BROKEN}`)
    expect(text).toContain('CHUNK_CODEC')
    await expectLine(BROKEN + 1, ROW0.boxPx[0], 50, colors.boxes_px!)
    await screenshot('grid.png')
  })

  it('pages with the arrow keys and filters tensors with /', async () => {
    await page.locator('body').click({ position: { x: 5, y: 880 } })
    await page.keyboard.press('ArrowRight')
    await page.waitForFunction(() => document.querySelector('#grid')?.getAttribute('data-start') === '24')
    expect(await page.locator('#grid .card').count()).toBe(ROWS - 24)
    expect(page.url()).toMatch(/#\/rows\/24$/)
    await page.keyboard.press('ArrowLeft')
    await page.waitForFunction(() => document.querySelector('#grid')?.getAttribute('data-start') === '0')

    await page.keyboard.press('/')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('filter')
    await page.keyboard.type('box')
    const shown = await page.$$eval('#tree .tensor', (nodes) =>
      nodes.map((n) => n.getAttribute('data-tensor')),
    )
    expect(shown).toEqual(['boxes_px', 'boxes_frac'])
    // The filter also hides the other tensors' values on the cards.
    expect(await page.locator('.card[data-index="0"] [data-tensor="captions"]').count()).toBe(0)
    // Esc clears the filter, then leaves it.
    await page.keyboard.press('Escape')
    expect(await page.locator('#tree .tensor').count()).toBe(11)
    expect(await page.inputValue('#filter')).toBe('')
    await page.keyboard.press('Escape')
    expect(await page.evaluate(() => document.activeElement?.id)).not.toBe('filter')
  })

  it('opens a sample with every tensor, full size, and values on hover', async () => {
    await page.click('.card[data-index="0"] .index')
    await page.locator('#sample .stage img.picture').waitFor()
    await page.waitForFunction(
      () => document.querySelector<HTMLImageElement>('#sample img.picture')?.complete,
    )
    expect(page.url()).toMatch(/#\/sample\/0$/)
    const listed = await page.$$eval('#sample .sample-cells .value', (nodes) =>
      nodes.map((n) => n.getAttribute('data-tensor')),
    )
    // The picture is the sample view's main image; every other tensor is listed beside it.
    expect(listed).toEqual(TENSORS.filter((name) => name !== 'images'))
    const width = await page.evaluate(
      () => document.querySelector<HTMLImageElement>('#sample img.picture')!.clientWidth,
    )
    expect(width).toBeGreaterThanOrEqual(WIDTH)
    const canvas = page.locator('#sample canvas.overlay')
    const box = (await canvas.boundingBox())!
    const [l, t, , b] = ROW0.boxPx
    await page.mouse.move(box.x + (l * box.width) / WIDTH, box.y + (((t + b) / 2) * box.height) / HEIGHT)
    await page.locator('#tooltip:not([hidden])').waitFor()
    const tip = (await page.textContent('#tooltip'))!
    expect(tip).toContain('boxes_px[0] cat pixel LTWH [20, 30, 60, 40]')
    expect(tip).toMatch(/images: rgb\(\d+, \d+, \d+\)/)
    await page.mouse.move(box.x + (150 * box.width) / WIDTH, box.y + (130 * box.height) / HEIGHT)
    await page.waitForFunction(() =>
      document.querySelector('#tooltip')?.textContent?.includes('masks: class 1 road'),
    )
    await expect(page.locator('#sample .notes .legend span').allTextContents()).resolves.toEqual([
      'road (4000 px)',
      'tree (861 px)',
    ])
    await page.mouse.move(
      box.x + (ROW0.head[0] * box.width) / WIDTH,
      box.y + (ROW0.head[1] * box.height) / HEIGHT,
    )
    await page.waitForFunction(() =>
      document.querySelector('#tooltip')?.textContent?.includes('keypoints object 0 head: (100, 20) v=2'),
    )
    await page.mouse.move(box.x + (l * box.width) / WIDTH, box.y + (((t + b) / 2) * box.height) / HEIGHT)
    await screenshot('sample.png')

    await page.keyboard.press('ArrowRight')
    await page.waitForFunction(() => document.querySelector('#sample')?.getAttribute('data-index') === '1')
    await page.keyboard.press('Escape')
    await page.waitForFunction(() => document.querySelector<HTMLElement>('#sample')?.hidden === true)
  })

  it('asked nothing of any server but the viewer, and threw no script error', async () => {
    expect(requested.length).toBeGreaterThan(0)
    expect(requested.filter((url) => !url.startsWith(viewer.url))).toEqual([])
    expect(pageErrors).toEqual([])
    await writeFile(join(OUTPUT, 'requests.txt'), `${requested.join('\n')}\n`)
  })
})
