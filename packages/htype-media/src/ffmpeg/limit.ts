import { availableParallelism } from 'node:os'

/** Runs at most `max` tasks at once; the rest wait in order. */
export function createLimiter(max: number) {
  let running = 0
  let peak = 0
  const queue: (() => void)[] = []
  const release = () => {
    running--
    queue.shift()?.()
  }
  const limit = async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= max) await new Promise<void>((resolve) => queue.push(resolve))
    running++
    peak = Math.max(peak, running)
    try {
      return await task()
    } finally {
      release()
    }
  }
  /** Most tasks that ran at once since the last reset (tests check a scan overlaps decodes). */
  const takePeak = (): number => {
    const value = peak
    peak = running
    return value
  }
  return Object.assign(limit, { max, takePeak })
}

/** One ffmpeg per core: a scan keeps every core busy without oversubscribing them. */
export const limitProcesses = createLimiter(Math.max(1, availableParallelism()))
