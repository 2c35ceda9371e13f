/**
 * The page in Firefox too: Debian's firefox-esr driven over WebDriver BiDi by puppeteer-core
 * (Playwright drives only its own patched Firefox). The grid, the tree and pixel LTWH boxes where
 * their coords put them; no script error. The Chromium suite covers every drawing rule.
 */
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import puppeteer, { type Browser, type Page } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fromHex, type Rgb } from '../src/shared/palette.js'
import type { DatasetSummary } from '../src/shared/protocol.js'
import { buildFixture, ROW0 } from './helpers/fixture.js'
import { overlayPixel } from './helpers/overlay-probe.js'
import { type ShoalView, startShoalView } from './helpers/shoal-view.js'

const FIREFOX = '/usr/bin/firefox-esr'
const OUTPUT = fileURLToPath(new URL('../test-output/', import.meta.url))

/** Prefs that keep Firefox off every network but the page's own server. */
const QUIET_PREFS = {
  'app.update.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'toolkit.telemetry.enabled': false,
}

let dir: string
let viewer: ShoalView
let browser: Browser
let page: Page
let boxColor: Rgb
const pageErrors: string[] = []

beforeAll(async () => {
  if (!existsSync(FIREFOX)) {
    throw new Error(
      `${FIREFOX} is missing: the viewer's Firefox test drives Debian's firefox-esr. Install it with \`apt-get install firefox-esr\` (npm test does where it can).`,
    )
  }
  await mkdir(OUTPUT, { recursive: true })
  dir = await mkdtemp(join(tmpdir(), 'shoal-viewer-firefox-'))
  const path = join(dir, 'street')
  await buildFixture(path, 6)
  viewer = await startShoalView(path)
  const summary = (await (await fetch(new URL('/api/dataset', viewer.url))).json()) as DatasetSummary
  boxColor = fromHex(summary.compositions[0]!.overlays.find((o) => o.tensor === 'boxes_px')!.color)
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: join(dir, 'profile'),
    extraPrefsFirefox: QUIET_PREFS,
  })
  page = await browser.newPage()
  await page.setViewport({ width: 1360, height: 900 })
  page.on('pageerror', (error) => pageErrors.push(String(error)))
  await page.goto(viewer.url)
  await page.waitForFunction(
    () =>
      (document.querySelector<HTMLImageElement>('.card[data-index="0"] img.picture')?.naturalWidth ?? 0) > 0,
  )
})

afterAll(async () => {
  await browser?.close()
  if (viewer) expect(await viewer.stop()).toBe(0)
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('the viewer page in Firefox', () => {
  it('lists the tensors and a card per row', async () => {
    const tensors = await page.$$eval('#tree .tensor', (nodes) =>
      nodes.map((n) => n.getAttribute('data-tensor')),
    )
    expect(tensors).toContain('images')
    expect(tensors).toContain('boxes_px')
    expect(await page.$$eval('.card', (cards) => cards.length)).toBe(6)
  })

  it('draws the pixel LTWH box on its edges and nothing inside it', async () => {
    const [l, t, r, b] = ROW0.boxPx
    const at = (x: number, y: number) => page.evaluate(overlayPixel, { card: 0, x, y })
    await page.waitForFunction(
      () => {
        const canvas = document.querySelector<HTMLCanvasElement>('.card[data-index="0"] canvas.overlay')
        return canvas !== null && canvas.width > 0
      },
      { timeout: 10_000 },
    )
    for (const [x, y] of [
      [l, (t + b) / 2],
      [r, (t + b) / 2],
      [(l + r) / 2, b],
    ] as const) {
      const pixel = await at(x, y)
      expect(pixel[3], `alpha at (${x}, ${y})`).toBeGreaterThan(200)
      expect(
        boxColor.every((v, k) => Math.abs(pixel[k]! - v) <= 6),
        `colour at (${x}, ${y}): ${pixel}`,
      ).toBe(true)
    }
    expect((await at((l + r) / 2, (t + b) / 2))[3]).toBe(0)
    await page.screenshot({ path: join(OUTPUT, 'firefox-grid.png') })
  })

  it('threw no script error', () => {
    expect(pageErrors).toEqual([])
  })
})
