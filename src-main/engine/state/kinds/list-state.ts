// ListState without TTL (Flink's HeapListState + UserFacingListState): L1–L5. The key's list is
// stored as one array; appends extend it in place (as the heap does).
import type { ListState } from '../../api/state'
import { deepCopy } from '../copy'
import { toStateData } from '../json-data'
import type { InternalValueState } from './internal-state'

export const NULL_ELEMENT = 'You cannot add null to a ListState.'
export const NULL_LIST = 'List of values to add cannot be null.'

/** L3/L4/L5: Flink's NullPointerException messages, plus the state's name. */
export function nullElementError(stateName: string): TypeError {
  return new TypeError(`${NULL_ELEMENT} (state "${stateName}")`)
}

/** Validates and copies a user list for storing: L4/L5 null checks, then JSON checks per element. */
export function listToStateData(values: unknown, stateName: string, op: string): unknown[] {
  if (values === null || values === undefined) throw new TypeError(`${NULL_LIST} (state "${stateName}", ${op})`)
  if (typeof values !== 'object' || !(Symbol.iterator in values)) {
    throw new TypeError(`state "${stateName}": ${op} expects an array of values, got ${typeof values}`)
  }
  const out: unknown[] = []
  let i = 0
  for (const v of values as Iterable<unknown>) {
    if (v === null) throw nullElementError(stateName)
    out.push(toStateData(v, stateName, `${op}[${i}]`))
    i++
  }
  return out
}

export class KeyedListState<T> implements ListState<T> {
  private readonly name: string
  constructor(private readonly original: InternalValueState) { this.name = original.name }

  /** L1: an empty iterable, never null. Elements are copies. */
  get(): Iterable<T> {
    const stored = this.original.get(this.original.currentKey()) as unknown[] | undefined
    return stored === undefined ? [] : (deepCopy(stored) as T[])
  }

  /** L2/L3: appends; null throws. */
  add(value: T): void {
    const k = this.original.currentKey()
    if (value === null) throw nullElementError(this.name)
    this.append(k, [toStateData(value, this.name)])
  }

  /** L4: null list throws; empty list is a no-op; a null element throws before anything is stored. */
  addAll(values: T[]): void {
    const k = this.original.currentKey()
    const copies = listToStateData(values, this.name, 'addAll')
    if (copies.length > 0) this.append(k, copies)
  }

  /** L5: null throws; [] is clear(); otherwise replaces the list. */
  update(values: T[]): void {
    const k = this.original.currentKey()
    const copies = listToStateData(values, this.name, 'update')
    if (copies.length === 0) this.original.remove(k)
    else this.original.put(k, copies)
  }

  clear(): void {
    this.original.remove(this.original.currentKey())
  }

  private append(k: string, copies: unknown[]): void {
    const stored = this.original.get(k) as unknown[] | undefined
    if (stored === undefined) this.original.put(k, copies)
    else this.original.appendInPlace(k, stored, copies)
  }
}
