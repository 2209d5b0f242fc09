// ValueState without TTL (Flink's HeapValueState semantics over any backend): V1–V5.
import type { ValueState } from '../../api/state'
import { deepCopy } from '../copy'
import { toStateData } from '../json-data'
import { type InternalValueState, outsideKeyedCall } from './internal-state'

export class KeyedValueState<T> implements ValueState<T> {
  private readonly name: string
  private readonly table: InternalValueState['table']
  private readonly keyContext: InternalValueState['keyContext']
  /** Stored form of the deprecated descriptor default (V1), or null. Handed out as a copy. */
  private readonly defaultValue: unknown
  /** The table keeps values by reference (heap, LevelDB's cache), so a same-shape write can go into the stored object. */
  private readonly inPlace: boolean

  constructor(private readonly original: InternalValueState, defaultValue: T | null) {
    this.name = original.name
    this.table = original.table
    this.keyContext = original.keyContext
    this.inPlace = this.table.storesByReference === true
    this.defaultValue = defaultValue === null || defaultValue === undefined ? null : toStateData(defaultValue, this.name, 'default value')
  }

  // Hot path (benchmark): a property read, a null check and a Map get.
  value(): T | null {
    const k = this.keyContext.keyStr
    if (k === null) throw outsideKeyedCall(this.name)
    const v = this.table.get(k)
    // V1: absent → null, or a copy of the descriptor default.
    if (v === undefined) return (this.defaultValue === null ? null : deepCopy(this.defaultValue)) as T | null
    // V5: copy on read, so mutating the result never changes state.
    return (typeof v === 'object' && v !== null ? deepCopy(v) : v) as T
  }

  update(value: T | null): void {
    const k = this.keyContext.keyStr
    if (k === null) throw outsideKeyedCall(this.name)
    // V2: update(null) is clear().
    if (value === null) { this.original.remove(k); return }
    if (this.inPlace && typeof value === 'object') {
      // Write into the stored object when it has the same members (no garbage promoted per update).
      // A frozen one is shared with a time-travel snapshot (heap-backend.ts): store a new one instead.
      const prev = this.table.get(k)
      if (prev !== null && typeof prev === 'object' && !Array.isArray(prev) && !Object.isFrozen(prev)) {
        if (this.original.assignInPlace(k, prev as Record<string, unknown>, value)) return
      }
    }
    this.original.put(k, toStateData(value, this.name))
  }

  /** V3: only the current key's entry. */
  clear(): void {
    this.original.remove(this.original.currentKey())
  }
}
