// A TimerQueue (time/timer-queue.ts) whose timers live in LevelDB, for state larger than memory: the
// same API and the same semantics (T1 dedupe per key and timestamp, T2 delete, T5 poll before fire,
// ties fired in registration order), so the runtime can swap it in on the LevelDB backend.
//
// Two views of the same timers, both records in the backend's write-back store (so timers and state are
// flushed in the same atomic batches):
// - per key: the key's pending timers sit on its key-registry record (leveldb-key-registry.ts, field
//   timers[<domain>]), which the operator loads for every record and timer of that key anyway;
// - by time: buckets of consecutive timestamps, B<q>\x00<start> = [[ts, seq, keyStr], ...] sorted by
//   (ts, seq), covering [start, next bucket's start). A bucket that grows past maxBucket entries splits
//   at a timestamp boundary; an emptied bucket is dropped. Only the bucket starts and counts are in
//   memory (about one number pair per maxBucket / 2 timers), whatever the timestamps' density.
// The queue's head row Q<q> = { name, seq, size } is written once per batch, not per timer.
import type { Timer, TimerDump, TimerHolder } from '../../time/timer-queue'
import { keyFromString } from '../../runtime/key-codec'
import type { KeyRecord } from './key-chain'
import type { LevelDbKeyRegistry, StoredKeyInfo, TimerField } from './leveldb-key-registry'
import type { SlotCodec, WriteBackStore } from './write-back-store'
import { JSON_CODEC } from './write-back-store'

type BucketEntry = [ts: number, seq: number, keyStr: string]

/** Buckets are the runtime's records: cached apart from state (write-back-store.ts). */
const BUCKET_CODEC: SlotCodec = { runtime: true, encode: (v) => JSON.stringify(v), decode: (t) => JSON.parse(t) as unknown }

/** Default bucket size limit: small enough to rewrite cheaply, large enough to keep the index tiny. */
export const MAX_BUCKET = 32

/** The persisted head of a queue: Q<q> = { name, seq, size }. */
export interface TimerQueueRow { name: string; seq: number; size: number }

/** Bucket starts (ascending; the first is -Infinity) and their entry counts, as found on disk. */
export interface BucketIndex { starts: number[]; counts: number[] }

/** A key's holder here: its registry record, whose timers[field] list this queue edits. */
interface LevelDbTimerHolder extends TimerHolder { rec: KeyRecord<StoredKeyInfo> }

export class LevelDbTimerQueue {
  private head: Timer | null | undefined = undefined
  private readonly starts: number[]
  private readonly counts: number[]
  /** The record key of each bucket (parallel to starts), built once rather than per timer. */
  private readonly bucketKeys: string[]
  /**
   * Per bucket (parallel to starts): the entries stored in the current store epoch, and that epoch. A
   * bucket stored in this epoch is still dirty, so pinned in the cache: it is used without a lookup and
   * not stored again (two bucket edits per event on the hot buckets).
   */
  private readonly bucketRefs: Array<BucketEntry[] | undefined>
  private readonly bucketEpochs: number[]
  private readonly rowKey: string
  private rowDirty = false

  constructor(
    private readonly store: WriteBackStore,
    private readonly index: number,
    readonly row: TimerQueueRow,
    found: BucketIndex,
    /** The operator's key registry, whose records hold each key's timers. */
    private readonly registry: LevelDbKeyRegistry,
    /** This queue's list on a key's record. */
    private readonly field: TimerField,
    private readonly maxBucket = MAX_BUCKET,
  ) {
    const hasFirst = found.starts.length > 0 && found.starts[0] === -Infinity
    this.starts = hasFirst ? found.starts : [-Infinity, ...found.starts]
    this.counts = hasFirst ? found.counts : [0, ...found.counts]
    this.bucketKeys = this.starts.map((s) => this.bucketRecord(s))
    this.bucketRefs = this.starts.map(() => undefined)
    this.bucketEpochs = this.starts.map(() => -1)
    this.rowKey = `Q${index}`
    store.onBeforeBatch(() => this.saveRow())
  }

  get size(): number { return this.row.size }

  holderFor(keyStr: string): LevelDbTimerHolder {
    return { keyStr, slot: undefined, rec: this.registry.recordOf(keyStr) ?? this.registry.recordFor(keyStr, keyFromString(keyStr)) }
  }

  register(timestamp: number, keyStr: string, key: unknown): boolean {
    return this.add(keyStr, this.registry.recordFor(keyStr, key), timestamp)
  }

