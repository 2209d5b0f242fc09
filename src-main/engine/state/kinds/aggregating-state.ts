// AggregatingState without TTL (Flink's HeapAggregatingState): A1–A3. The accumulator is stored; user
// code always receives a copy of it, so an add() that mutates the accumulator in place is safe.
import type { AggregateFunction } from '../../api/descriptors'
import type { AggregatingState } from '../../api/state'
import { deepCopy } from '../copy'
import { toStateData } from '../json-data'
import type { InternalValueState } from './internal-state'

export class KeyedAggregatingState<IN, ACC, OUT> implements AggregatingState<IN, OUT> {
  private readonly name: string
  constructor(private readonly original: InternalValueState, private readonly fn: AggregateFunction<IN, ACC, OUT>) {
    this.name = original.name
  }

  /** A1: null when empty (not getResult(createAccumulator())). */
  get(): OUT | null {
    const acc = this.original.get(this.original.currentKey())
    return acc === undefined ? null : this.fn.getResult(deepCopy(acc) as ACC)
  }

  /** A2: createAccumulator() when there is none, then add(); A3: null clears. */
  add(value: IN): void {
    const k = this.original.currentKey()
    if (value === null) { this.original.remove(k); return }
    const stored = this.original.get(k)
    const acc = stored === undefined ? this.fn.createAccumulator() : (deepCopy(stored) as ACC)
    const next = this.fn.add(value, acc)
    this.original.put(k, toStateData(next, this.name, 'accumulator returned by add()'))
  }

  clear(): void {
    this.original.remove(this.original.currentKey())
  }
}
