// A timer queue's time index in LevelDB (time-index.ts), for queues with more pending timers than a
// cache holds: buckets of consecutive timestamps, B<q>\x00<start> = [[ts, seq, keyStr], ...] sorted by
// (ts, seq), covering [start, next bucket's start). A bucket that grows past maxBucket entries splits at
// a timestamp boundary; an emptied bucket's record is deleted, and its slot in the in-memory arrays is
// dropped in bulk later (firing empties buckets from the front, and dropping each one at once would
// shift the whole index every time). Only the bucket starts and counts are in memory
// (about one number pair per maxBucket / 2 timers), whatever the timestamps' density. Buckets go
// through the backend's write-back store, so they are flushed in the same batches as the keys' records.
import type { SlotCodec, WriteBackStore } from '../write-back-store'
import type { IndexEntry, TimeIndex } from './time-index'

/** Buckets are the runtime's records: cached apart from state (write-back-store.ts). */
const BUCKET_CODEC: SlotCodec = { runtime: true, encode: (v) => JSON.stringify(v), decode: (t) => JSON.parse(t) as unknown }

/** Default bucket size limit: small enough to rewrite cheaply, large enough to keep the index tiny. */
export const MAX_BUCKET = 32

/** Bucket starts (ascending; the first is -Infinity) and their entry counts, as found on disk. */
export interface BucketIndex { starts: number[]; counts: number[] }

export class BucketTimeIndex implements TimeIndex {
  readonly kind = 'buckets' as const
  private readonly starts: number[]
  private readonly counts: number[]
  /** The record key of each bucket (parallel to starts), built once rather than per timer. */
  private readonly bucketKeys: string[]
  /**
   * The buckets stored in the current store epoch, by record key. Such a bucket is still dirty, so
   * pinned in the cache: it is used without a cache lookup and not stored again (two bucket edits per
   * event on the hot buckets). Emptied when the epoch changes, so it never holds more than a batch's
   * worth of buckets.
   */
  private readonly hot = new Map<string, IndexEntry[]>()
  private hotEpoch = -1
  /** Buckets with no entries (their records deleted), besides the first. */
  private empties = 0
  /** No bucket before this one has entries (where first() starts looking). */
  private low = 0

  constructor(
    private readonly store: WriteBackStore,
    /** The queue's index in the database (the <q> of its records). */
    private readonly queue: number,
    found: BucketIndex,
    private readonly maxBucket = MAX_BUCKET,
  ) {
    const hasFirst = found.starts.length > 0 && found.starts[0] === -Infinity
    this.starts = hasFirst ? found.starts : [-Infinity, ...found.starts]
    this.counts = hasFirst ? found.counts : [0, ...found.counts]
    this.bucketKeys = this.starts.map((s) => this.bucketRecord(s))
  }

  add(ts: number, seq: number, keyStr: string): void {
    const b = this.bucketIndexOf(ts)
    const entries = this.bucket(b)
    // seq is the largest so far: the new entry goes after every entry with ts <= timestamp.
    let lo = 0
    let hi = entries.length
    while (lo < hi) { const m = (lo + hi) >> 1; if (entries[m][0] <= ts) lo = m + 1; else hi = m }
    entries.splice(lo, 0, [ts, seq, keyStr])
    if (this.counts[b]++ === 0 && b > 0) this.empties--
    if (b < this.low) this.low = b
    if (entries.length > this.maxBucket) this.split(b, entries)
    else this.saveBucket(b, entries)
  }

  remove(ts: number, seq: number): void {
    const b = this.bucketIndexOf(ts)
    const entries = this.bucket(b)
    // Sorted by (ts, seq): the first entry at ts, then the one with this seq among equal timestamps.
    let i = 0
    let hi = entries.length
    while (i < hi) { const m = (i + hi) >> 1; if (entries[m][0] < ts) i = m + 1; else hi = m }
    while (i < entries.length && entries[i][1] !== seq) i++
    if (i === entries.length) return // not here (callers remove only timers they added)
    entries.splice(i, 1)
    this.counts[b]--
    if (entries.length === 0) {
      this.store.store(this.bucketKeys[b], undefined, BUCKET_CODEC)
      this.hot.delete(this.bucketKeys[b])
      if (b > 0 && ++this.empties > 64 && this.empties * 2 > this.starts.length) this.dropEmpties()
    } else {
      this.saveBucket(b, entries)
    }
  }

