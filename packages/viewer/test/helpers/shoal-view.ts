import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** The built `shoal` binary of this repository (global-setup builds it). */
const BIN = fileURLToPath(new URL('../../../cli/bin/shoal.js', import.meta.url))

/** A running `shoal view` process: its URL, and a stop that resolves to its exit code. */
export interface ShoalView {
  readonly url: string
  stop(): Promise<number | null>
}

/**
 * Starts `shoal view <dataset>` as a user would and waits for the URL it prints. Rejects with the
 * process's stderr if it exits first.
 */
export function startShoalView(dataset: string, args: readonly string[] = []): Promise<ShoalView> {
  const child: ChildProcess = spawn(process.execPath, [BIN, 'view', dataset, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  let out = ''
  let err = ''
  child.stderr!.on('data', (data: Buffer) => {
    err += data.toString()
  })
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (data: Buffer) => {
      out += data.toString()
      const line = out.split('\n')[0]!
      if (out.includes('\n'))
        resolve({
          url: line.trim(),
          stop: () => {
            child.kill('SIGINT')
            return exited
          },
        })
    })
    void exited.then((code) => reject(new Error(`shoal view exited with ${code}: ${err}`)))
  })
}
