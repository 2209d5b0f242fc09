// One table's keys in insertion order, walkable synchronously, plus the table's registry row.
//
// Why: StateBackend wants keys() and size() synchronously; classic-level 3 reads synchronously
// (getSync) but iterates only asynchronously, and holding every key in memory would defeat "state
// larger than memory". So each key gets a chain node c<t>\x00<seq> = [key, nextSeq] when it is
// added (seq increases, so node order on disk = insertion order), its key record k<t>\x00<key> =
// [seq, payload] names its node, and keys() follows next pointers with getSync.
//
// The order is exactly the heap's (a JS Map: new keys at the end, a removed and re-added key moves
// to the end), so keys(), dumps and savepoints agree across backends and order-sensitive code (CL3
// cursors, user loops) behaves the same. Removing a key deletes only its key record: its node stays
// as a ghost (no neighbour reads on the hot path) and is unlinked later by any walk that passes it
// (keys(), or compactStep() run at flushes when ghosts pile up).
//
// A node's next pointer is written only when it is not simply the following seq: appending a key
// writes one new node and never rewrites the previous tail (seqs are handed out in order, so the
// tail's successor is always tail + 1). Unlinking a ghost makes its predecessor's pointer explicit.
// The registry row is kept in memory and written once per batch.
import type { TableMeta } from '../backend'
import { keyRecordPrefix, nodePrefix, registryKey, seqPart } from './key-layout'
import type { KeySpace, Slot, SlotCodec, WriteBackStore } from './write-back-store'
import { JSON_CODEC } from './write-back-store'

/** A key record: the seq of the key's chain node and the payload (value, or a map key's user keys). */
export interface KeyRecord<P> {
  s: number
  v: P
  /** The store's epoch when this record was last stored (not persisted): see save(). */
  e: number
  /** The record's cache slot (not persisted): saves go through it without a key lookup. */
  $: Slot | undefined
}

/** A key record as a codec decodes it (one object shape for every record). */
export function keyRecord<P>(s: number, v: P): KeyRecord<P> {
  return { s, v, e: -1, $: undefined }
}

/** The registry row of a table, stored at r<table>. */
export interface RegistryRow {
  meta: TableMeta
  /** First and last chain node (seq), null when the chain is empty. */
  head: number | null
  tail: number | null
  /** The next seq to hand out. */
  next: number
  /** Live keys. */
  count: number
  /** Nodes whose key was removed and that are not unlinked yet. */
  ghosts: number
}

/** A chain node: its key, and its successor when that is not seq + 1 (null: seq + 1, or none for the tail). */
interface ChainNode { k: string; n: number | null }

const NODE_CODEC: SlotCodec = {
  encode: (v) => { const n = v as ChainNode; return JSON.stringify([n.k, n.n]) },
  decode: (t) => { const a = JSON.parse(t) as [string, number | null]; return { k: a[0], n: a[1] } },
}

/** A walk's position: the last node it stood on (null: before the head). Nodes a cursor stands on are
 * never unlinked, so every walk can always take its next step (JS Map iterator semantics). */
interface ChainCursor { last: number | null }

export class KeyChain<P> {
  readonly prefix: string
  /** The store's key space of this chain's key records (looked up by the canonical key alone). */
  private readonly records: KeySpace
  private readonly regKey: string
  private readonly nodeBase: string
  private readonly cursors = new Set<WeakRef<ChainCursor>>()
  private compaction: Iterator<string | null> | null = null
  /** Removals since the last compaction step: sizes the next step, so compaction costs O(1) per removal. */
  newGhosts = 0
  /** The row changed since it was last stored. */
  private rowDirty = false
  private memoKey: string | null = null
  private memoRec: KeyRecord<P> | undefined = undefined
  private memoGeneration = -1
  /** The tail node, kept here because every insert updates it while chain nodes leave the cache once written. */
  private tailNode: { seq: number; node: ChainNode } | null = null

  constructor(
    readonly store: WriteBackStore,
    readonly index: number,
    readonly row: RegistryRow,
    readonly codec: SlotCodec,
    /** Key space: '' for state tables; another letter keeps other keyed data (e.g. the key registry) apart. */
    readonly space = '',
  ) {
    this.prefix = space + keyRecordPrefix(index)
    this.records = store.space(this.prefix)
    this.regKey = space + registryKey(index)
    this.nodeBase = space + nodePrefix(index)
    store.onBeforeBatch(() => { if (this.rowDirty) this.saveRow() })
  }

