/** Every case in run order; `--cases` selects by group (B4) or by id (B4.get). */
import type { BenchCase } from '../case.js'
import { b1Ingest } from './b1-ingest.js'
import { b2JpegIngest } from './b2-jpeg-ingest.js'
import { b4Scans } from './b4-scan.js'
import { b5JpegScan } from './b5-jpeg-scan.js'
import { b6Random } from './b6-random.js'
import { b8Embeddings } from './b8-embeddings.js'
import { b9TextJson } from './b9-text-json.js'
import { b10Lz4 } from './b10-lz4.js'
import { b12VideoScan } from './b12-video-scan.js'
import { b13CliStartup } from './b13-cli-startup.js'
import { b14Viewer } from './b14-viewer.js'
import { memCases } from './mem.js'

/** All cases, in the order they run. */
export const allCases: readonly BenchCase[] = [
  b1Ingest,
  b2JpegIngest,
  ...b4Scans,
  b5JpegScan,
  b6Random,
  ...b8Embeddings,
  ...b9TextJson,
  ...b10Lz4,
  b12VideoScan,
  b13CliStartup,
  b14Viewer,
  ...memCases,
]

/** The cases `selection` names (groups or ids, case-insensitive); unknown names throw. */
export function selectCases(selection: readonly string[] | undefined): BenchCase[] {
  if (!selection || selection.length === 0) return [...allCases]
  const wanted = new Set(selection.map((name) => name.trim().toLowerCase()).filter(Boolean))
  for (const name of wanted) {
    if (!allCases.some((c) => c.group.toLowerCase() === name || c.id.toLowerCase() === name)) {
      const groups = [...new Set(allCases.map((c) => c.group))].join(', ')
      throw new Error(`unknown case "${name}"; cases are ${groups} (or an id such as B4.get)`)
    }
  }
  return allCases.filter((c) => wanted.has(c.group.toLowerCase()) || wanted.has(c.id.toLowerCase()))
}
