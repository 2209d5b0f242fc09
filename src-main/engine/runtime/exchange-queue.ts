// The hand-over between a keyBy and its keyed operator: records and watermarks wait here in FIFO
// order, like a network channel, so the driver can fire timers between deliveries (E2, E5) and step
// one delivery at a time.
import type { KeyedProcessNode } from './keyed-process-node'

export interface QueuedRecord { kind: 0; op: KeyedProcessNode; value: unknown; timestamp: number | null; key: unknown; keyStr: string }
export interface QueuedWatermark { kind: 1; op: KeyedProcessNode; watermark: number }
export type QueuedItem = QueuedRecord | QueuedWatermark

export class ExchangeQueue {
  private items: QueuedItem[] = []
  private head = 0

  get length(): number { return this.items.length - this.head }

  push(item: QueuedItem): void { this.items.push(item) }

  peek(): QueuedItem | undefined { return this.items[this.head] }

  shift(): QueuedItem | undefined {
    const it = this.items[this.head]
    if (it === undefined) return undefined
    this.items[this.head++] = undefined as unknown as QueuedItem
    // Reclaim the consumed prefix now and then instead of Array.shift() per item.
    if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head)
      this.head = 0
    }
    return it
  }

  clear(): void { this.items = []; this.head = 0 }
}
