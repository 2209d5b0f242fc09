// ValueState with TTL (Flink's TtlValueState): TV1, with U1–U3 and VIS1/VIS2 from the base.
// V4: the descriptor's default value is ignored, so missing or expired state reads as null.
import type { ValueState } from '../../api/state'
import type { StateTtlConfig } from '../../api/ttl-config'
import { deepCopy } from '../copy'
import { toStateData } from '../json-data'
import type { InternalValueState } from '../kinds/internal-state'
import type { TtlTimeProvider } from '../state-context'
import { AbstractTtlState } from './abstract-ttl-state'
import type { TtlValue } from './ttl-value'

export class TtlValueStateImpl<T> extends AbstractTtlState implements ValueState<T> {
  constructor(readonly original: InternalValueState, config: StateTtlConfig, time: TtlTimeProvider) {
    super(config, time)
  }

  value(): T | null {
    const k = this.original.currentKey()
    this.accessCallback()
    const tv = this.readWithTtl(
      this.original.get(k) as TtlValue | undefined,
      (fresh) => this.original.put(k, fresh),
      () => this.original.remove(k),
    )
    return tv === undefined ? null : (deepCopy(tv.v) as T)
  }

  /** TV1: stores (v, stamp). V2: update(null) is clear() here too (Flink would store a null TtlValue, which reads back as null). */
  update(value: T | null): void {
    const k = this.original.currentKey()
    this.accessCallback()
    if (value === null) { this.original.remove(k); return }
    this.original.put(k, this.wrap(toStateData(value, this.original.name)))
  }

  clear(): void {
    const k = this.original.currentKey()
    this.original.remove(k)
    this.accessCallback()
  }

  cleanupKey(key: string, now: number): void {
    const tv = this.original.get(key) as TtlValue | undefined
    if (tv !== undefined && this.expired(tv, now)) this.original.remove(key)
  }

  storedKeys(): IterableIterator<string> { return this.original.table.keys() }
}
