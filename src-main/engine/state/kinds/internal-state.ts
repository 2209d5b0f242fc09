// The internal layer between backend tables and state handles (Flink's InternalKvState): it resolves
// the current key, tells the run's observer before every mutation, and stores values exactly as given.
// User-facing kinds (kinds/*) and TTL decorators (ttl/*) both sit on top of it; neither touches a
// table's write methods directly (in-place changes go through assignInPlace / appendInPlace), so no
// mutation can skip the observer.
import type { MapTable, TableMeta, ValueTable } from '../backend'
import { assignSameShape } from '../json-data'
import type { KeyContext } from '../state-context'
import type { RunObserver } from '../../observe/run-observer'

/** What the internal state tells of writes: the run's observer hub, or null in a run nobody observes. */
export type StateWriteObserver = Required<Pick<RunObserver, 'beforeStateWrite'>>

export function outsideKeyedCall(stateName: string): Error {
  return new Error(`state "${stateName}": keyed state accessed outside processElement/onTimer ` +
    '(there is no current key; use state only inside processElement or onTimer, K6)')
}

/** What both internal state shapes share: the table, the key context, the observer and the current key. */
abstract class InternalStateBase<T extends ValueTable | MapTable> {
  readonly name: string
  readonly meta: TableMeta
  /** True once any key's entry was removed in this run (a finding asks: is this state ever cleared?). */
  removedAny = false
  /** More keys than this are told once to onPast (watchKeys); Infinity when nobody watches. */
  private keysLimit = Infinity
  private onPast: (() => void) | null = null
  constructor(readonly table: T, readonly keyContext: KeyContext, protected readonly observer: StateWriteObserver | null) {
    this.meta = table.meta
    this.name = table.meta.stateName
  }

  /**
   * Calls `onPast` once, in the step whose write first makes more than `limit` keys hold this state (a finding: state
   * that grows forever names that step, so it is the run's, not the moment findings are read).
   */
  watchKeys(limit: number, onPast: () => void): void {
    this.keysLimit = limit
    this.onPast = onPast
  }

  /** After a write that may have added a key: one compare of the table's count (kept by the table) per write. */
  protected checkKeys(): void {
    if (this.table.size() <= this.keysLimit) return
    this.keysLimit = Infinity
    this.onPast?.()
  }

  /** The current key's string; throws outside a keyed call. */
  currentKey(): string {
    const k = this.keyContext.keyStr
    if (k === null) throw outsideKeyedCall(this.name)
    return k
  }
}

/** One value per key (Value, List as an array, Reducing, Aggregating). */
export class InternalValueState extends InternalStateBase<ValueTable> {

  /** The stored reference (callers copy before handing it to user code). */
  get(key: string): unknown {
    return this.table.get(key)
  }

  put(key: string, stored: unknown): void {
    if (this.observer !== null) this.observer.beforeStateWrite(this.meta, key)
    this.table.put(key, stored)
    this.checkKeys()
  }

  /** Removes the key's value; tells the observer only when there was one. */
  remove(key: string): void {
    if (this.table.get(key) === undefined) return
    if (this.observer !== null) this.observer.beforeStateWrite(this.meta, key)
    this.removedAny = true
    this.table.delete(key)
  }

  /**
   * Writes `value`'s members into the stored object `stored` (the key's value, kept by reference on this
   * backend) when both have the same flat members, and stores it again where the backend needs that to
   * write it out. Returns false, having changed nothing, when the shapes differ: the caller then puts a copy.
   */
  assignInPlace(key: string, stored: Record<string, unknown>, value: unknown): boolean {
    if (this.observer !== null) this.observer.beforeStateWrite(this.meta, key)
    if (!assignSameShape(stored, value)) return false
    if (this.table.putAfterInPlace === true) this.table.put(key, stored)
    return true
  }

  /** Appends to the stored array `stored` (the key's list, kept by reference) and stores it again (LevelDB's cache marks it dirty). */
  appendInPlace(key: string, stored: unknown[], items: readonly unknown[]): void {
    if (this.observer !== null) this.observer.beforeStateWrite(this.meta, key)
    for (let i = 0; i < items.length; i++) stored.push(items[i])
    this.table.put(key, stored)
  }
}

/** Many entries per key (Map state); user keys are canonical strings. */
export class InternalMapState extends InternalStateBase<MapTable> {

  get(key: string, userKey: string): unknown { return this.table.get(key, userKey) }
  has(key: string, userKey: string): boolean { return this.table.has(key, userKey) }
  isEmpty(key: string): boolean { return this.table.isEmpty(key) }

  /** A snapshot of the key's entries, so callers may write while walking it. */
  entries(key: string): Array<[string, unknown]> {
    return [...this.table.entries(key)]
  }

  put(key: string, userKey: string, stored: unknown): void {
    if (this.observer !== null) this.observer.beforeStateWrite(this.meta, key)
    this.table.put(key, userKey, stored)
    this.checkKeys()
  }

  /** Several entries under one tracker call. */
  putMany(key: string, entries: ReadonlyArray<readonly [string, unknown]>): void {
    if (entries.length === 0) return
    if (this.observer !== null) this.observer.beforeStateWrite(this.meta, key)
    for (const [uk, v] of entries) this.table.put(key, uk, v)
    this.checkKeys()
  }

  /** M3: a missing user key is a no-op; removing the last entry removes the key's map. */
  remove(key: string, userKey: string): void {
    if (!this.table.has(key, userKey)) return
    if (this.observer !== null) this.observer.beforeStateWrite(this.meta, key)
    this.removedAny = true
    this.table.delete(key, userKey)
  }

  removeMany(key: string, userKeys: readonly string[]): void {
    if (userKeys.length === 0) return
    if (this.observer !== null) this.observer.beforeStateWrite(this.meta, key)
    this.removedAny = true
    for (const uk of userKeys) this.table.delete(key, uk)
  }

  clear(key: string): void {
    if (this.table.isEmpty(key)) return
    if (this.observer !== null) this.observer.beforeStateWrite(this.meta, key)
    this.removedAny = true
    this.table.clear(key)
  }
}