  /**
   * The key's record. The last key asked for is remembered: an operator reads a key's record several
   * times per event (read, then write; registry, then timers), and the remembered object stays the
   * cache's own (every change to the key's record goes through this chain; an eviction only drops a
   * record equal to the disk, and saving the remembered one puts it back).
   */
  record(key: string): KeyRecord<P> | undefined {
    if (key === this.memoKey && this.memoGeneration === this.store.generation) return this.memoRec
    const slot = this.store.loadSlotIn(this.records, key, this.codec)
    const rec = slot.value as KeyRecord<P> | undefined
    if (rec !== undefined) rec.$ = slot
    this.remember(key, rec)
    return rec
  }

  private remember(key: string | null, rec: KeyRecord<P> | undefined): void {
    this.memoKey = key
    this.memoRec = rec
    this.memoGeneration = this.store.generation
  }

  /** True when the key's record is in the cache (reading it will not touch the disk). */
  isCached(key: string): boolean {
    return this.store.isCachedIn(this.records, key)
  }

  /**
   * Marks a record (changed in place) for writing. A record already stored since the last batch was cut
   * is still dirty, and a batch encodes it when it is cut: nothing to do (a key is saved several times
   * per event — registry, timers, state — and most keys many times per batch).
   */
  save(key: string, rec: KeyRecord<P>): void {
    if (rec.e === this.store.epoch) return
    rec.e = this.store.epoch
    const slot = rec.$
    rec.$ = slot !== undefined && slot.value === rec ? this.store.storeIn(slot, rec) : this.store.storeAt(this.records, key, rec, this.codec)
  }

  /** Appends a new key at the end of the chain and stores its record. */
  insert(key: string, payload: P): KeyRecord<P> {
    const seq = this.row.next++
    // The old tail's successor is implicitly seq (= tail + 1): nothing to rewrite.
    if (this.row.tail === null) this.row.head = seq
    const node: ChainNode = { k: key, n: null }
    this.saveNode(seq, node)
    this.row.tail = seq
    this.tailNode = { seq, node }
    const rec = keyRecord(seq, payload)
    this.save(key, rec) // a new record (epoch -1, no slot): always stored
    this.remember(key, rec)
    this.row.count++
    this.rowDirty = true
    return rec
  }

  /** Removes a key: its record goes, its node stays behind as a ghost until a walk unlinks it. */
  remove(key: string): void {
    this.store.storeAt(this.records, key, undefined, this.codec)
    if (key === this.memoKey) this.remember(key, undefined)
    this.row.count--
    this.row.ghosts++
    this.newGhosts++
    this.rowDirty = true
  }

  /** Every live key in insertion order; keys removed during the walk are skipped, keys added are visited. */
  keys(): IterableIterator<string> {
    return this.walk(false) as IterableIterator<string>
  }

  /**
   * Advances the compaction walk by up to maxNodes nodes (live or ghost), unlinking the ghosts it
   * passes, until a batch is due. Returns the number of nodes visited.
   */
  compactStep(maxNodes: number): number {
    let i = 0
    for (; i < maxNodes && this.row.ghosts > 0 && !this.store.needsFlush(); i++) {
      if (this.compaction === null) this.compaction = this.walk(true)
      if (this.compaction.next().done === true) this.compaction = null
    }
    return i
  }

  /**
   * Deletes every key record and chain node reachable from the head, synchronously (for data that is
   * not cleared by range, like the key registry). Seqs keep increasing, so no old node is reused.
   */
  clearSync(): void {
    let seq = this.row.head
    while (seq !== null) {
      const node = this.node(seq)
      if (this.record(node.k)?.s === seq) this.store.storeAt(this.records, node.k, undefined, this.codec)
      this.store.store(this.nodeBase + seqPart(seq), undefined, NODE_CODEC, true)
      seq = this.nextOf(seq, node)
    }
    this.compaction = null
    this.tailNode = null
    this.remember(null, undefined)
    Object.assign(this.row, { head: null, tail: null, count: 0, ghosts: 0 })
    this.newGhosts = 0
    this.saveRow()
  }

