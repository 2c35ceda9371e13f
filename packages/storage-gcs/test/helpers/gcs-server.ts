import { mkdtemp, rm } from 'node:fs/promises'
import type { Server } from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface GcsServer {
  /** `http://127.0.0.1:PORT` */
  readonly endpoint: string
  readonly projectId: string
  stop(): Promise<void>
}

/**
 * Starts the Cloud Storage emulator of firebase-tools (pinned 15.34.2) in this process on
 * 127.0.0.1. Only its HTTP app runs: `emulators:start` needs Java 21 and a jar download, neither
 * of which this machine has, and the GCS JSON API routes never consult the rules runtime. The
 * module paths are internal to firebase-tools, hence the exact pin.
 */
export async function startGcsServer(): Promise<GcsServer> {
  const require = createRequire(import.meta.url)
  // The emulator keeps blobs under os.tmpdir(); give each run its own.
  const previousTmp = process.env.TMPDIR
  const blobs = await mkdtemp(join(tmpdir(), 'shoal-gcs-'))
  process.env.TMPDIR = blobs
  const { StorageEmulator } = require('firebase-tools/lib/emulator/storage/index.js')
  const { createApp } = require('firebase-tools/lib/emulator/storage/server.js')
  const { EmulatorRegistry } = require('firebase-tools/lib/emulator/registry.js')
  const projectId = 'demo-shoal'
  const emulator = new StorageEmulator({
    projectId,
    host: '127.0.0.1',
    port: 0,
    rules: { name: '/dev/null', content: '' },
    auto_download: false,
  })
  // Not emulator.start(): that would launch the Java rules runtime.
  const app = await createApp(projectId, emulator)
  const server: Server = await new Promise((resolve) => {
    const listening: Server = app.listen(0, '127.0.0.1', () => resolve(listening))
  })
  const { port } = server.address() as AddressInfo
  emulator.args.port = port
  EmulatorRegistry.INSTANCES.set('storage', emulator)
  return {
    endpoint: `http://127.0.0.1:${port}`,
    projectId,
    async stop() {
      await new Promise<void>((resolve) => {
        server.closeAllConnections?.()
        server.close(() => resolve())
      })
      if (previousTmp === undefined) delete process.env.TMPDIR
      else process.env.TMPDIR = previousTmp
      await rm(blobs, { recursive: true, force: true })
    },
  }
}
