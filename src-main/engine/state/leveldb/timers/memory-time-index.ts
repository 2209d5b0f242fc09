// A timer queue's time index in memory (time-index.ts): a binary heap by (ts, seq) with lazy deletion,
// as the in-memory TimerQueue. Used while a queue has at most a cache's worth of pending timers, the
// way Flink's RocksDB timer service keeps the head of each queue in a heap-side cache: the timers
// themselves are still on their keys' records in LevelDB, so nothing is lost, and on reopen the index
// is rebuilt from those records (leveldb-runtime-stores.ts).
import type { IndexEntry, TimeIndex } from './time-index'

/** A heap entry; its handle, kept on the key's cached record, marks it removed without a lookup. */
interface MemEntry { ts: number; seq: number; keyStr: string; live: boolean }

function before(a: MemEntry, b: MemEntry): boolean {
  return a.ts < b.ts || (a.ts === b.ts && a.seq < b.seq)
}

export class MemoryTimeIndex implements TimeIndex {
  readonly kind = 'memory' as const
  private heap: MemEntry[]
  /** Seqs removed without a handle (the key's record was read back from disk since it was added). */
  private readonly dead = new Set<number>()
  /** Entries removed but still in the heap (dropped when they reach the top or at compaction). */
  private removed = 0
  /**
   * Dropped entries, reused by add() (a session registers a timer per event). A handle still held for a
   * reused entry no longer matches its seq, so remove() falls back to the dead set for it.
   */
  private readonly pool: MemEntry[] = []
  /** Heap levels walked by add (remove marks its entry dead: one step). */
  probes = 0

  /** An index of the entries, in any order (made a heap bottom-up, in linear time). */
  constructor(entries: IndexEntry[] = []) {
    const h = entries.map(([ts, seq, keyStr]) => ({ ts, seq, keyStr, live: true }))
    for (let i = (h.length >> 1) - 1; i >= 0; i--) this.siftDown(h, i, h[i])
    this.heap = h
  }

  add(ts: number, seq: number, keyStr: string): MemEntry {
    const h = this.heap
    let e = this.pool.pop()
    if (e === undefined) e = { ts, seq, keyStr, live: true }
    else { e.ts = ts; e.seq = seq; e.keyStr = keyStr; e.live = true }
    let i = h.length
    h.push(e)
    while (i > 0) {
      const p = (i - 1) >> 1
      this.probes++
      if (!before(e, h[p])) break
      h[i] = h[p]
      i = p
    }
    h[i] = e
    return e
  }

  remove(_ts: number, seq: number, handle?: unknown): void {
    this.probes++
    const e = handle as MemEntry | undefined
    if (e !== undefined && e.seq === seq) e.live = false
    else this.dead.add(seq)
    if (++this.removed * 2 > this.heap.length && this.heap.length > 1024) this.compact()
  }

  first(): IndexEntry | undefined {
    const h = this.heap
    while (h.length > 0 && this.isDead(h[0])) { this.recycle(this.popTop()); this.removed-- }
    const top = h[0]
    return top === undefined ? undefined : [top.ts, top.seq, top.keyStr]
  }

  entries(): IndexEntry[] {
    return this.heap.filter((e) => !this.isDead(e)).sort((a, b) => (before(a, b) ? -1 : 1)).map((e) => [e.ts, e.seq, e.keyStr])
  }

  /** The entries in no particular order (time travel keeps them beside a checkpoint; no sort needed). */
  liveEntries(): IndexEntry[] {
    const out: IndexEntry[] = []
    for (const e of this.heap) if (!this.isDead(e)) out.push([e.ts, e.seq, e.keyStr])
    return out
  }



  clear(): void {
    this.heap = []
    this.pool.length = 0
    this.dead.clear()
    this.removed = 0
  }

  private isDead(e: MemEntry): boolean {
    return !e.live || (this.dead.size > 0 && this.dead.has(e.seq))
  }

  /** Drops removed entries and restores the heap property bottom-up (linear). */
  private compact(): void {
    const h: MemEntry[] = []
    for (const e of this.heap) if (this.isDead(e)) this.recycle(e); else h.push(e)
    this.dead.clear()
    this.removed = 0
    for (let i = (h.length >> 1) - 1; i >= 0; i--) this.siftDown(h, i, h[i])
    this.heap = h
  }

  /** Removes the top entry and returns it. */
  private popTop(): MemEntry {
    const h = this.heap
    const e = h[0]
    if (this.dead.size > 0) this.dead.delete(e.seq)
    const last = h.pop()!
    if (h.length > 0) this.siftDown(h, 0, last)
    return e
  }

  private recycle(e: MemEntry): void {
    e.live = false
    e.seq = -1 // no handle still held for it matches any timer now
    if (this.pool.length < 4096) this.pool.push(e)
  }

  // The same sift as the heap backend's TimerQueue, kept as its own copy on purpose: one element type
  // and an inlined comparison keep this hot loop monomorphic (a shared one would see two element types
  // and call a comparator per step).
  private siftDown(h: MemEntry[], start: number, e: MemEntry): void {
    const n = h.length
    let i = start
    for (;;) {
      const l = 2 * i + 1
      if (l >= n) break
      const r = l + 1
      const c = r < n && before(h[r], h[l]) ? r : l
      if (!before(h[c], e)) break
      h[i] = h[c]
      i = c
    }
    h[i] = e
  }
}
