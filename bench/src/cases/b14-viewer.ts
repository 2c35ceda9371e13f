/**
 * B14: `shoal view` on a large detection dataset (100,000 rows in `small`): time from starting
 * the viewer to the first page's rows and pictures, as a browser asks for them. The issue asks
 * for the first page in under a second. Shoal-only: no other system has a local viewer.
 */
import { join } from 'node:path'
import type { ArmResult, BenchCase } from '../case.js'

// The viewer package's own measurement, run from its source like the rest of the suite's imports.
type FirstPage = typeof import('../../../packages/viewer/bench/first-page.js')
let viewerBench: FirstPage | undefined
let dataset: string | undefined

/** The B14 case. */
export const b14Viewer: BenchCase = {
  id: 'B14',
  group: 'B14',
  title: 'viewer: first page (24 rows) of a large dataset, start → rows → pictures',
  async setup({ workspace, profile }) {
    viewerBench = await import('../../../packages/viewer/bench/first-page.js')
    dataset = await workspace.fixture(`viewer-${profile.viewerRows}`, async (dir) => {
      const path = join(dir, 'rows')
      await viewerBench!.buildBenchDataset(path, profile.viewerRows)
      return path
    })
    return undefined
  },
  arms: {
    async shoal(): Promise<ArmResult> {
      const times = await viewerBench!.measureFirstPage(dataset!)
      return {
        n: times.pageSize,
        bytes: 0,
        seconds: times.allImages / 1000,
        extra: {
          rows: times.rows,
          listening_ms: Number(times.listening.toFixed(1)),
          first_page_ms: Number(times.firstPage.toFixed(1)),
          first_image_ms: Number(times.firstImage.toFixed(1)),
          all_images_ms: Number(times.allImages.toFixed(1)),
          last_page_ms: Number(times.lastPage.toFixed(1)),
        },
      }
    },
  },
}
