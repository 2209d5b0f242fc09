// One table's keys as a doubly linked list threaded through the key records, plus its registry row.
//
// Why a list: the StateBackend interface wants keys() and size() synchronously, classic-level 3 can
// read synchronously (getSync) but cannot iterate synchronously, and holding every key in memory
// would defeat "state larger than memory". Each key record carries prev/next keys, the registry row
// carries the head and the count, so keys() walks the chain with getSync and size() is a field.
// The chain keeps the heap's order exactly (a JS Map's insertion order: a new key goes at the tail,
// a removed and re-added key moves to the tail), so keys(), dumps and savepoints list keys in the
// same order on both backends and order-sensitive code (CL3 cursors, user loops) behaves the same.
// Appending touches the old tail (usually still cached); removing touches the two neighbours.
import type { TableMeta } from '../backend'
import { registryKey, keyRecordPrefix } from './key-layout'
import type { SlotCodec, WriteBackStore } from './write-back-store'
import { JSON_CODEC } from './write-back-store'

/** A key record: the chain links and the payload (the value, or a map key's set of user keys). */
export interface KeyRecord<P> {
  p: string | null
  n: string | null
  v: P
}

/** The registry row of a table, stored at r<table>. */
export interface RegistryRow {
  meta: TableMeta
  head: string | null
  tail: string | null
  count: number
}

/** Live keys() iterators: the last key yielded (null: before the head). When that key is removed
 * the cursor steps back to its predecessor, so the walk goes on as a JS Map iterator would. */
interface ChainCursor {
  last: string | null
}

export class KeyChain<P> {
  readonly prefix: string
  private readonly regKey: string
  private readonly cursors = new Set<WeakRef<ChainCursor>>()

  constructor(
    readonly store: WriteBackStore,
    readonly index: number,
    readonly row: RegistryRow,
    readonly codec: SlotCodec,
  ) {
    this.prefix = keyRecordPrefix(index)
    this.regKey = registryKey(index)
  }

  record(key: string): KeyRecord<P> | undefined {
    return this.store.load(this.prefix + key, this.codec) as KeyRecord<P> | undefined
  }

  /** Marks a record (changed in place) for writing. */
  save(key: string, rec: KeyRecord<P>): void {
    this.store.store(this.prefix + key, rec, this.codec)
  }

  /** Appends a new key at the tail of the chain and stores its record. */
  insert(key: string, payload: P): KeyRecord<P> {
    const tail = this.row.tail
    const rec: KeyRecord<P> = { p: tail, n: null, v: payload }
    if (tail !== null) {
      const t = this.mustRecord(tail)
      t.n = key
      this.save(tail, t)
    } else {
      this.row.head = key
    }
    this.save(key, rec)
    this.row.tail = key
    this.row.count++
    this.saveRow()
    return rec
  }

  /** Removes an existing key from the chain and deletes its record. */
  remove(key: string, rec: KeyRecord<P>): void {
    if (rec.p !== null) {
      const prev = this.mustRecord(rec.p)
      prev.n = rec.n
      this.save(rec.p, prev)
    } else {
      this.row.head = rec.n
    }
    if (rec.n !== null) {
      const next = this.mustRecord(rec.n)
      next.p = rec.p
      this.save(rec.n, next)
    } else {
      this.row.tail = rec.p
    }
    for (const ref of this.cursors) {
      const c = ref.deref()
      if (c === undefined) this.cursors.delete(ref)
      else if (c.last === key) c.last = rec.p
    }
    this.store.store(this.prefix + key, undefined, this.codec)
    this.row.count--
    this.saveRow()
  }

  /** Every key in insertion order, with JS Map iterator semantics: removed keys are skipped,
   * keys added during the walk are visited. */
  *keys(): IterableIterator<string> {
    const cursor: ChainCursor = { last: null }
    const ref = new WeakRef(cursor)
    this.cursors.add(ref)
    try {
      for (;;) {
        const next = cursor.last === null ? this.row.head : this.mustRecord(cursor.last).n
        if (next === null) return
        cursor.last = next
        yield next
      }
    } finally {
      this.cursors.delete(ref)
    }
  }

  /** Forgets every key (the database range was cleared underneath). */
  reset(): void {
    this.row.head = null
    this.row.tail = null
    this.row.count = 0
    this.saveRow()
  }

  saveRow(): void {
    this.store.store(this.regKey, this.row, JSON_CODEC)
  }

  private mustRecord(key: string): KeyRecord<P> {
    const rec = this.record(key)
    if (rec === undefined) {
      throw new Error(`LevelDB state of ${this.row.meta.operatorId}/${this.row.meta.stateName} is inconsistent: ` +
        `key ${key} is linked but has no record`)
    }
    return rec
  }
}
