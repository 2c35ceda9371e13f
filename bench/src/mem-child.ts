/**
 * Child process of the `mem` case: runs one scan in a fresh process and prints, as one JSON line,
 * the RSS at start (after imports, before opening anything) and `process.resourceUsage().maxRSS`,
 * the kernel's true peak for the process.
 *
 * Usage: mem-child.ts <images|embeddings> <shoal|raw-node> <path> <batch> <recordBytes>
 */
import { now, RssProbe, secondsSince } from './measure.js'
import { scanFlatEmbeddings, scanShoalEmbeddings } from './stores/embeddings.js'
import { scanFlat, scanShoalRange } from './stores/image-scan.js'

/** What the child prints. */
export interface MemChildReport {
  readonly n: number
  /** The scan's checksum, so the scan cannot be optimised away. */
  readonly check: number
  readonly seconds: number
  readonly startRssBytes: number
  readonly maxRssBytes: number
}

async function scan(
  kind: string,
  system: string,
  path: string,
  batch: number,
  recordBytes: number,
): Promise<{ n: number; check: number }> {
  const probe = new RssProbe()
  if (kind === 'images') {
    return system === 'shoal' ? scanShoalRange(path, batch, probe) : scanFlat(path, recordBytes, probe)
  }
  let check = 0
  const visitRows = (_first: number, rows: Float32Array, count: number) => {
    for (let i = 0; i < count; i++) check += rows[(i * recordBytes) / 4]!
  }
  const n =
    system === 'shoal'
      ? await scanShoalEmbeddings(path, batch, visitRows, probe)
      : scanFlatEmbeddings(path, recordBytes / 4, visitRows, probe)
  return { n, check }
}

const [kind = '', system = '', path = '', batch = '0', recordBytes = '0'] = process.argv.slice(2)
const startRssBytes = process.memoryUsage.rss()
const start = now()
const { n, check } = await scan(kind, system, path, Number(batch), Number(recordBytes))
const report: MemChildReport = {
  n,
  check,
  seconds: secondsSince(start),
  startRssBytes,
  // maxRSS is in kilobytes.
  maxRssBytes: process.resourceUsage().maxRSS * 1024,
}
process.stdout.write(`${JSON.stringify(report)}\n`)
