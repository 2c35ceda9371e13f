import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const repoRoot = fileURLToPath(new URL('../../../../..', import.meta.url))

/** Starts a child TypeScript script with the source condition, as the tests run core. */
export function startChild(script: string, args: string[]): ChildProcess {
  return spawn(
    process.execPath,
    [
      '--conditions=@shoal/source',
      '--import',
      'tsx',
      fileURLToPath(new URL(script, import.meta.url)),
      ...args,
    ],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
}

/** Resolves with the child's stdout lines as they come; `until` decides when to stop waiting. */
export function waitForLine(
  child: ChildProcess,
  until: (line: string) => boolean,
  timeoutMs = 30_000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = ''
    let stderr = ''
    const timer = setTimeout(
      () => reject(new Error(`child gave no matching line in ${timeoutMs} ms; stderr: ${stderr}`)),
      timeoutMs,
    )
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString()
    })
    child.stdout!.on('data', (d: Buffer) => {
      buffer += d.toString()
      const lines = buffer.split('\n')
      buffer = lines.pop()!
      for (const line of lines) {
        if (until(line)) {
          clearTimeout(timer)
          resolve(line)
        }
      }
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`child exited (${code}) before a matching line; stderr: ${stderr}`))
    })
  })
}
