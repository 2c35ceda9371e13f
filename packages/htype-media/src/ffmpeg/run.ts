import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { limitProcesses } from './limit.js'

/** What one ffmpeg run needs. `{input}` in args is replaced by the path of the input file. */
export interface FfmpegRun {
  readonly binary: string
  readonly input: Uint8Array
  /** File name ending for the temporary input (ffmpeg probes by content, this only helps it). */
  readonly extension: string
  readonly args: readonly string[]
  /** Kill the process after this many milliseconds. */
  readonly timeoutMs: number
  readonly signal?: AbortSignal | undefined
}

/** Default time limit of one decode; generous, it only stops a wedged process. */
export const DEFAULT_TIMEOUT_MS = 120_000

/**
 * Runs ffmpeg on a temporary copy of `input` (MP4 needs a seekable file: its index may sit at the
 * end) and resolves its stdout. Rejects with ffmpeg's last stderr lines on a non-zero exit, a
 * timeout or an abort; the process is killed in every failure path, so none is left hanging.
 */
export function runFfmpeg(run: FfmpegRun): Promise<Uint8Array> {
  return limitProcesses(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shoal-media-'))
    try {
      const path = join(dir, `input.${run.extension}`)
      await writeFile(path, run.input)
      return await spawnCollect(
        run,
        run.args.map((a) => (a === '{input}' ? path : a)),
      )
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
}

function spawnCollect(run: FfmpegRun, args: string[]): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    if (run.signal?.aborted) return reject(run.signal.reason ?? new Error('aborted'))
    const child = spawn(run.binary, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    const out: Buffer[] = []
    let err = ''
    let settled = false
    const finish = (error: Error | undefined) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      run.signal?.removeEventListener('abort', onAbort)
      if (error) {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
        reject(error)
      } else resolve(new Uint8Array(Buffer.concat(out)))
    }
    const onAbort = () =>
      finish(run.signal?.reason instanceof Error ? run.signal.reason : new Error('aborted'))
    const timer = setTimeout(
      () => finish(new Error(`ffmpeg did not finish within ${run.timeoutMs} ms`)),
      run.timeoutMs,
    )
    run.signal?.addEventListener('abort', onAbort, { once: true })
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => {
      err = (err + chunk.toString('utf8')).slice(-2000)
    })
    child.on('error', (error) => finish(error))
    child.on('close', (code, signal) => {
      if (code === 0) finish(undefined)
      else finish(new Error(`ffmpeg exited with ${signal ?? `code ${code}`}: ${lastLines(err)}`))
    })
  })
}

function lastLines(text: string): string {
  const lines = text.trim().split('\n').filter(Boolean)
  return lines.slice(-3).join(' | ') || 'no message'
}
