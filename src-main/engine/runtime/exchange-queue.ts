// The hand-over between a keyBy and its keyed operator: records and watermarks wait here in FIFO
// order, like a network channel, so the driver can fire timers between deliveries (E2, E5) and step
// one delivery at a time. Struct-of-arrays so a record in transit allocates nothing.
/**
 * Where a queued item goes: a keyed operator, as the queue and the driver that drains it see it. An
 * interface of its own, so the queue, the run context that holds it and the operators import nothing of
 * one another in a circle.
 */
export interface QueueTarget {
  readonly id: string
  processElement(value: unknown, timestamp: number | null, key: unknown, keyStr: string): void
  receiveWatermark(watermark: number): void
  /** True when timers are due at the watermark it received (they fire before anything else is delivered). */
  hasDueEventTimer(): boolean
}

/** A queued item as plain JSON (for run snapshots taken while a delivery is half done). */
export type QueuedItemDump =
  | { kind: 0; op: string; value: unknown; timestamp: number | null; key: unknown; keyStr: string }
  | { kind: 1; op: string; watermark: number }

export class ExchangeQueue {
  head = 0
  tail = 0
  readonly kinds: number[] = []
  readonly ops: QueueTarget[] = []
  readonly values: unknown[] = []
  readonly timestamps: Array<number | null> = []
  readonly keys: unknown[] = []
  readonly keyStrs: string[] = []
  readonly watermarks: number[] = []

  get length(): number { return this.tail - this.head }

  pushRecord(op: QueueTarget, value: unknown, timestamp: number | null, key: unknown, keyStr: string): void {
    const i = this.tail++
    this.kinds[i] = 0
    this.ops[i] = op
    this.values[i] = value
    this.timestamps[i] = timestamp
    this.keys[i] = key
    this.keyStrs[i] = keyStr
  }

  pushWatermark(op: QueueTarget, watermark: number): void {
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

  /** The waiting items, oldest first, with operators named by id. */
  dump(): QueuedItemDump[] {
    const out: QueuedItemDump[] = []
    for (let i = this.head; i < this.tail; i++) {
      out.push(this.kinds[i] === 0
        ? { kind: 0, op: this.ops[i].id, value: this.values[i], timestamp: this.timestamps[i], key: this.keys[i], keyStr: this.keyStrs[i] }
        : { kind: 1, op: this.ops[i].id, watermark: this.watermarks[i] })
    }
    return out
  }

  /** Replaces the contents with a dump's items. */
  load(items: QueuedItemDump[], opById: (id: string) => QueueTarget): void {
    this.clear()
    for (const it of items) {
      if (it.kind === 0) this.pushRecord(opById(it.op), it.value, it.timestamp, it.key, it.keyStr)
      else this.pushWatermark(opById(it.op), it.watermark)
    }
  }

  clear(): void {
    for (let i = this.head; i < this.tail; i++) { this.values[i] = null; this.keys[i] = null }
    this.head = this.tail = 0
  }
}
