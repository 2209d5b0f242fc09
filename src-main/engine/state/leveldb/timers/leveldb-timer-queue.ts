// A TimerQueue (time/timer-queue.ts) whose timers live in LevelDB, for state larger than memory: the
// same API and the same semantics (T1 dedupe per key and timestamp, T2 delete, T5 poll before fire,
// ties fired in registration order), so the runtime can swap it in on the LevelDB backend.
//
// Each key's pending timers sit on its key-registry record (leveldb-key-registry.ts, fields te/tp),
// which the operator loads and writes for every record and timer of that key anyway, so a timer costs
// no record of its own. A key with more than a few timers gets an index of them by timestamp while its
// record is cached (KeyTimerSlots), so registering, deleting and firing one of a hot key's 200 000 timers
// costs what it costs on a key with one (before it, each scanned the key's whole list). The order by time is kept by a time index (time-index.ts): in memory while the
// queue has at most `memoryLimit` pending timers (like the heap-side cache of Flink's RocksDB timer
// service), then in LevelDB buckets for good. The queue's row Q<q> = { name, seq, size, index } is
// written once per batch.
import type { Timer, TimerDump, TimerHolder } from '../../../time/timer-queue'
import type { MaybeFlush } from '../../backend'
import { keyFromString } from '../../../runtime/key-codec'
import type { KeyRecord } from '../key-chain'
import type { KeyTimerSlots, LevelDbKeyRegistry, StoredKeyInfo, TimerField } from '../leveldb-key-registry'
import type { WriteBackStore } from '../write-back-store'
import { JSON_CODEC } from '../write-back-store'
import { BucketTimeIndex, MAX_BUCKET } from './bucket-time-index'
import { MemoryTimeIndex } from './memory-time-index'
import type { TimeIndex } from './time-index'

/** The persisted head of a queue. index: where its time index lives ('memory' is rebuilt on open). */
export interface TimerQueueRow { name: string; seq: number; size: number; index?: 'memory' | 'buckets' }

/** A key's holder here: its registry record, whose te/tp list this queue edits. */
interface LevelDbTimerHolder extends TimerHolder { rec: KeyRecord<StoredKeyInfo> }

/** Lists of up to this many pairs are scanned; longer ones get an index by timestamp (KeyTimerSlots). */
const SCAN_PAIRS = 8

export interface TimerQueueOptions {
  /** Bucket size limit of the LevelDB index. */
  maxBucket?: number
  /** Most pending timers ordered in memory before the index moves to LevelDB buckets. */
  memoryLimit?: number
}

export class LevelDbTimerQueue {
  private head: Timer | null | undefined = undefined
  private readonly rowKey: string
  private rowDirty = false
  private readonly maxBucket: number
  private readonly memoryLimit: number
  /** Pairs of key lists looked at (scanned or looked up) by add and remove. */
  private keyProbes = 0

  constructor(
    private readonly store: WriteBackStore,
    private readonly index: number,
    readonly row: TimerQueueRow,
    /** The time index as found on open. */
    private timeIndex: TimeIndex,
    /** The operator's key registry, whose records hold each key's timers. */
    private readonly registry: LevelDbKeyRegistry,
    /** This queue's list on a key's record. */
    private readonly field: TimerField,
    opts: TimerQueueOptions,
  ) {
    this.rowKey = `Q${index}`
    this.maxBucket = opts.maxBucket ?? MAX_BUCKET
    this.memoryLimit = opts.memoryLimit ?? Infinity
    if (this.timeIndex.kind === 'memory' && this.row.size > this.memoryLimit) this.moveIndexToBuckets()
    store.onBeforeBatch(() => this.saveRow())
  }

  get size(): number { return this.row.size }

  /** Work of adds and removals so far: key-list pairs and time-index entries looked at (what a test counts). */
  get probes(): number { return this.keyProbes + this.timeIndex.probes + this.movedProbes }
  /** Probes of time indexes this queue has replaced (moving to buckets, restore). */
  private movedProbes = 0

