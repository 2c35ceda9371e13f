/**
 * Child process of the `mem` case: runs one scan in a fresh process and prints, as one JSON line,
 * the RSS at start (after imports, before opening anything) and the kernel's peak RSS.
 *
 * The peak is `VmHWM` from /proc/self/status on Linux, not `process.resourceUsage().maxRSS`:
 * Linux keeps ru_maxrss across execve and a spawned child starts as a fork of the bench process,
 * so maxRSS reports the parent's RSS at spawn time whenever that is larger (it said 962 MB for a
 * B8 scan whose VmHWM was 210 MB). VmHWM belongs to the exec'd image alone; elsewhere maxRSS is used.
 *
 * Usage: mem-child.ts <images|embeddings> <shoal|raw-node> <path> <batch> <recordBytes>
 */
import { readFileSync } from 'node:fs'
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

/** This process's peak RSS in bytes (see the module comment). */
function peakRssBytes(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))
    if (match) return Number(match[1]) * 1024
  } catch {
    // Not Linux: fall through.
  }
  // maxRSS is in kilobytes.
  return process.resourceUsage().maxRSS * 1024
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
  maxRssBytes: peakRssBytes(),
}
process.stdout.write(`${JSON.stringify(report)}\n`)
