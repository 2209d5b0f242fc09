// A timer queue's time index in memory (time-index.ts): a binary heap by (ts, seq) with lazy deletion,
// as the in-memory TimerQueue. Used while a queue has at most a cache's worth of pending timers, the
// way Flink's RocksDB timer service keeps the head of each queue in a heap-side cache: the timers
// themselves are still on their keys' records in LevelDB, so nothing is lost, and on reopen the index
// is rebuilt from those records (leveldb-runtime-stores.ts).
import { compareEntries, type IndexEntry, type TimeIndex } from './time-index'

export class MemoryTimeIndex implements TimeIndex {
  readonly kind = 'memory' as const
  private heap: IndexEntry[]
  /** Seqs removed but still in the heap (dropped when they reach the top or at compaction). */
  private readonly dead = new Set<number>()

  constructor(entries: IndexEntry[] = []) {
    this.heap = [...entries].sort(compareEntries) // sorted = a valid heap
  }

  get size(): number { return this.heap.length - this.dead.size }

  add(ts: number, seq: number, keyStr: string): void {
    const h = this.heap
    const e: IndexEntry = [ts, seq, keyStr]
    let i = h.length
    h.push(e)
    while (i > 0) {
      const p = (i - 1) >> 1
      if (compareEntries(h[p], e) <= 0) break
      h[i] = h[p]
      i = p
    }
    h[i] = e
  }

  remove(_ts: number, seq: number): void {
    this.dead.add(seq)
    if (this.heap.length > 1024 && this.dead.size * 2 > this.heap.length) this.compact()
  }

  first(): IndexEntry | undefined {
    const h = this.heap
    while (h.length > 0 && this.dead.delete(h[0][1])) this.popTop()
    return h[0]
  }

  entries(): IndexEntry[] {
    return this.heap.filter((e) => !this.dead.has(e[1])).sort(compareEntries)
  }

  clear(): void {
    this.heap = []
    this.dead.clear()
  }

  /** Drops removed entries and restores the heap property bottom-up (linear). */
  private compact(): void {
    const h = this.heap.filter((e) => !this.dead.has(e[1]))
    this.dead.clear()
    for (let i = (h.length >> 1) - 1; i >= 0; i--) this.siftDown(h, i, h[i])
    this.heap = h
  }

  private popTop(): void {
    const h = this.heap
    const last = h.pop()!
    if (h.length > 0) this.siftDown(h, 0, last)
  }

  private siftDown(h: IndexEntry[], start: number, e: IndexEntry): void {
    const n = h.length
    let i = start
    for (;;) {
      const l = 2 * i + 1
      if (l >= n) break
      const r = l + 1
      const c = r < n && compareEntries(h[r], h[l]) < 0 ? r : l
      if (compareEntries(h[c], e) >= 0) break
      h[i] = h[c]
      i = c
    }
    h[i] = e
  }
}
