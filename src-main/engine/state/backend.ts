// The storage primitives every state backend provides. State semantics (null rules, TTL, copies)
// live above this line in state/kinds and state/ttl; a backend only stores and finds bytes-or-values.
//
// Keys: a keyed state entry is addressed by (table, key). A table is one descriptor of one operator
// (Flink's "state name" within an operator); the key is the canonical string of the record key
// (see runtime/key-codec.ts). The namespace is always Flink's VoidNamespace for a KeyedProcessFunction,
// so it is not part of the address. Map state adds a user key (also a canonical string) per entry, so
// one key's map is one range on an ordered store.
//
// Every method is synchronous (docs/job-api.md: all state calls are synchronous on every backend); a backend
// that is really asynchronous (LevelDB) hides that behind a read-your-writes cache and flush().

import type { KeyRegistryStore } from '../runtime/key-registry-store'
import type { TimerQueueStore } from '../time/timer-queue-store'
import type { KeyContext } from './state-context'

export type StateKind = 'value' | 'list' | 'map' | 'reducing' | 'aggregating'

/** What a table holds, enough for the inspector and for savepoints to describe it. */
export interface TableMeta {
  /** Stable id of the operator that owns the state (its uid, or its position in the graph). */
  operatorId: string
  /** The descriptor's name. */
  stateName: string
  kind: StateKind
  /** True when values are stored wrapped as TTL values ({ v, t }: see ttl/ttl-value.ts). */
  ttl: boolean
}

export function tableId(meta: Pick<TableMeta, 'operatorId' | 'stateName'>): string {
  return `${meta.operatorId}/${meta.stateName}`
}

/** One value per key: Value, List (the array), Reducing and Aggregating state. */
export interface ValueTable {
  readonly meta: TableMeta
  /**
   * True when put() keeps the given object and get() returns it (the heap): a state may then update a
   * stored object in place instead of storing a new one. Absent/false: every change goes through put().
   */
  readonly storesByReference?: boolean
  /**
   * With storesByReference: a stored object changed in place must then be put() again so the backend
   * writes it out (LevelDB's write-back cache); the heap needs no second call.
   */
  readonly putAfterInPlace?: boolean
  /** The stored value, or undefined when the key has none. Returns the stored reference: callers copy. */
  get(key: string): unknown
  /** Stores the value as given (callers pass a private copy). */
  put(key: string, value: unknown): void
  delete(key: string): void
  /** Every key that has a value, in the backend's order. Safe to continue after deletes. */
  keys(): IterableIterator<string>
  /** Number of keys with a value. */
  size(): number
  /**
   * Optional: cache the value of the context's current key in its KeyCells (state-context.ts), so a
   * record's reads need no lookup by key. Called once, by the operator state that owns the table.
   */
  useKeyCells?(keyContext: KeyContext): void
}

/** Many entries per key: Map state. User keys are canonical strings (JSON of the user key). */
export interface MapTable {
  readonly meta: TableMeta
  get(key: string, userKey: string): unknown
  has(key: string, userKey: string): boolean
  put(key: string, userKey: string, value: unknown): void
  delete(key: string, userKey: string): void
  /** The key's entries as [userKey, value]; iterating after a delete of a visited entry is safe. */
  entries(key: string): IterableIterator<[string, unknown]>
  isEmpty(key: string): boolean
  clear(key: string): void
  /** Every key that has at least one entry. */
  keys(): IterableIterator<string>
  /** Number of keys with at least one entry. */
  size(): number
  /** Number of entries under one key. */
  entryCount(key: string): number
}

export type Table = ValueTable | MapTable

export type { MaybeFlush } from './maybe-flush'

/** A table to restore: a TableDump, or the same with streamed entries (e.g. from a savepoint on disk). */
export interface TableStreamSource {
  meta: TableMeta
  entries: Iterable<[string, unknown]> | AsyncIterable<[string, unknown]>
}

/** A dump of one table, the backend-neutral unit of snapshots and savepoints. */
export interface TableDump {
  meta: TableMeta
  /** value tables: [key, value]; map tables: [key, [[userKey, value], ...]] */
  entries: Array<[string, unknown]>
}

export interface StateBackend {
  readonly name: 'heap' | 'leveldb'
  /** Returns the table for the descriptor, creating it on first use. Same meta → same table. */
  valueTable(meta: TableMeta): ValueTable
  mapTable(meta: TableMeta): MapTable
  /** All tables created so far, in creation order. */
  tables(): Table[]
  /** Writes any buffered changes to durable storage (no-op on the heap). */
  flush(): Promise<void>
  /**
   * True when buffered writes reached a batch and the caller should `await flush()` before the next
   * step (LevelDB). A synchronous run loop that does not otherwise yield to the event loop must check
   * it, or the write-back buffer grows without bound. Absent on the heap.
   */
  needsFlush?(): boolean
  /** A full copy of every table (deep copies: later writes do not change the dump). */
  dump(): Promise<TableDump[]>
  /** Replaces every table's content with the dump's. */
  restore(dumps: TableDump[]): Promise<void>
  /**
   * Optional: restore() from streamed tables in bounded memory (LevelDB). Without it a caller collects
   * the streams into dumps (the heap holds everything in memory anyway).
   */
  restoreStream?(tables: Iterable<TableStreamSource> | AsyncIterable<TableStreamSource>): Promise<void>
  /**
   * Optional: dump() as streams read from a consistent view of the store (LevelDB: a database
   * snapshot), so a savepoint of state larger than memory never holds it all. Each table's entries
   * must be consumed before the next table is requested.
   */
  streamTables?(): AsyncIterable<TableStreamSource>
  close(): Promise<void>
  /**
   * Optional: a timer queue kept by the backend (LevelDB: in the state database, flushed with the
   * state, found again by name on reopen). The keyed operator asks for "<operatorId>/event" and
   * "<operatorId>/processing" in open(); a backend without it (the heap) gets in-memory queues.
   */
  timerQueue?(name: string): TimerQueueStore
  /**
   * Optional: a key registry kept by the backend, named by operator id. Without it the operator keeps
   * an in-memory KeyRegistry.
   */
  keyRegistry?(name: string): KeyRegistryStore
  /**
   * Optional: stored entries found expired but not yet removed by the last background TTL sweep (LevelDB,
   * where counting them now would read the whole database). Without it a caller counts them itself.
   */
  expiredNotRemoved?(): number
}

export function isMapTable(t: Table): t is MapTable {
  return t.meta.kind === 'map'
}
