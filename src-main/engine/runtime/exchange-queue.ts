// The hand-over between a keyBy and its keyed operator: records and watermarks wait here in FIFO
// order, like a network channel, so the driver can fire timers between deliveries (E2, E5) and step
// one delivery at a time. Struct-of-arrays so a record in transit allocates nothing.
import type { KeyedProcessNode } from './keyed-process-node'

export class ExchangeQueue {
  head = 0
  tail = 0
  readonly kinds: number[] = []
  readonly ops: KeyedProcessNode[] = []
  readonly values: unknown[] = []
  readonly timestamps: Array<number | null> = []
  readonly keys: unknown[] = []
  readonly keyStrs: string[] = []
  readonly watermarks: number[] = []

  get length(): number { return this.tail - this.head }

  pushRecord(op: KeyedProcessNode, value: unknown, timestamp: number | null, key: unknown, keyStr: string): void {
    const i = this.tail++
    this.kinds[i] = 0
    this.ops[i] = op
    this.values[i] = value
    this.timestamps[i] = timestamp
    this.keys[i] = key
    this.keyStrs[i] = keyStr
  }

  pushWatermark(op: KeyedProcessNode, watermark: number): void {
    const i = this.tail++
    this.kinds[i] = 1
    this.ops[i] = op
    this.values[i] = null
    this.timestamps[i] = null
    this.keys[i] = null
    this.keyStrs[i] = ''
    this.watermarks[i] = watermark
  }

  /** Consumes the head slot (read its fields first). */
  advance(): void {
    const i = this.head
    this.values[i] = null
    this.keys[i] = null
    if (++this.head === this.tail) this.head = this.tail = 0
  }

  /** Timestamp of the head if it is a record, else null. */
  headRecordTimestamp(): number | null {
    return this.head < this.tail && this.kinds[this.head] === 0 ? this.timestamps[this.head] : null
  }

  clear(): void {
    for (let i = this.head; i < this.tail; i++) { this.values[i] = null; this.keys[i] = null }
    this.head = this.tail = 0
  }
}
