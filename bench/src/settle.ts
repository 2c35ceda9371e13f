/**
 * Flushes dirty pages to disk between arms through one long-lived `sh` child. Spawning `sync` per
 * arm forked the bench process each time, and a fork write-protects all of its memory: the next
 * write to every page of a reused buffer then took a fault (~15 µs a page on the project VM),
 * which charged buffer reuse, the very thing a fast ingest does, to whichever arm ran next.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createInterface, type Interface } from 'node:readline'

let helper: { child: ChildProcess; lines: Interface } | undefined | null

/** Starts the helper; call before any data is built, so its one fork happens while memory is small. */
export function startSettler(): void {
  if (helper !== undefined) return
  try {
    const child = spawn('sh', ['-c', 'while read -r _; do sync; echo; done'], {
      stdio: ['pipe', 'pipe', 'ignore'],
    })
    child.on('error', () => {
      helper = null // no `sh` (Windows): arms run unsettled
    })
    child.stdin!.on('error', () => {}) // a helper that died is noticed through 'exit' / 'error'
    helper = { child, lines: createInterface({ input: child.stdout! }) }
  } catch {
    helper = null
  }
}

/** Runs `sync` in the helper and waits for it (a no-op where there is no helper). */
export async function settleWrites(): Promise<void> {
  startSettler()
  const running = helper
  if (!running || running.child.exitCode !== null) return
  const done = new Promise<void>((resolve) => {
    const finish = () => {
      running.lines.off('line', finish)
      running.child.off('exit', finish)
      running.child.off('error', finish)
      resolve()
    }
    running.lines.on('line', finish)
    running.child.on('exit', finish)
    running.child.on('error', finish)
  })
  running.child.stdin!.write('\n')
  await done
}

/** Ends the helper. */
export function stopSettler(): void {
  if (!helper) return
  helper.child.stdin!.end()
  helper.lines.close()
  helper = null
}
