// ReducingState with TTL (Flink's TtlReducingState + TtlReduceFunction): TR1–TR2.
import type { ReduceFunction } from '../../api/descriptors'
import type { ReducingState } from '../../api/state'
import type { StateTtlConfig } from '../../api/ttl-config'
import { deepCopy } from '../copy'
import { toStateData } from '../json-data'
import type { InternalValueState } from '../kinds/internal-state'
import type { TtlTimeProvider } from '../state-context'
import { TtlSingleValueState } from './ttl-single-value-state'
import type { TtlValue } from './ttl-value'

export class TtlReducingStateImpl<T> extends TtlSingleValueState implements ReducingState<T> {
  constructor(original: InternalValueState, private readonly reduce: ReduceFunction<T>,
    config: StateTtlConfig, time: TtlTimeProvider) {
    super(original, config, time)
  }

  /** TR1: U1/U3/VIS apply. */
  get(): T | null {
    const tv = this.readCurrent()
    return tv === undefined ? null : (deepCopy(tv.v) as T)
  }

  /**
   * TR1: an expired previous value counts as absent, so add(v) yields v; the result is stamped.
   * TR2: under ReturnExpiredIfNotCleanedUp an expired, uncleaned previous value is reduced with.
   * R3: add(null) clears (kept with TTL too, where Flink would refresh the stamp instead).
   */
  add(value: T): void {
    const k = this.original.currentKey()
    this.accessCallback()
    if (value === null) { this.original.remove(k); return }
    const prev = this.unexpiredOrUndefined(this.original.get(k) as TtlValue | undefined, this.time.now())
    const next = prev === undefined ? value : this.reduce(deepCopy(prev.v) as T, value)
    this.original.put(k, this.wrap(toStateData(next, this.original.name, prev === undefined ? 'value' : 'result of the reduce function')))
  }
}
