// A TimerQueue (time/timer-queue.ts) whose timers live in LevelDB, for state larger than memory: the
// same API and the same semantics (T1 dedupe per key and timestamp, T2 delete, T5 poll before fire,
// ties fired in registration order), so the runtime can swap it in on the LevelDB backend.
//
// Timers are grouped in time buckets (bucketMillis wide): B<q>\x00<bucket> = [[ts, seq, keyStr, key],
// ...] sorted by (ts, seq), and each key's timers are T<q>\x00<keyStr> = [[ts, seq], ...]. Only the set
// of non-empty bucket numbers is in memory (a min-heap), so memory grows with the time span covered by
// pending timers, not with their number. Records go through the backend's write-back store, so timers
// and state are flushed in the same atomic batches.
import type { Timer, TimerDump, TimerHolder } from '../../time/timer-queue'
import type { WriteBackStore } from './write-back-store'
import { JSON_CODEC } from './write-back-store'

type BucketEntry = [ts: number, seq: number, keyStr: string, key: unknown]
type KeyEntry = [ts: number, seq: number]

/** The persisted head of a queue: Q<q> = { name, seq, size }. */
export interface TimerQueueRow { name: string; seq: number; size: number }

export class LevelDbTimerQueue {
  private readonly heap: number[] = []
  private head: Timer | null | undefined = undefined

  constructor(
    private readonly store: WriteBackStore,
    private readonly index: number,
    readonly row: TimerQueueRow,
    /** Non-empty buckets found on disk at open. */
    readonly buckets: Set<number>,
    readonly bucketMillis = 1000,
  ) {
    for (const b of buckets) this.pushBucket(b)
  }

  get size(): number { return this.row.size }

  holderFor(keyStr: string): TimerHolder {
    return { keyStr, slot: undefined }
  }

  register(timestamp: number, keyStr: string, key: unknown): boolean {
    const mine = this.keyTimers(keyStr)
    if (mine.some((e) => e[0] === timestamp)) return false // T1
    const seq = this.row.seq++
    mine.push([timestamp, seq])
    this.store.store(this.keyRecord(keyStr), mine, JSON_CODEC)
    const b = this.bucketOf(timestamp)
    const entries = this.bucket(b)
    // seq is the largest so far: the new entry goes after every entry with ts <= timestamp.
    let i = entries.length
    while (i > 0 && entries[i - 1][0] > timestamp) i--
    entries.splice(i, 0, [timestamp, seq, keyStr, key])
    this.saveBucket(b, entries)
    this.row.size++
    this.saveRow()
    this.head = undefined
    return true
  }

  registerIn(holder: TimerHolder, timestamp: number, key: unknown): boolean {
    return this.register(timestamp, holder.keyStr, key)
  }

  /** T2: deleting a timer that does not exist is a no-op. */
  delete(timestamp: number, keyStr: string): boolean {
    const mine = this.keyTimers(keyStr)
    const at = mine.findIndex((e) => e[0] === timestamp)
    if (at < 0) return false
    this.remove(keyStr, mine, at)
    return true
  }

  deleteIn(holder: TimerHolder, timestamp: number): boolean {
    return this.delete(timestamp, holder.keyStr)
  }

  /** The live timer with the smallest (timestamp, seq), without removing it. */
  peek(): Timer | undefined {
    if (this.head !== undefined) return this.head ?? undefined
    while (this.heap.length > 0 && !this.buckets.has(this.heap[0])) this.popBucket()
    if (this.heap.length === 0) { this.head = null; return undefined }
    const [ts, seq, keyStr, key] = this.bucket(this.heap[0])[0]
    this.head = { timestamp: ts, keyStr, key, seq, live: true, holder: { keyStr, slot: undefined } }
    return this.head
  }

  /** T5: removes the head before it fires. */
  poll(): Timer | undefined {
    const t = this.peek()
    if (t === undefined) return undefined
    const mine = this.keyTimers(t.keyStr)
    this.remove(t.keyStr, mine, mine.findIndex((e) => e[0] === t.timestamp))
    t.live = false
    return t
  }

  dueAt(time: number): boolean {
    const t = this.peek()
    return t !== undefined && t.timestamp <= time
  }

  timersOf(keyStr: string): number[] {
    return this.keyTimers(keyStr).map((e) => e[0]).sort((a, b) => a - b)
  }

