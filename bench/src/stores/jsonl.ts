/** raw-node for B9: one JSON value per line, written in large blocks and parsed back line by line. */
import { closeSync, openSync, readSync } from 'node:fs'
import type { RssProbe } from '../measure.js'
import { BLOCK_BYTES, writeFlat } from './flat.js'

/** Writes `values` as JSON lines, stringifying and encoding `batch` values at a time. */
export function writeJsonl(path: string, values: readonly unknown[], batch: number, probe?: RssProbe): void {
  const encoder = new TextEncoder()
  function* blocks() {
    for (let start = 0; start < values.length; start += batch) {
      let text = ''
      for (let i = start; i < Math.min(values.length, start + batch); i++)
        text += `${JSON.stringify(values[i])}\n`
      yield encoder.encode(text)
    }
  }
  writeFlat(path, blocks(), probe)
}

/** Reads a JSON-lines file in ~8 MB blocks and calls `onValue` with each parsed line. */
export function scanJsonl(path: string, onValue: (value: unknown) => void, probe?: RssProbe): number {
  const decoder = new TextDecoder()
  const buffer = new Uint8Array(BLOCK_BYTES)
  const fd = openSync(path, 'r')
  let position = 0
  let carry = ''
  let count = 0
  try {
    for (;;) {
      const got = readSync(fd, buffer, 0, buffer.byteLength, position)
      position += got
      // `stream: true` holds back a UTF-8 sequence cut by the block edge until the next block.
      const text = carry + decoder.decode(buffer.subarray(0, got), { stream: got > 0 })
      const lines = text.split('\n')
      carry = lines.pop()!
      for (const line of lines) {
        onValue(JSON.parse(line))
        count++
      }
      probe?.sample()
      if (got === 0) break
    }
  } finally {
    closeSync(fd)
  }
  if (carry !== '') {
    onValue(JSON.parse(carry))
    count++
  }
  return count
}
