// AggregatingState with TTL (Flink's TtlAggregatingState + TtlAggregateFunction): TA1–TA2.
import type { AggregateFunction } from '../../api/descriptors'
import type { AggregatingState } from '../../api/state'
import type { StateTtlConfig } from '../../api/ttl-config'
import { deepCopy } from '../copy'
import { toStateData } from '../json-data'
import type { InternalValueState } from '../kinds/internal-state'
import type { TtlTimeProvider } from '../state-context'
import { TtlSingleValueState } from './ttl-single-value-state'
import type { TtlValue } from './ttl-value'

export class TtlAggregatingStateImpl<IN, ACC, OUT> extends TtlSingleValueState implements AggregatingState<IN, OUT> {
  constructor(original: InternalValueState, private readonly fn: AggregateFunction<IN, ACC, OUT>,
    config: StateTtlConfig, time: TtlTimeProvider) {
    super(original, config, time)
  }

  /** TA1: an expired accumulator is cleared and reads as null (NeverReturnExpired). */
  get(): OUT | null {
    const tv = this.readCurrent()
    return tv === undefined ? null : this.fn.getResult(deepCopy(tv.v) as ACC)
  }

  /**
   * TA1: add() on an expired accumulator starts from createAccumulator(); the result is stamped.
   * TA2: under ReturnExpiredIfNotCleanedUp the expired, uncleaned accumulator is added to. A3: null clears.
   */
  add(value: IN): void {
    const k = this.original.currentKey()
    this.accessCallback()
    if (value === null) { this.original.remove(k); return }
    const prev = this.unexpiredOrUndefined(this.original.get(k) as TtlValue | undefined, this.time.now())
    const acc = prev === undefined ? this.fn.createAccumulator() : (deepCopy(prev.v) as ACC)
    const next = this.fn.add(value, acc)
    this.original.put(k, this.wrap(toStateData(next, this.original.name, 'accumulator returned by add()')))
  }
}
