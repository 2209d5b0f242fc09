// ListState with TTL (Flink's TtlListState): TTL per element (C-TTL3), TL1–TL3. The stored list is an
// array of TtlValue. get() returns an array (eagerly evaluated) rather than Flink's lazy iterator: the
// "clear when every element is expired" step of TL1 happens at get(), as if the iterator was consumed.
import type { ListState } from '../../api/state'
import type { StateTtlConfig } from '../../api/ttl-config'
import { deepCopy } from '../copy'
import { toStateData } from '../json-data'
import type { InternalValueState } from '../kinds/internal-state'
import { listToStateData, nullElementError } from '../kinds/list-state'
import type { TtlTimeProvider } from '../state-context'
import { AbstractTtlState } from './abstract-ttl-state'
import type { TtlValue } from './ttl-value'

export class TtlListStateImpl<T> extends AbstractTtlState implements ListState<T> {
  private readonly name: string
  constructor(readonly original: InternalValueState, config: StateTtlConfig, time: TtlTimeProvider) {
    super(config, time)
    this.name = original.name
  }

  get(): Iterable<T> {
    const k = this.original.currentKey()
    this.accessCallback()
    const stored = this.original.get(k) as TtlValue[] | undefined
    if (stored === undefined) return [] // L1
    const now = this.time.now()
    if (this.updateOnRead) {
      // TL2: rewrite as "only unexpired elements, each stamped now", if at least one is unexpired.
      const stamp = this.time.stampTime()
      const fresh: TtlValue[] = []
      for (const tv of stored) if (!this.expired(tv, now)) fresh.push({ v: tv.v, t: stamp })
      if (fresh.length > 0) this.original.put(k, fresh)
    }
    // TL1: filter element by element; ReturnExpiredIfNotCleanedUp keeps expired ones (getUnexpired).
    const out: T[] = []
    for (const tv of stored) {
      if (this.returnExpired || !this.expired(tv, now)) out.push(deepCopy(tv.v) as T)
    }
    // TL1: expired elements stay stored unless none is left, then the whole list is cleared.
    if (out.length === 0) this.original.remove(k)
    return out
  }

  /** TL3: the new element is stamped; existing elements keep their stamps. L3: null throws. */
  add(value: T): void {
    const k = this.original.currentKey()
    this.accessCallback()
    if (value === null) throw nullElementError(this.name)
    this.append(k, [this.wrap(toStateData(value, this.name))])
  }

  addAll(values: T[]): void {
    const k = this.original.currentKey()
    this.accessCallback()
    const copies = listToStateData(values, this.name, 'addAll')
    if (copies.length > 0) this.append(k, this.wrapAll(copies))
  }

  update(values: T[]): void {
    const k = this.original.currentKey()
    this.accessCallback()
    const copies = listToStateData(values, this.name, 'update')
    if (copies.length === 0) this.original.remove(k) // L5
    else this.original.put(k, this.wrapAll(copies))
  }

  clear(): void {
    this.original.remove(this.original.currentKey())
    this.accessCallback()
  }

  cleanupKey(key: string, now: number): void {
    const stored = this.original.get(key) as TtlValue[] | undefined
    if (stored === undefined) return
    const kept = stored.filter((tv) => !this.expired(tv, now))
    if (kept.length === stored.length) return
    if (kept.length === 0) this.original.remove(key)
    else this.original.put(key, kept)
  }

  storedKeys(): IterableIterator<string> { return this.original.table.keys() }
  hasStored(key: string): boolean { return this.original.table.get(key) !== undefined }

  private wrapAll(copies: unknown[]): TtlValue[] {
    const t = this.time.stampTime()
    return copies.map((v) => ({ v, t }))
  }

  private append(k: string, wrapped: TtlValue[]): void {
    const stored = this.original.get(k) as TtlValue[] | undefined
    if (stored === undefined) this.original.put(k, wrapped)
    else this.original.appendInPlace(k, stored, wrapped)
  }
}
