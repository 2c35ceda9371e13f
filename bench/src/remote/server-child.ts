/**
 * The server side of B11, in its own process so it does not compete with the reader for one event
 * loop: fauxqs (S3-compatible, in memory) and a proxy that delays every request by a fixed latency.
 * Prints `{"endpoint","proxy"}` on stdout once both listen, then runs until killed.
 */
import { startFauxqs } from 'fauxqs'
import { startFaultProxy } from '../../../packages/core/test/helpers/fault-proxy.js'

const latencyMs = Number(process.argv[2] ?? 30)
const server = await startFauxqs({ port: 0, host: '127.0.0.1', logger: false })
const endpoint = `http://127.0.0.1:${server.port}`
const proxy = await startFaultProxy(endpoint)
proxy.hook = () => ({ kind: 'forward', delayMs: latencyMs })
process.stdout.write(`${JSON.stringify({ endpoint, proxy: proxy.url })}\n`)
process.on('SIGTERM', () => {
  void Promise.all([proxy.close(), server.stop()]).then(() => process.exit(0))
})