  registerIn(holder: TimerHolder, timestamp: number, _key: unknown): boolean {
    return this.add(holder.keyStr, (holder as LevelDbTimerHolder).rec, timestamp)
  }

  /** T2: deleting a timer that does not exist is a no-op. */
  delete(timestamp: number, keyStr: string): boolean {
    const rec = this.registry.recordOf(keyStr)
    return rec !== undefined && this.removeFrom(keyStr, rec, timestamp)
  }

  deleteIn(holder: TimerHolder, timestamp: number): boolean {
    return this.removeFrom(holder.keyStr, (holder as LevelDbTimerHolder).rec, timestamp)
  }

  /** The live timer with the smallest (timestamp, seq), without removing it. */
  peek(): Timer | undefined {
    if (this.head !== undefined) return this.head ?? undefined
    // Only the first bucket (start -Infinity) can be empty: emptied others are dropped.
    const b = this.counts[0] > 0 ? 0 : 1
    if (b >= this.starts.length) { this.head = null; return undefined }
    const [ts, seq, keyStr] = this.bucket(b)[0]
    this.head = { timestamp: ts, keyStr, key: keyFromString(keyStr), seq, live: true, holder: { keyStr, slot: undefined } }
    return this.head
  }

  /** T5: removes the head before it fires. */
  poll(): Timer | undefined {
    const t = this.peek()
    if (t === undefined) return undefined
    const rec = this.registry.recordOf(t.keyStr)
    if (rec === undefined || !this.removeFrom(t.keyStr, rec, t.timestamp)) {
      throw new Error(`LevelDB timers of ${this.row.name} are inconsistent: timer ${t.timestamp} of key ${t.keyStr} is not on the key's record`)
    }
    t.live = false
    return t
  }

  dueAt(time: number): boolean {
    const t = this.peek()
    return t !== undefined && t.timestamp <= time
  }

  timersOf(keyStr: string): number[] {
    const list = this.registry.recordOf(keyStr)?.v[this.field] ?? []
    const out: number[] = []
    for (let i = 0; i < list.length; i += 2) out.push(list[i])
    return out.sort((a, b) => a - b)
  }

  countOf(keyStr: string): number {
    return (this.registry.recordOf(keyStr)?.v[this.field]?.length ?? 0) / 2
  }