  /** Where the time index is now (tests, the inspector). */
  get indexKind(): 'memory' | 'buckets' { return this.timeIndex.kind }

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
    const e = this.timeIndex.first()
    if (e === undefined) { this.head = null; return undefined }
    const [ts, seq, keyStr] = e
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
    const list = this.listOf(this.registry.recordOf(keyStr)?.v) ?? []
    const out: number[] = []
    for (let i = 0; i < list.length; i += 2) if (list[i] === list[i]) out.push(list[i]) // NaN: a free pair
    return out.sort((a, b) => a - b)
  }

  countOf(keyStr: string): number {
    const rec = this.registry.recordOf(keyStr)
    return rec === undefined ? 0 : this.liveCount(rec.v)
  }

  /**
   * Called after every registration while findings are on (the pile-up rule), so it must not scan a long list:
   * a key's index keeps the count; only a short list is counted pair by pair.
   */
  countIn(holder: TimerHolder): number {
    return this.liveCount((holder as LevelDbTimerHolder).rec.v)
  }

  private liveCount(info: StoredKeyInfo): number {
    const list = this.listOf(info)
    if (list === undefined) return 0
    const slots = this.slotsOf(info, list)
    if (slots !== undefined) return slots.live
    this.keyProbes += list.length >> 1
    return livePairs(list)
  }

  /** Every live timer in firing order (reads the whole index: for dumps and the inspector). */
  all(): Timer[] {
    return this.timeIndex.entries().map(([ts, seq, keyStr]) => ({ timestamp: ts, keyStr, key: keyFromString(keyStr), seq, live: true, holder: { keyStr, slot: undefined } }))
  }

  *keys(): IterableIterator<string> {
    const seen = new Set<string>()
    for (const [, , keyStr] of this.timeIndex.entries()) if (!seen.has(keyStr)) { seen.add(keyStr); yield keyStr }
  }

  dump(): TimerDump[] {
    return [...this.dumpStream()]
  }

  *dumpStream(): Iterable<TimerDump> {
    // The index's entries are small arrays; the dumps (with the parsed key) are made one at a time.
    for (const [timestamp, seq, keyStr] of this.timeIndex.entries()) yield { timestamp, keyStr, key: keyFromString(keyStr), seq }
  }

  /** Replaces every timer with the dump's (after the registry was restored: the lists are on its records). */
  restore(timers: TimerDump[], nextSeq: number, maybeFlush?: MaybeFlush): void | Promise<void> {
    for (const [, , keyStr] of this.timeIndex.entries()) {
      const rec = this.registry.recordOf(keyStr)
      if (rec !== undefined && livePairs(this.listOf(rec.v)) > 0) {
        this.setList(rec.v, undefined)
        this.registry.saveRecord(keyStr, rec)
      }
    }
    this.timeIndex.clear()
    if (this.timeIndex.kind !== 'memory') {
      this.movedProbes += this.timeIndex.probes
      this.timeIndex = new MemoryTimeIndex()
    }
    this.row.index = 'memory'
    this.row.size = 0
    this.head = undefined
    const bySeq = [...timers].sort((a, b) => a.seq - b.seq)
    if (maybeFlush !== undefined) return this.registerPaced(bySeq, nextSeq, maybeFlush)
    for (const d of bySeq) this.registerDumped(d)
    this.finishRestore(nextSeq)
  }

  /** restore()'s registrations with a flush whenever a batch is due, so the records never pile up unwritten. */
  private async registerPaced(bySeq: TimerDump[], nextSeq: number, maybeFlush: MaybeFlush): Promise<void> {
    for (const d of bySeq) {
      this.registerDumped(d)
      const flushing = maybeFlush()
      if (flushing !== null) await flushing
    }
    this.finishRestore(nextSeq)
  }

  private registerDumped(d: TimerDump): void {
    this.row.seq = d.seq
    this.register(d.timestamp, d.keyStr, d.key)
  }

  private finishRestore(nextSeq: number): void {
    this.row.seq = nextSeq
    this.rowDirty = true
    this.saveRow()
  }

  nextSeq(): number { return this.row.seq }

  /** T1: adds the timer unless the key has one at that timestamp. */
  private add(keyStr: string, rec: KeyRecord<StoredKeyInfo>, timestamp: number): boolean {
    const info = rec.v
    let list = this.listOf(info)
    if (list === undefined) { list = []; this.setList(info, list) }
    // T1, and the first free pair (NaN, left by a removal) to reuse: a key that deletes its timer and
    // registers the next one, as a session does per event, then allocates nothing.
    let free = -1
    const slots = this.slotsOf(info, list)
    if (slots !== undefined) {
      this.keyProbes++
      if (slots.at.has(timestamp)) return false
      if (slots.free.length > 0) free = slots.free.pop()! * 2
    } else {
      for (let i = 0; i < list.length; i += 2) {
        this.keyProbes++
        const t = list[i]
        if (t === timestamp) return false
        if (free < 0 && t !== t) free = i
      }
    }
    const seq = this.row.seq++
    const handle = this.timeIndex.add(timestamp, seq, keyStr)
    // The handles run parallel to the pairs; a list read back from disk has none for its pairs yet.
    let handles = this.handlesOf(info)
    if (handles === undefined) { handles = new Array<unknown>(list.length >> 1); this.setHandles(info, handles) }
    if (free >= 0) {
      list[free] = timestamp
      list[free + 1] = seq
      handles[free >> 1] = handle
    } else {
      free = list.length
      list.push(timestamp, seq)
      handles.push(handle)
    }
    if (slots !== undefined) {
      slots.at.set(timestamp, free >> 1)
      slots.live++
    }
    this.registry.saveRecord(keyStr, rec)
    this.row.size++
    this.rowDirty = true
    if (this.row.size > this.memoryLimit && this.timeIndex.kind === 'memory') this.moveIndexToBuckets()
    // The head changes only when the new timer fires before it (a later seq never precedes an equal ts).
    if (this.head !== undefined && (this.head === null || timestamp < this.head.timestamp)) this.head = undefined
    return true
  }

  /** Removes the key's timer at `timestamp` from its record and the index; false when it has none. */
  private removeFrom(keyStr: string, rec: KeyRecord<StoredKeyInfo>, timestamp: number): boolean {
    const list = this.listOf(rec.v)
    if (list === undefined) return false
    let at = -1
    const slots = this.slotsOf(rec.v, list)
    if (slots !== undefined) {
      this.keyProbes++
      at = (slots.at.get(timestamp) ?? -1) * 2
    } else {
      for (let i = 0; i < list.length; i += 2) {
        this.keyProbes++
        if (list[i] === timestamp) { at = i; break }
      }
    }
    if (at < 0) return false
    const seq = list[at + 1]
    const handles = this.handlesOf(rec.v)
    const handle = handles?.[at >> 1]
    // The pair becomes free (NaN) for the key's next timer; the record stores only live pairs.
    list[at] = NaN
    list[at + 1] = NaN
    if (handles !== undefined) handles[at >> 1] = undefined
    if (slots !== undefined) {
      slots.at.delete(timestamp)
      slots.free.push(at >> 1)
      // A list of many timers that mostly went: close the gaps (pairs keep registration order). At least
      // three quarters of its pairs went since it was last compact: O(1) per removal, amortised.
      if (--slots.live * 4 < list.length / 2) this.compactList(rec.v, list, handles)
    }
    this.registry.saveRecord(keyStr, rec)
    this.timeIndex.remove(timestamp, seq, handle)
    this.row.size--
    this.rowDirty = true
    const h = this.head
    if (h !== undefined && h !== null && h.seq === seq) this.head = undefined
    return true
  }

  /** The time index now (RuntimeStores.reloadAll replaces it after time travel installed a checkpoint). */
  get currentIndex(): TimeIndex { return this.timeIndex }

  /**
   * Time travel replaced the database by a checkpoint (history/): takes the row as stored now
   * and the time index that matches it; the head is looked up again.
   */
  reload(row: TimerQueueRow | undefined, index: TimeIndex): void {
    Object.assign(this.row, row ?? { seq: 0, size: 0, index: 'memory' }, { name: this.row.name })
    if (index !== this.timeIndex) this.movedProbes += this.timeIndex.probes
    this.timeIndex = index
    this.head = undefined
    this.rowDirty = false
  }

  /** The queue outgrew memory: its order moves to LevelDB buckets, for good. */
  private moveIndexToBuckets(): void {
    this.movedProbes += this.timeIndex.probes
    const buckets = new BucketTimeIndex(this.store, this.index, { starts: [], counts: [] }, this.maxBucket)
    buckets.clear() // leftovers of an earlier life of this queue index
    for (const [ts, seq, keyStr] of this.timeIndex.entries()) buckets.add(ts, seq, keyStr)
    this.timeIndex = buckets
    this.row.index = 'buckets'
    this.rowDirty = true
  }

  private compactList(info: StoredKeyInfo, list: number[], handles: unknown[] | undefined): void {
    const l: number[] = []
    const h: unknown[] = []
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] !== list[i]) continue
      l.push(list[i], list[i + 1])
      h.push(handles?.[i >> 1])
    }
    this.setList(info, l)
    this.setHandles(info, h)
    // The index, if the list is still long enough for one, is rebuilt from it on next use.
  }

  /**
   * The key's index of this queue's pairs by timestamp, built (once per time its record is cached) when
   * the list is longer than SCAN_PAIRS; undefined for a short list, which is scanned instead.
   */
  private slotsOf(info: StoredKeyInfo, list: number[]): KeyTimerSlots | undefined {
    let slots = this.field === 'te' ? info.tex : info.tpx
    if (slots !== undefined || list.length <= 2 * SCAN_PAIRS) return slots
    slots = { at: new Map(), free: [], live: 0 }
    for (let i = 0; i < list.length; i += 2) {
      const t = list[i]
      if (t !== t) slots.free.push(i >> 1)
      else { slots.at.set(t, i >> 1); slots.live++ }
    }
    this.keyProbes += list.length >> 1
    if (this.field === 'te') info.tex = slots
    else info.tpx = slots
    return slots
  }

  // Direct field access (the field is fixed per queue): a keyed access by a variable name is slower.
  private listOf(info: StoredKeyInfo | undefined): number[] | undefined {
    if (info === undefined) return undefined
    return this.field === 'te' ? info.te : info.tp
  }

  private setList(info: StoredKeyInfo, list: number[] | undefined): void {
    if (this.field === 'te') { info.te = list; info.teh = undefined; info.tex = undefined } else { info.tp = list; info.tph = undefined; info.tpx = undefined }
  }

  private handlesOf(info: StoredKeyInfo): unknown[] | undefined {
    return this.field === 'te' ? info.teh : info.tph
  }

  private setHandles(info: StoredKeyInfo, handles: unknown[]): void {
    if (this.field === 'te') info.teh = handles
    else info.tph = handles
  }

  /** Stores the row when it changed since the last batch (called before each batch is cut). */
  private saveRow(): void {
    if (!this.rowDirty) return
    this.rowDirty = false
    this.store.store(this.rowKey, this.row, JSON_CODEC)
  }
}

/** Timers in a key's list (pairs whose timestamp is not NaN). */
function livePairs(list: number[] | undefined): number {
  if (list === undefined) return 0
  let n = 0
  for (let i = 0; i < list.length; i += 2) if (list[i] === list[i]) n++
  return n
}
