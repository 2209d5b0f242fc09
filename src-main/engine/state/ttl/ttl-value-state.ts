// ValueState with TTL (Flink's TtlValueState): TV1, with U1–U3 and VIS1/VIS2 from the base.
// V4: the descriptor's default value is ignored, so missing or expired state reads as null.
import type { ValueState } from '../../api/state'
import { deepCopy } from '../copy'
import { toStateData } from '../json-data'
import { TtlSingleValueState } from './ttl-single-value-state'

export class TtlValueStateImpl<T> extends TtlSingleValueState implements ValueState<T> {
  value(): T | null {
    const tv = this.readCurrent()
    return tv === undefined ? null : (deepCopy(tv.v) as T)
  }

  /** TV1: stores (v, stamp). V2: update(null) is clear() here too (Flink would store a null TtlValue, which reads back as null). */
  update(value: T | null): void {
    const k = this.original.currentKey()
    this.accessCallback()
    if (value === null) { this.original.remove(k); return }
    this.original.put(k, this.wrap(toStateData(value, this.original.name)))
  }
}
