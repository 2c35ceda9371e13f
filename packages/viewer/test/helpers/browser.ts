/** Headless Debian Chromium driven by playwright-core, with a fresh profile and no background traffic. */
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BrowserContext, chromium } from 'playwright-core'

export const CHROMIUM = '/usr/bin/chromium'

/** Flags that keep Chromium from reaching any network but the page's own server. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export interface Browser {
  readonly context: BrowserContext
  close(): Promise<void>
}

/** Starts Chromium with an empty profile; fails (never skips) when Debian's chromium is not installed. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: the viewer's end-to-end test drives Debian's Chromium. Install it with \`apt-get install chromium\` (npm test does where it can).`,
    )
  }
  const profile = await mkdtemp(join(tmpdir(), 'shoal-viewer-chromium-'))
  // A persistent context is how playwright takes a --user-data-dir: here a new, empty one.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1360, height: 900 },
    deviceScaleFactor: 1,
  })
  return {
    context,
    async close() {
      await context.close()
      await rm(profile, { recursive: true, force: true })
    },
  }
}
