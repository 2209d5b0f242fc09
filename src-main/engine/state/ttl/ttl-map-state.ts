// MapState with TTL (Flink's TtlMapState): TTL per entry (C-TTL3), TM1–TM2. Each stored entry is a
// TtlValue; put(k, null) stores {v: null} so contains() is true (M2, TtlMapStatePerNullElement).
// Iteration is evaluated eagerly: it walks a snapshot of the entries, dropping expired ones from
// storage and (OnReadAndWrite) re-stamping the unexpired ones it returns.
import type { MapState } from '../../api/state'
import type { StateTtlConfig } from '../../api/ttl-config'
import { deepCopy } from '../copy'
import { toStateData } from '../json-data'
import type { InternalMapState } from '../kinds/internal-state'
import { putAllEntries, userKeyFromString, userKeyString } from '../kinds/map-user-keys'
import type { TtlTimeProvider } from '../state-context'
import { AbstractTtlState } from './abstract-ttl-state'
import type { TtlValue } from './ttl-value'

const copyOut = (v: unknown): unknown => (typeof v === 'object' && v !== null ? deepCopy(v) : v)

export class TtlMapStateImpl<K, V> extends AbstractTtlState implements MapState<K, V> {
  private readonly name: string
  constructor(readonly original: InternalMapState, config: StateTtlConfig, time: TtlTimeProvider) {
    super(config, time)
    this.name = original.name
  }

  /** TM1: TTL applies to this entry only. */
  get(key: K): V | null {
    const tv = this.getWrapped(key)
    return tv === undefined ? null : (copyOut(tv.v) as V)
  }

  contains(key: K): boolean {
    return this.getWrapped(key) !== undefined
  }

  put(key: K, value: V): void {
    const k = this.original.currentKey()
    this.accessCallback()
    const uk = userKeyString(key, this.name)
    this.original.put(k, uk, this.wrap(value === null ? null : toStateData(value, this.name, 'map value')))
  }

  /** All entries get the same stamp (Flink's putAll reads the clock once). */
  putAll(entries: Iterable<[K, V]> | Record<string, V>): void {
    const k = this.original.currentKey()
    this.accessCallback()
    const t = this.time.stampTime()
    this.original.putMany(k, putAllEntries(entries, this.name, true).map(([uk, v]) => [uk, { v, t }]))
  }

  remove(key: K): void {
    const k = this.original.currentKey()
    this.accessCallback()
    this.original.remove(k, userKeyString(key, this.name))
  }

  entries(): Iterable<[K, V]> {
    return this.visit((uk, v) => [userKeyFromString(uk) as K, copyOut(v) as V])
  }

  keys(): Iterable<K> {
    return this.visit((uk) => userKeyFromString(uk) as K)
  }

  values(): Iterable<V> {
    return this.visit((_uk, v) => copyOut(v) as V)
  }

  /**
   * Empty when no entry is visible: under NeverReturnExpired expired entries are dropped first (CL1);
   * under ReturnExpiredIfNotCleanedUp a stored expired entry still counts until something reads it.
   */
  isEmpty(): boolean {
    const k = this.original.currentKey()
    this.accessCallback()
    if (!this.returnExpired) this.cleanupKey(k, this.time.now())
    return this.original.isEmpty(k)
  }

  clear(): void {
    this.original.clear(this.original.currentKey())
    this.accessCallback()
  }

  cleanupKey(key: string, now: number): void {
    const expired: string[] = []
    for (const [uk, tv] of this.original.table.entries(key)) if (this.expired(tv as TtlValue, now)) expired.push(uk)
    this.original.removeMany(key, expired)
  }

  storedKeys(): IterableIterator<string> { return this.original.table.keys() }
  hasStored(key: string): boolean { return !this.original.table.isEmpty(key) }

  private getWrapped(key: K): TtlValue | undefined {
    const k = this.original.currentKey()
    this.accessCallback()
    const uk = userKeyString(key, this.name)
    return this.readWithTtl(
      this.original.get(k, uk) as TtlValue | undefined,
      (fresh) => this.original.put(k, uk, fresh),
      () => this.original.remove(k, uk),
    )
  }

  /** TM2: skips expired entries and removes them; OnReadAndWrite re-stamps each visited unexpired entry. */
  private visit<R>(map: (uk: string, v: unknown) => R): R[] {
    const k = this.original.currentKey()
    this.accessCallback()
    const now = this.time.now()
    const out: R[] = []
    const expired: string[] = []
    const refreshed: Array<[string, TtlValue]> = []
    const stamp = this.updateOnRead ? this.time.stampTime() : 0
    for (const [uk, stored] of this.original.entries(k)) {
      const tv = stored as TtlValue
      if (this.expired(tv, now)) {
        expired.push(uk)
        if (this.returnExpired) out.push(map(uk, tv.v)) // VIS2: returned once, deleted
        continue
      }
      if (this.updateOnRead) refreshed.push([uk, { v: tv.v, t: stamp }])
      out.push(map(uk, tv.v))
    }
    this.original.removeMany(k, expired)
    this.original.putMany(k, refreshed)
    return out
  }
}
