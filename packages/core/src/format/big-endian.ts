import { corrupt, invalidArgument } from './fail.js'

const TWO_32 = 2 ** 32

/** Sequential big-endian reads with bounds checks that name the file (the diff files, §3.7). */
export class BigEndianReader {
  private readonly view: DataView
  offset = 0

  constructor(
    private readonly bytes: Uint8Array,
    private readonly what: string,
    private readonly key?: string,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }

  /** Bytes left to read. */
  get remaining(): number {
    return this.bytes.byteLength - this.offset
  }

  private need(count: number, field: string): void {
    if (this.remaining < count) {
      throw corrupt(
        `${this.what} is truncated: ${field} needs ${count} bytes at offset ${this.offset}`,
        this.key,
        {
          expected: `at least ${this.offset + count} bytes`,
        },
      )
    }
  }

  /** One byte as a boolean. */
  bool(field: string): boolean {
    this.need(1, field)
    return this.bytes[this.offset++] !== 0
  }

  /** A uint64 as a number; CORRUPT_CHUNK above 2^53. */
  u64(field: string): number {
    this.need(8, field)
    const value =
      this.view.getUint32(this.offset, false) * TWO_32 + this.view.getUint32(this.offset + 4, false)
    if (!Number.isSafeInteger(value))
      throw corrupt(`${this.what}: ${field} (${value}) exceeds 2^53`, this.key)
    this.offset += 8
    return value
  }

  /** A uint64 as a bigint. */
  bigU64(field: string): bigint {
    this.need(8, field)
    const value = this.view.getBigUint64(this.offset, false)
    this.offset += 8
    return value
  }

  /** A count that must fit in the remaining bytes at `itemBytes` each (guards hostile counts). */
  count(field: string, itemBytes: number): number {
    const n = this.u64(field)
    this.need(n * itemBytes, `${n} ${field}`)
    return n
  }

  /** `length` bytes as UTF-8. */
  utf8(length: number, field: string): string {
    this.need(length, field)
    const text = new TextDecoder('utf-8', { fatal: false }).decode(
      this.bytes.subarray(this.offset, this.offset + length),
    )
    this.offset += length
    return text
  }
}

/** Sequential big-endian writes into a buffer sized in advance. */
export class BigEndianWriter {
  readonly bytes: Uint8Array
  private readonly view: DataView
  private offset = 0

  constructor(size: number) {
    this.bytes = new Uint8Array(size)
    this.view = new DataView(this.bytes.buffer)
  }

  bool(value: boolean): void {
    this.bytes[this.offset++] = value ? 1 : 0
  }

  u64(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) throw invalidArgument(`${value} is not a uint64 value`)
    this.view.setUint32(this.offset, Math.floor(value / TWO_32), false)
    this.view.setUint32(this.offset + 4, value % TWO_32, false)
    this.offset += 8
  }

  bigU64(value: bigint): void {
    this.view.setBigUint64(this.offset, value, false)
    this.offset += 8
  }

  raw(bytes: Uint8Array): void {
    this.bytes.set(bytes, this.offset)
    this.offset += bytes.byteLength
  }
}
