// The user-facing state interfaces (Flink's ValueState, ListState, MapState, ReducingState,
// AggregatingState). All calls are synchronous on every backend (docs/job-api.md).

export interface State {
  clear(): void
}

export interface ValueState<T> extends State {
  /** V1: null when nothing was written for the current key. */
  value(): T | null
  /** V2: update(null) is clear(). */
  update(value: T | null): void
}

export interface ListState<T> extends State {
  /** L1: an empty iterable, never null. */
  get(): Iterable<T>
  add(value: T): void
  addAll(values: T[]): void
  update(values: T[]): void
}

export interface MapState<K, V> extends State {
  get(key: K): V | null
  put(key: K, value: V): void
  putAll(entries: Iterable<[K, V]> | Record<string, V>): void
  remove(key: K): void
  contains(key: K): boolean
  entries(): Iterable<[K, V]>
  keys(): Iterable<K>
  values(): Iterable<V>
  isEmpty(): boolean
}

export interface ReducingState<T> extends State {
  get(): T | null
  add(value: T): void
}

export interface AggregatingState<IN, OUT> extends State {
  get(): OUT | null
  add(value: IN): void
}
