// One table's keys as a doubly linked list threaded through the key records, plus its registry row.
//
// Why a list: the StateBackend interface wants keys() and size() synchronously, classic-level 3 can
// read synchronously (getSync) but cannot iterate synchronously, and holding every key in memory
// would defeat "state larger than memory". Each key record carries prev/next keys, the registry row
// carries the head and the count, so keys() walks the chain with getSync and size() is a field.
// A new key goes in at the head (its successor, the previous head, is usually still cached);
// removing a key touches its two neighbours.
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
  count: number
}

/** Live keys() iterators: told when the key they will yield next is removed. */
interface ChainCursor {
  pending: string | null
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

  /** Adds a new key at the head of the chain and stores its record. */
  insert(key: string, payload: P): KeyRecord<P> {
    const head = this.row.head
    const rec: KeyRecord<P> = { p: null, n: head, v: payload }
    if (head !== null) {
      const h = this.mustRecord(head)
      h.p = key
      this.save(head, h)
    }
    this.save(key, rec)
    this.row.head = key
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
    }
    for (const ref of this.cursors) {
      const c = ref.deref()
      if (c === undefined) this.cursors.delete(ref)
      else if (c.pending === key) c.pending = rec.n
    }
    this.store.store(this.prefix + key, undefined, this.codec)
    this.row.count--
    this.saveRow()
  }

  /** Every key, head first. Safe against removal of any key, visited or not (heap Map semantics). */
  *keys(): IterableIterator<string> {
    const cursor: ChainCursor = { pending: this.row.head }
    const ref = new WeakRef(cursor)
    this.cursors.add(ref)
    try {
      while (cursor.pending !== null) {
        const key = cursor.pending
        cursor.pending = this.mustRecord(key).n
        yield key
      }
    } finally {
      this.cursors.delete(ref)
    }
  }

  /** Forgets every key (the database range was cleared underneath). */
  reset(): void {
    this.row.head = null
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
