// The shared part of the TTL decorators that keep one TtlValue per key (Value, Reducing, Aggregating):
// the checked read of the current key's value, clear(), and the per-key incremental cleanup.
import type { StateTtlConfig } from '../../api/ttl-config'
import type { InternalValueState } from '../kinds/internal-state'
import type { TtlTimeProvider } from '../state-context'
import { AbstractTtlState } from './abstract-ttl-state'
import type { TtlValue } from './ttl-value'

export abstract class TtlSingleValueState extends AbstractTtlState {
  constructor(readonly original: InternalValueState, config: StateTtlConfig, time: TtlTimeProvider) {
    super(config, time)
  }

  /** The current key's stored TtlValue after U1/U3/VIS1/VIS2 (undefined when absent or hidden). */
  protected readCurrent(): TtlValue | undefined {
    const k = this.original.currentKey()
    this.accessCallback()
    const o = this.original
    return this.readWithTtl(o.get(k) as TtlValue | undefined, (fresh) => o.put(k, fresh), () => o.remove(k))
  }

  clear(): void {
    this.original.remove(this.original.currentKey())
    this.accessCallback()
  }

  cleanupKey(key: string, now: number): void {
    const tv = this.original.get(key) as TtlValue | undefined
    if (tv !== undefined && this.expired(tv, now)) this.original.remove(key)
  }

  storedKeys(): IterableIterator<string> { return this.original.table.keys() }
  hasStored(key: string): boolean { return this.original.table.get(key) !== undefined }
}
