import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { isShoalError, read } from '@shoal/core'
import { build } from 'esbuild'
import { afterAll, describe, expect, it } from 'vitest'
import { limitProcesses } from '../src/ffmpeg/limit.js'
import { findFfmpeg } from '../src/ffmpeg/locate.js'
import { FFMPEG_ENV } from '../src/index.js'
import { cleanTemps, newDataset } from './helpers/dataset.js'
import { makeVideo } from './helpers/media.js'

afterAll(cleanTemps)

const HEAVY = ['mp4box', 'daikon', 'audio-decode', 'nifti-reader-js', '@ffmpeg-installer']

/** ffmpeg processes whose parent is this test process. */
function ffmpegChildren(): string[] {
  try {
    return execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes('ffmpeg'))
  } catch {
    return [] // ps exits 1 when there are no children
  }
}

describe('runtime behaviour', () => {
  it('importing the package loads no decoder: a bundle keeps them out of the entry chunk', async () => {
    for (const entry of ['index.ts', 'register.ts']) {
      const result = await build({
        entryPoints: [fileURLToPath(new URL(`../src/${entry}`, import.meta.url))],
        bundle: true,
        splitting: true,
        format: 'esm',
        platform: 'node',
        outdir: '/tmp/shoal-media-bundle',
        write: false,
        metafile: true,
        external: ['@shoal/core', '@shoal/core/plugin'],
        logLevel: 'silent',
      })
      const outputs = Object.values(result.metafile.outputs)
      const main = outputs.find((o) => o.entryPoint?.endsWith(entry))!
      const inputs = Object.keys(main.inputs)
      expect(inputs.some((i) => i.endsWith('codecs.ts'))).toBe(true)
      expect(inputs.filter((i) => HEAVY.some((h) => i.includes(`node_modules/${h}`)))).toEqual([])
      // …while the lazily loaded chunks do hold them.
      const lazy = outputs.filter((o) => o !== main).flatMap((o) => Object.keys(o.inputs))
      expect(lazy.some((i) => i.includes('node_modules/mp4box'))).toBe(true)
    }
  })

  it('no ffmpeg anywhere gives MISSING_DEPENDENCY saying how to get one', () => {
    const none = { env: undefined, installer: () => undefined, pathDirs: ['/nonexistent'] }
    let error: unknown
    try {
      findFfmpeg(none, { tensor: 'clips', index: 3 })
    } catch (e) {
      error = e
    }
    expect(isShoalError(error, 'MISSING_DEPENDENCY')).toBe(true)
    expect(error).toMatchObject({ tensor: 'clips', index: 3 })
    expect((error as { hint: string }).hint).toContain('npm install @ffmpeg-installer/ffmpeg')
    expect((error as { plugin: string }).plugin).toBe('@ffmpeg-installer/ffmpeg')
  })

  it('a bad $SHOAL_FFMPEG_PATH fails get(i) with MISSING_DEPENDENCY; nothing else breaks', async () => {
    const { ds } = await newDataset()
    const t = await ds.createTensor('clips', { htype: 'video', sampleCompression: 'mp4' })
    await t.append(await read(makeVideo('mp4', { frames: 3, width: 16, height: 16 })))
    process.env[FFMPEG_ENV] = '/nonexistent/ffmpeg'
    try {
      await expect(t.get(0)).rejects.toSatisfy(
        (e) => isShoalError(e, 'MISSING_DEPENDENCY') && e.tensor === 'clips',
      )
    } finally {
      delete process.env[FFMPEG_ENV]
    }
    expect(await t.sampleShape(0)).toEqual([3, 16, 16, 3])
    await ds.close()
  })

  it('a timeout or an abort kills ffmpeg: a typed error and no child process left', async () => {
    const { ds } = await newDataset()
    const t = await ds.createTensor('clips', { htype: 'video', sampleCompression: 'mp4' })
    await t.append(await read(makeVideo('mp4', { frames: 60, width: 320, height: 240 })))
    const timedOut = await t.get(0, { timeoutMs: 1 }).catch((e: unknown) => e)
    expect(isShoalError(timedOut, 'CHUNK_CODEC')).toBe(true)
    expect(timedOut).toMatchObject({ tensor: 'clips', index: 0 })
    const controller = new AbortController()
    const pending = t.get(0, { signal: controller.signal }).catch((e: unknown) => e)
    setTimeout(() => controller.abort(new Error('stop')), 5)
    expect(isShoalError(await pending)).toBe(true)
    await new Promise((r) => setTimeout(r, 100)) // let the killed process be reaped
    expect(ffmpegChildren()).toEqual([])
    await ds.close()
  })

  it('a window of videos decodes concurrently, one ffmpeg per core at most', async () => {
    const { ds } = await newDataset()
    const t = await ds.createTensor('clips', { htype: 'video', sampleCompression: 'mp4' })
    const clip = makeVideo('mp4', { frames: 5, width: 32, height: 24 })
    await t.extend(await Promise.all(Array.from({ length: 6 }, () => read(clip))))
    limitProcesses.takePeak()
    const all = await t.getRange(0, 6)
    expect(all).toHaveLength(6)
    const peak = limitProcesses.takePeak()
    expect(peak).toBeLessThanOrEqual(limitProcesses.max)
    expect(peak).toBe(Math.min(limitProcesses.max, 6))
    expect(ffmpegChildren()).toEqual([])
    await ds.close()
  })
})
