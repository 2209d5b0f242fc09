// MapState without TTL (Flink's HeapMapState + UserFacingMapState): M1–M4. Keys come back parsed from
// their canonical strings and values as copies, so nothing returned aliases stored state.
import type { MapState } from '../../api/state'
import { deepCopy } from '../copy'
import { toStateData } from '../json-data'
import type { InternalMapState } from './internal-state'
import { putAllEntries, userKeyFromString, userKeyString } from './map-user-keys'

const copyOut = (v: unknown): unknown => (typeof v === 'object' && v !== null ? deepCopy(v) : v)

export class KeyedMapState<K, V> implements MapState<K, V> {
  private readonly name: string
  constructor(private readonly original: InternalMapState) { this.name = original.name }

  /** M1: a missing key → null. M2: a key put with null → null too. */
  get(key: K): V | null {
    const k = this.original.currentKey()
    const v = this.original.get(k, userKeyString(key, this.name))
    return (v === undefined ? null : copyOut(v)) as V | null
  }

  /** M2: null values are allowed (contains() is then true and get() null). */
  put(key: K, value: V): void {
    const k = this.original.currentKey()
    const uk = userKeyString(key, this.name)
    this.original.put(k, uk, value === null ? null : toStateData(value, this.name, 'map value'))
  }

  putAll(entries: Iterable<[K, V]> | Record<string, V>): void {
    const k = this.original.currentKey()
    this.original.putMany(k, putAllEntries(entries, this.name, true))
  }

  /** M3: removing a missing key is a no-op; removing the last entry empties the map. */
  remove(key: K): void {
    const k = this.original.currentKey()
    this.original.remove(k, userKeyString(key, this.name))
  }

  contains(key: K): boolean {
    const k = this.original.currentKey()
    return this.original.has(k, userKeyString(key, this.name))
  }

  /** M1/M4: empty when nothing is stored; order is the backend's (unspecified). */
  entries(): Iterable<[K, V]> {
    const k = this.original.currentKey()
    const out: Array<[K, V]> = []
    for (const [uk, v] of this.original.table.entries(k)) out.push([userKeyFromString(uk) as K, copyOut(v) as V])
    return out
  }

  keys(): Iterable<K> {
    const k = this.original.currentKey()
    const out: K[] = []
    for (const [uk] of this.original.table.entries(k)) out.push(userKeyFromString(uk) as K)
    return out
  }

  values(): Iterable<V> {
    const k = this.original.currentKey()
    const out: V[] = []
    for (const [, v] of this.original.table.entries(k)) out.push(copyOut(v) as V)
    return out
  }

  isEmpty(): boolean {
    return this.original.isEmpty(this.original.currentKey())
  }

  clear(): void {
    this.original.clear(this.original.currentKey())
  }
}