  countOf(keyStr: string): number {
    return this.keyTimers(keyStr).length
  }

  /** Every live timer in firing order (reads every bucket: for dumps and the inspector). */
  all(): Timer[] {
    const out: Timer[] = []
    for (const b of [...this.buckets].sort((x, y) => x - y)) {
      for (const [ts, seq, keyStr, key] of this.bucket(b)) out.push({ timestamp: ts, keyStr, key, seq, live: true, holder: { keyStr, slot: undefined } })
    }
    return out
  }

  *keys(): IterableIterator<string> {
    const seen = new Set<string>()
    for (const t of this.all()) if (!seen.has(t.keyStr)) { seen.add(t.keyStr); yield t.keyStr }
  }

  dump(): TimerDump[] {
    return this.all().map((t) => ({ timestamp: t.timestamp, keyStr: t.keyStr, key: t.key, seq: t.seq }))
  }

  restore(timers: TimerDump[], nextSeq: number): void {
    for (const b of this.buckets) {
      for (const e of this.bucket(b)) this.store.store(this.keyRecord(e[2]), undefined, JSON_CODEC)
      this.store.store(this.bucketRecord(b), undefined, JSON_CODEC)
    }
    this.buckets.clear()
    this.heap.length = 0
    this.row.size = 0
    this.head = undefined
    for (const d of [...timers].sort((a, b) => a.seq - b.seq)) {
      this.row.seq = d.seq
      this.register(d.timestamp, d.keyStr, d.key)
    }
    this.row.seq = nextSeq
    this.saveRow()
  }

  nextSeq(): number { return this.row.seq }

  private remove(keyStr: string, mine: KeyEntry[], at: number): void {
    const [ts, seq] = mine[at]
    mine.splice(at, 1)
    this.store.store(this.keyRecord(keyStr), mine.length === 0 ? undefined : mine, JSON_CODEC)
    const b = this.bucketOf(ts)
    const entries = this.bucket(b)
    const i = entries.findIndex((e) => e[1] === seq)
    if (i >= 0) entries.splice(i, 1)
    this.saveBucket(b, entries)
    this.row.size--
    this.saveRow()
    this.head = undefined
  }

  private keyTimers(keyStr: string): KeyEntry[] {
    return (this.store.load(this.keyRecord(keyStr), JSON_CODEC) as KeyEntry[] | undefined) ?? []
  }

  private bucket(b: number): BucketEntry[] {
    return (this.store.load(this.bucketRecord(b), JSON_CODEC) as BucketEntry[] | undefined) ?? []
  }

  private saveBucket(b: number, entries: BucketEntry[]): void {
    if (entries.length === 0) {
      this.store.store(this.bucketRecord(b), undefined, JSON_CODEC)
      this.buckets.delete(b)
    } else {
      this.store.store(this.bucketRecord(b), entries, JSON_CODEC)
      if (!this.buckets.has(b)) {
        this.buckets.add(b)
        this.pushBucket(b)
        // Emptied buckets stay in the heap until they reach the top; rebuild when they pile up.
        if (this.heap.length > 2 * this.buckets.size + 64) {
          this.heap.length = 0
          for (const x of this.buckets) this.pushBucket(x)
        }
      }
    }
  }

  private saveRow(): void { this.store.store(`Q${this.index}`, this.row, JSON_CODEC) }
  private keyRecord(keyStr: string): string { return `T${this.index}\x00${keyStr}` }
  private bucketRecord(b: number): string { return `B${this.index}\x00${b}` }
  private bucketOf(ts: number): number { return Math.floor(ts / this.bucketMillis) }

  private pushBucket(b: number): void {
    const h = this.heap
    let i = h.length
    h.push(b)
    while (i > 0) { const p = (i - 1) >> 1; if (h[p] <= b) break; h[i] = h[p]; i = p }
    h[i] = b
  }

  private popBucket(): void {
    const h = this.heap
    const last = h.pop() as number
    const n = h.length
    if (n === 0) return
    let i = 0
    for (;;) {
      const l = 2 * i + 1
      if (l >= n) break
      const r = l + 1
      const c = r < n && h[r] < h[l] ? r : l
      if (h[c] >= last) break
      h[i] = h[c]
      i = c
    }
    h[i] = last
  }
}