  /** Every live timer in firing order (reads every bucket: for dumps and the inspector). */
  all(): Timer[] {
    const out: Timer[] = []
    for (let b = 0; b < this.starts.length; b++) {
      if (this.counts[b] === 0) continue
      for (const [ts, seq, keyStr] of this.bucket(b)) out.push({ timestamp: ts, keyStr, key: keyFromString(keyStr), seq, live: true, holder: { keyStr, slot: undefined } })
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

  /** Replaces every timer with the dump's (after the registry was restored: the lists are on its records). */
  restore(timers: TimerDump[], nextSeq: number): void {
    for (let b = 0; b < this.starts.length; b++) {
      for (const e of this.bucket(b)) {
        const rec = this.registry.recordOf(e[2])
        if (rec !== undefined && rec.v[this.field] !== undefined) {
          rec.v[this.field] = undefined
          this.registry.saveRecord(e[2], rec)
        }
      }
      this.store.store(this.bucketKeys[b], undefined, BUCKET_CODEC)
    }
    this.starts.length = 0
    this.counts.length = 0
    this.bucketKeys.length = 0
    this.bucketRefs.length = 0
    this.bucketEpochs.length = 0
    this.starts.push(-Infinity)
    this.counts.push(0)
    this.bucketKeys.push(this.bucketRecord(-Infinity))
    this.bucketRefs.push(undefined)
    this.bucketEpochs.push(-1)
    this.row.size = 0
    this.head = undefined
    for (const d of [...timers].sort((a, b) => a.seq - b.seq)) {
      this.row.seq = d.seq
      this.register(d.timestamp, d.keyStr, d.key)
    }
    this.row.seq = nextSeq
    this.rowDirty = true
    this.saveRow()
  }

  nextSeq(): number { return this.row.seq }

  /** T1: adds the timer unless the key has one at that timestamp. */
  private add(keyStr: string, rec: KeyRecord<StoredKeyInfo>, timestamp: number): boolean {
    const info = rec.v
    let list = info[this.field]
    if (list === undefined) list = info[this.field] = []
    for (let i = 0; i < list.length; i += 2) if (list[i] === timestamp) return false
    const seq = this.row.seq++
    list.push(timestamp, seq)
    this.registry.saveRecord(keyStr, rec)
    const b = this.bucketIndexOf(timestamp)
    const entries = this.bucket(b)
    // seq is the largest so far: the new entry goes after every entry with ts <= timestamp.
    let lo = 0
    let hi = entries.length
    while (lo < hi) { const m = (lo + hi) >> 1; if (entries[m][0] <= timestamp) lo = m + 1; else hi = m }
    entries.splice(lo, 0, [timestamp, seq, keyStr])
    this.counts[b]++
    if (entries.length > this.maxBucket) this.split(b, entries)
    else this.saveBucket(b, entries)
    this.row.size++
    this.rowDirty = true
    // The head changes only when the new timer fires before it (a later seq never precedes an equal ts).
    if (this.head !== undefined && (this.head === null || timestamp < this.head.timestamp)) this.head = undefined
    return true
  }

  /** Removes the key's timer at `timestamp` from its record and its bucket; false when it has none. */
  private removeFrom(keyStr: string, rec: KeyRecord<StoredKeyInfo>, timestamp: number): boolean {
    const list = rec.v[this.field]
    if (list === undefined) return false
    let at = -1
    for (let i = 0; i < list.length; i += 2) if (list[i] === timestamp) { at = i; break }
    if (at < 0) return false
    const seq = list[at + 1]
    if (list.length === 2) rec.v[this.field] = undefined
    else list.splice(at, 2)
    this.registry.saveRecord(keyStr, rec)
    this.unbucket(timestamp, seq)
    return true
  }

  private unbucket(ts: number, seq: number): void {
    const b = this.bucketIndexOf(ts)
    const entries = this.bucket(b)
    // Sorted by (ts, seq): the first entry at ts, then the one with this seq among equal timestamps.
    let i = 0
    let hi = entries.length
    while (i < hi) { const m = (i + hi) >> 1; if (entries[m][0] < ts) i = m + 1; else hi = m }
    while (i < entries.length && entries[i][1] !== seq) i++
    if (i < entries.length) { entries.splice(i, 1); this.counts[b]-- }
    if (entries.length === 0) {
      this.store.store(this.bucketKeys[b], undefined, BUCKET_CODEC)
      // The previous bucket's range now extends over this one's.
      if (b > 0) {
        this.starts.splice(b, 1); this.counts.splice(b, 1); this.bucketKeys.splice(b, 1)
        this.bucketRefs.splice(b, 1); this.bucketEpochs.splice(b, 1)
      } else {
        this.bucketRefs[0] = undefined
        this.bucketEpochs[0] = -1
      }
    } else {
      this.saveBucket(b, entries)
    }
    this.row.size--
    this.rowDirty = true
    const h = this.head
    if (h !== undefined && h !== null && h.seq === seq) this.head = undefined
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
    if (at < 0) { this.saveBucket(b, entries); return }
    const upper = entries.splice(at)
    const start = upper[0][0]
    this.starts.splice(b + 1, 0, start)
    this.counts.splice(b + 1, 0, upper.length)
    this.bucketKeys.splice(b + 1, 0, this.bucketRecord(start))
    this.bucketRefs.splice(b + 1, 0, undefined)
    this.bucketEpochs.splice(b + 1, 0, -1)
    this.counts[b] = entries.length
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

  private bucket(b: number): BucketEntry[] {
    if (this.bucketEpochs[b] === this.store.epoch) return this.bucketRefs[b]!
    return (this.store.load(this.bucketKeys[b], BUCKET_CODEC) as BucketEntry[] | undefined) ?? []
  }

  /** Stores bucket b's entries (changed in place) unless they were stored in this epoch already. */
  private saveBucket(b: number, entries: BucketEntry[]): void {
    const epoch = this.store.epoch
    if (this.bucketEpochs[b] === epoch && this.bucketRefs[b] === entries) return
    // The epoch is taken before storing: a batch cut by this store encodes the entries and makes it stale.
    this.bucketEpochs[b] = epoch
    this.bucketRefs[b] = entries
    this.store.store(this.bucketKeys[b], entries, BUCKET_CODEC)
  }

  /** Stores the row when it changed since the last batch (called before each batch is cut). */
  private saveRow(): void {
    if (!this.rowDirty) return
    this.rowDirty = false
    this.store.store(this.rowKey, this.row, JSON_CODEC)
  }

  private bucketRecord(start: number): string { return `B${this.index}\x00${start}` }
}
