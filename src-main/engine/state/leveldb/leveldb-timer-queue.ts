// A TimerQueue (time/timer-queue.ts) whose timers live in LevelDB, for state larger than memory: the
// same API and the same semantics (T1 dedupe per key and timestamp, T2 delete, T5 poll before fire,
// ties fired in registration order), so the runtime can swap it in on the LevelDB backend.
//
// Timers are grouped in buckets of consecutive timestamps: B<q>\x00<start> = [[ts, seq, keyStr, key],
// ...] sorted by (ts, seq), covering [start, next bucket's start). A bucket that grows past
// maxBucket entries splits at a timestamp boundary; an emptied bucket is dropped. Each key's timers are
// also at T<q>\x00<keyStr> = [[ts, seq], ...]. Only the bucket starts and counts are in memory (about
// one number pair per maxBucket / 2 timers), whatever the timestamps' density. Records go through the
// backend's write-back store, so timers and state are flushed in the same atomic batches.
import type { Timer, TimerDump, TimerHolder } from '../../time/timer-queue'
import type { WriteBackStore } from './write-back-store'
import { JSON_CODEC } from './write-back-store'

type BucketEntry = [ts: number, seq: number, keyStr: string, key: unknown]
type KeyEntry = [ts: number, seq: number]

/** Default bucket size limit: small enough to rewrite cheaply, large enough to keep the index tiny. */
export const MAX_BUCKET = 32

/** The persisted head of a queue: Q<q> = { name, seq, size }. */
export interface TimerQueueRow { name: string; seq: number; size: number }

/** Bucket starts (ascending; the first is -Infinity) and their entry counts, as found on disk. */
export interface BucketIndex { starts: number[]; counts: number[] }

export class LevelDbTimerQueue {
  private head: Timer | null | undefined = undefined
  private readonly starts: number[]
  private readonly counts: number[]

  constructor(
    private readonly store: WriteBackStore,
    private readonly index: number,
    readonly row: TimerQueueRow,
    found: BucketIndex,
    private readonly maxBucket = MAX_BUCKET,
  ) {
    this.starts = found.starts.length > 0 && found.starts[0] === -Infinity ? found.starts : [-Infinity, ...found.starts]
    this.counts = found.starts.length > 0 && found.starts[0] === -Infinity ? found.counts : [0, ...found.counts]
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
    const b = this.bucketIndexOf(timestamp)
    const entries = this.bucket(b)
    // seq is the largest so far: the new entry goes after every entry with ts <= timestamp.
    let lo = 0
    let hi = entries.length
    while (lo < hi) { const m = (lo + hi) >> 1; if (entries[m][0] <= timestamp) lo = m + 1; else hi = m }
    entries.splice(lo, 0, [timestamp, seq, keyStr, key])
    this.counts[b]++
    if (entries.length > this.maxBucket) this.split(b, entries)
    else this.store.store(this.bucketRecord(this.starts[b]), entries, JSON_CODEC)
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
    // Only the first bucket (start -Infinity) can be empty: emptied others are dropped.
    const b = this.counts[0] > 0 ? 0 : 1
    if (b >= this.starts.length) { this.head = null; return undefined }
    const [ts, seq, keyStr, key] = this.bucket(b)[0]
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
    for (let b = 0; b < this.starts.length; b++) {
      if (this.counts[b] === 0) continue
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
    for (let b = 0; b < this.starts.length; b++) {
      for (const e of this.bucket(b)) this.store.store(this.keyRecord(e[2]), undefined, JSON_CODEC)
      this.store.store(this.bucketRecord(this.starts[b]), undefined, JSON_CODEC)
    }
    this.starts.length = 0
    this.counts.length = 0
    this.starts.push(-Infinity)
    this.counts.push(0)
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
    const b = this.bucketIndexOf(ts)
    const entries = this.bucket(b)
    const i = entries.findIndex((e) => e[1] === seq)
    if (i >= 0) { entries.splice(i, 1); this.counts[b]-- }
    if (entries.length === 0) {
      this.store.store(this.bucketRecord(this.starts[b]), undefined, JSON_CODEC)
      // The previous bucket's range now extends over this one's.
      if (b > 0) { this.starts.splice(b, 1); this.counts.splice(b, 1) }
    } else {
      this.store.store(this.bucketRecord(this.starts[b]), entries, JSON_CODEC)
    }
    this.row.size--
    this.saveRow()
    this.head = undefined
  }

  /** Splits bucket b at the timestamp boundary nearest its middle (ties never straddle two buckets). */
  private split(b: number, entries: BucketEntry[]): void {
    const mid = entries.length >> 1
    let at = -1
    for (let d = 0; d < entries.length && at < 0; d++) {
      for (const i of [mid + d, mid - d]) {
        if (i > 0 && i < entries.length && entries[i - 1][0] < entries[i][0]) { at = i; break }
      }
    }
    if (at < 0) { this.store.store(this.bucketRecord(this.starts[b]), entries, JSON_CODEC); return }
    const upper = entries.splice(at)
    const start = upper[0][0]
    this.store.store(this.bucketRecord(this.starts[b]), entries, JSON_CODEC)
    this.store.store(this.bucketRecord(start), upper, JSON_CODEC)
    this.starts.splice(b + 1, 0, start)
    this.counts.splice(b + 1, 0, upper.length)
    this.counts[b] = entries.length
  }

  /** The bucket covering ts: the last one whose start is <= ts. */
  private bucketIndexOf(ts: number): number {
    const s = this.starts
    let lo = 0
    let hi = s.length - 1
    while (lo < hi) { const m = (lo + hi + 1) >> 1; if (s[m] <= ts) lo = m; else hi = m - 1 }
    return lo
  }

  private keyTimers(keyStr: string): KeyEntry[] {
    return (this.store.load(this.keyRecord(keyStr), JSON_CODEC) as KeyEntry[] | undefined) ?? []
  }

  private bucket(b: number): BucketEntry[] {
    return (this.store.load(this.bucketRecord(this.starts[b]), JSON_CODEC) as BucketEntry[] | undefined) ?? []
  }

  private saveRow(): void { this.store.store(`Q${this.index}`, this.row, JSON_CODEC) }
  private keyRecord(keyStr: string): string { return `T${this.index}\x00${keyStr}` }
  private bucketRecord(start: number): string { return `B${this.index}\x00${start}` }
}
