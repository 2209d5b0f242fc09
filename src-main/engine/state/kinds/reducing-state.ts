// ReducingState without TTL (Flink's HeapReducingState): R1–R3.
import type { ReduceFunction } from '../../api/descriptors'
import type { ReducingState } from '../../api/state'
import { deepCopy } from '../copy'
import { toStateData } from '../json-data'
import type { InternalValueState } from './internal-state'

export class KeyedReducingState<T> implements ReducingState<T> {
  private readonly name: string
  constructor(private readonly original: InternalValueState, private readonly reduce: ReduceFunction<T>) {
    this.name = original.name
  }

  /** R1: null when empty. */
  get(): T | null {
    const v = this.original.get(this.original.currentKey())
    return v === undefined ? null : (deepCopy(v) as T)
  }

  /** R2: the first value is stored as is (no seed); later ones are reduce(previous, value). R3: null clears. */
  add(value: T): void {
    const k = this.original.currentKey()
    if (value === null) { this.original.remove(k); return }
    const prev = this.original.get(k)
    const next = prev === undefined ? value : this.reduce(deepCopy(prev) as T, value)
    this.original.put(k, toStateData(next, this.name, prev === undefined ? 'value' : 'result of the reduce function'))
  }

  clear(): void {
    this.original.remove(this.original.currentKey())
  }
}
