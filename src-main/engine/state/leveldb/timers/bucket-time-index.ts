// A timer queue's time index in LevelDB (time-index.ts), for queues with more pending timers than a
// cache holds: buckets of consecutive (timestamp, seq) entries, B<q>\x00<ts>[\x00<seq>] =
// [[ts, seq, keyStr], ...] sorted by (ts, seq), covering [start, next bucket's start). A bucket that
// grows past maxBucket entries splits in the middle, between two timers of the same timestamp if need
// be: many keys with a timer at one time (a daily window's end) would otherwise make one bucket of them
// all, rewritten and searched in full for every add and removal. An emptied bucket's record is deleted,
// and its slot in the in-memory arrays is dropped in bulk later (firing empties buckets from the front,
// and dropping each one at once would shift the whole index every time). Only the bucket starts and
// counts are in memory (about one number pair per maxBucket / 2 timers), whatever the timestamps'
// density. Buckets go through the backend's write-back store, so they are flushed in the same batches as
// the keys' records. (A start without a seq, as buckets were written before ties could be split, is the
// timestamp's first: seq -Infinity.)
import type { SlotCodec, WriteBackStore } from '../write-back-store'
import type { IndexEntry, TimeIndex } from './time-index'

/** Buckets are the runtime's records: cached apart from state (write-back-store.ts). */
const BUCKET_CODEC: SlotCodec = { runtime: true, encode: (v) => JSON.stringify(v), decode: (t) => JSON.parse(t) as unknown }

/** Default bucket size limit: small enough to rewrite cheaply, large enough to keep the index tiny. */
export const MAX_BUCKET = 32

/**
 * Bucket starts (ascending by (ts, seq); the first is (-Infinity, -Infinity)) and their entry counts, as
 * found on disk. startSeqs absent: every start is a timestamp's first (-Infinity).
 */
export interface BucketIndex { starts: number[]; startSeqs?: number[]; counts: number[] }

export class BucketTimeIndex implements TimeIndex {
  readonly kind = 'buckets' as const
  private readonly starts: number[]
  /** The seq part of each start: -Infinity for a timestamp's first timer. */
  private readonly startSeqs: number[]
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
  /**
   * Bucket entries looked at or moved by add and remove. (Not counted: a split inserts one start into
   * the in-memory arrays of starts, a move of about one number per maxBucket / 2 timers.)
   */
  probes = 0

  constructor(
    private readonly store: WriteBackStore,
    /** The queue's index in the database (the <q> of its records). */
    private readonly queue: number,
    found: BucketIndex,
    private readonly maxBucket = MAX_BUCKET,
  ) {
    const seqs = found.startSeqs ?? found.starts.map(() => -Infinity)
    const hasFirst = found.starts.length > 0 && found.starts[0] === -Infinity && seqs[0] === -Infinity
    this.starts = hasFirst ? found.starts : [-Infinity, ...found.starts]
    this.startSeqs = hasFirst ? seqs : [-Infinity, ...seqs]
    this.counts = hasFirst ? found.counts : [0, ...found.counts]
    this.bucketKeys = this.starts.map((s, i) => this.bucketRecord(s, this.startSeqs[i]))
  }

  add(ts: number, seq: number, keyStr: string): void {
    const b = this.bucketIndexOf(ts, seq)
    const entries = this.bucket(b)
    // seq is the largest so far: the new entry goes after every entry with ts <= timestamp.
    let lo = 0
    let hi = entries.length
    while (lo < hi) { const m = (lo + hi) >> 1; this.probes++; if (entries[m][0] <= ts) lo = m + 1; else hi = m }
    this.probes += entries.length - lo
    entries.splice(lo, 0, [ts, seq, keyStr])
    if (this.counts[b]++ === 0 && b > 0) this.empties--
    if (b < this.low) this.low = b
    if (entries.length > this.maxBucket) this.split(b, entries)
    else this.saveBucket(b, entries)
  }

  remove(ts: number, seq: number): void {
    const b = this.bucketIndexOf(ts, seq)
    const entries = this.bucket(b)
    // Sorted by (ts, seq): the first entry not before (ts, seq).
    let i = 0
    let hi = entries.length
    while (i < hi) {
      const m = (i + hi) >> 1
      this.probes++
      const e = entries[m]
      if (e[0] < ts || (e[0] === ts && e[1] < seq)) i = m + 1
      else hi = m
    }
    if (i === entries.length || entries[i][1] !== seq) return // not here (callers remove only timers they added)
    this.probes += entries.length - i
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
      this.startSeqs[w] = this.startSeqs[r]
      this.counts[w] = this.counts[r]
      this.bucketKeys[w] = this.bucketKeys[r]
      w++
    }
    this.starts.length = w
    this.startSeqs.length = w
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
    for (const a of [this.starts, this.startSeqs, this.counts, this.bucketKeys]) a.length = 0
    this.hot.clear()
    this.empties = 0
    this.low = 0
    this.starts.push(-Infinity)
    this.startSeqs.push(-Infinity)
    this.counts.push(0)
    this.bucketKeys.push(this.bucketRecord(-Infinity, -Infinity))
  }

  /** Splits bucket b in the middle: the upper half starts at its first entry's (ts, seq). */
  private split(b: number, entries: IndexEntry[]): void {
    const upper = entries.splice(entries.length >> 1)
    const [ts, seq] = upper[0]
    this.starts.splice(b + 1, 0, ts)
    this.startSeqs.splice(b + 1, 0, seq)
    this.counts.splice(b + 1, 0, upper.length)
    this.bucketKeys.splice(b + 1, 0, this.bucketRecord(ts, seq))
    this.counts[b] = entries.length
    if (b < this.low) this.low = b
    this.saveBucket(b, entries)
    this.saveBucket(b + 1, upper)
  }

  /** The bucket covering (ts, seq): the last one whose start is not after it. */
  private bucketIndexOf(ts: number, seq: number): number {
    const s = this.starts
    const q = this.startSeqs
    let lo = 0
    let hi = s.length - 1
    while (lo < hi) {
      const m = (lo + hi + 1) >> 1
      if (s[m] < ts || (s[m] === ts && q[m] <= seq)) lo = m
      else hi = m - 1
    }
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

  private bucketRecord(start: number, seq: number): string {
    return seq === -Infinity ? `B${this.queue}\x00${start}` : `B${this.queue}\x00${start}\x00${seq}`
  }
}