  /** Drops the empty buckets from the arrays: each one's range joins the previous bucket's. */
  private dropEmpties(): void {
    let w = 1
    for (let r = 1; r < this.starts.length; r++) {
      if (this.counts[r] === 0) continue
      this.starts[w] = this.starts[r]
      this.counts[w] = this.counts[r]
      this.bucketKeys[w] = this.bucketKeys[r]
      w++
    }
    this.starts.length = w
    this.counts.length = w
    this.bucketKeys.length = w
    this.empties = 0
    this.low = 0
  }

  first(): IndexEntry | undefined {
    let b = this.low
    while (b < this.starts.length && this.counts[b] === 0) b++
    this.low = b
    return b < this.starts.length ? this.bucket(b)[0] : undefined
  }

  entries(): IndexEntry[] {
    const out: IndexEntry[] = []
    for (let b = 0; b < this.starts.length; b++) if (this.counts[b] > 0) out.push(...this.bucket(b))
    return out
  }

  clear(): void {
    for (const key of this.bucketKeys) this.store.store(key, undefined, BUCKET_CODEC)
    for (const a of [this.starts, this.counts, this.bucketKeys]) a.length = 0
    this.hot.clear()
    this.empties = 0
    this.low = 0
    this.starts.push(-Infinity)
    this.counts.push(0)
    this.bucketKeys.push(this.bucketRecord(-Infinity))
  }

  /** Splits bucket b at the timestamp boundary nearest its middle (ties never straddle two buckets). */
  private split(b: number, entries: IndexEntry[]): void {
    const mid = entries.length >> 1
    let at = -1
    for (let d = 0; d < entries.length && at < 0; d++) {
      for (const i of [mid + d, mid - d]) {
        if (i > 0 && i < entries.length && entries[i - 1][0] < entries[i][0]) { at = i; break }
      }
    }
    if (at < 0) { this.saveBucket(b, entries); return }
    const upper = entries.splice(at)
    const start = upper[0][0]
    this.starts.splice(b + 1, 0, start)
    this.counts.splice(b + 1, 0, upper.length)
    this.bucketKeys.splice(b + 1, 0, this.bucketRecord(start))
    this.counts[b] = entries.length
    if (b < this.low) this.low = b
    this.saveBucket(b, entries)
    this.saveBucket(b + 1, upper)
  }

  /** The bucket covering ts: the last one whose start is <= ts. */
  private bucketIndexOf(ts: number): number {
    const s = this.starts
    let lo = 0
    let hi = s.length - 1
    while (lo < hi) { const m = (lo + hi + 1) >> 1; if (s[m] <= ts) lo = m; else hi = m - 1 }
    return lo
  }

  private bucket(b: number): IndexEntry[] {
    const key = this.bucketKeys[b]
    if (this.hotEpoch === this.store.epoch) {
      const hot = this.hot.get(key)
      if (hot !== undefined) return hot
    }
    return (this.store.load(key, BUCKET_CODEC) as IndexEntry[] | undefined) ?? []
  }

  /** Stores bucket b's entries (changed in place) unless they were stored in this epoch already. */
  private saveBucket(b: number, entries: IndexEntry[]): void {
    const key = this.bucketKeys[b]
    const epoch = this.store.epoch
    if (this.hotEpoch !== epoch) { this.hot.clear(); this.hotEpoch = epoch } else if (this.hot.get(key) === entries) return
    this.store.store(key, entries, BUCKET_CODEC)
    // A batch cut by that very store encoded the entries: then the epoch moved on and they are not hot.
    if (this.store.epoch === epoch) this.hot.set(key, entries)
  }

  private bucketRecord(start: number): string { return `B${this.queue}\x00${start}` }
}