  /** Forgets every key (the database was cleared underneath). */
  reset(): void {
    this.compaction = null
    this.tailNode = null
    this.remember(null, undefined)
    Object.assign(this.row, { head: null, tail: null, next: 0, count: 0, ghosts: 0 })
    this.saveRow()
  }

  /** Time travel rewrote the database underneath: takes the row as stored now (none: an empty chain). */
  reload(row: RegistryRow | undefined): void {
    this.compaction = null
    this.tailNode = null
    this.remember(null, undefined)
    this.newGhosts = 0
    this.rowDirty = false
    Object.assign(this.row, row ?? { head: null, tail: null, next: 0, count: 0, ghosts: 0 }, { meta: this.row.meta })
  }

  saveRow(): void {
    this.rowDirty = false
    this.store.store(this.regKey, this.row, JSON_CODEC)
  }

  /** The node after seq, or null after the tail. */
  private nextOf(seq: number, node: ChainNode): number | null {
    if (node.n !== null) return node.n
    return seq === this.row.tail ? null : seq + 1
  }

  /**
   * Walks the chain, unlinking the ghosts it passes. With pauseAtGhosts it also yields null after each
   * ghost, so compaction can stop the moment a batch is due: without it, a long run of ghosts (sessions
   * that end in the order they began leave one at the head) was walked to its end without unlinking
   * once a batch was due, and walked again from the head after the flush, quadratic in the run's length.
   */
  private *walk(pauseAtGhosts: boolean): Generator<string | null, void, undefined> {
    const cursor: ChainCursor = { last: null }
    const ref = new WeakRef(cursor)
    this.cursors.add(ref)
    try {
      // pred: the node before seq in the chain right now (the last one yielded, or a ghost kept).
      let pred: number | null = null
      let seq = this.row.head
      while (seq !== null) {
        const node = this.node(seq)
        if (this.record(node.k)?.s === seq) {
          cursor.last = seq
          yield node.k
          // Re-read: keys appended or ghosts unlinked while the caller held this key change n.
          pred = seq
          seq = this.nextOf(seq, this.node(seq))
          continue
        }
        const next = this.nextOf(seq, node)
        if (!this.unlinkGhost(pred, seq, next)) pred = seq
        seq = next
        if (pauseAtGhosts) {
          // Stand on pred while paused (a node a cursor stands on is never unlinked) and re-read what
          // follows it on resume: other walks may unlink ghosts after it in the meantime.
          cursor.last = pred
          yield null
          seq = pred === null ? this.row.head : this.nextOf(pred, this.node(pred))
        }
      }
    } finally {
      this.cursors.delete(ref)
    }
  }

  /** Unlinks ghost node seq (between pred and next) unless a walk stands on it or it is the tail. */
  private unlinkGhost(pred: number | null, seq: number, next: number | null): boolean {
    // A synchronous walk cannot flush: once a batch is due, leave ghosts for a later walk rather than
    // pin ever more dirty records in memory.
    if (seq === this.row.tail || this.store.needsFlush()) return false
    for (const r of this.cursors) {
      const c = r.deref()
      if (c === undefined) this.cursors.delete(r)
      else if (c.last === seq) return false
    }
    if (pred === null) {
      this.row.head = next
    } else {
      const p = this.node(pred)
      p.n = next
      this.saveNode(pred, p)
    }
    this.store.store(this.nodeBase + seqPart(seq), undefined, NODE_CODEC, true)
    this.row.ghosts--
    this.rowDirty = true
    return true
  }

  private node(seq: number): ChainNode {
    if (this.tailNode !== null && this.tailNode.seq === seq) return this.tailNode.node
    const n = this.store.load(this.nodeBase + seqPart(seq), NODE_CODEC) as ChainNode | undefined
    if (n === undefined) {
      throw new Error(`LevelDB state of ${this.row.meta.operatorId}/${this.row.meta.stateName} is inconsistent: ` +
        `chain node ${seq} is missing`)
    }
    return n
  }

  private saveNode(seq: number, node: ChainNode): void {
    this.store.store(this.nodeBase + seqPart(seq), node, NODE_CODEC, true)
  }
}
