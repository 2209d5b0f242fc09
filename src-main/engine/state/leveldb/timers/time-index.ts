// The time-ordered side of a LevelDB timer queue (leveldb-timer-queue.ts): where the queue finds its
// earliest timer. A key's timers themselves always live on its key-registry record; an index only
// orders them. Two kinds: in memory while the queue is small (memory-time-index.ts), LevelDB buckets
// once it is not (bucket-time-index.ts).

/** One timer in an index: [timestamp, registration seq, canonical key]. */
export type IndexEntry = [ts: number, seq: number, keyStr: string]

export interface TimeIndex {
  readonly kind: 'memory' | 'buckets'
  /** Adds a timer (its seq is larger than any added before); returns a handle for remove(), if any. */
  add(ts: number, seq: number, keyStr: string): unknown
  /** Removes a timer that was added and not removed yet (with its handle when the caller kept it). */
  remove(ts: number, seq: number, handle?: unknown): void
  /** The entry with the smallest (ts, seq), or undefined when the index is empty. */
  first(): IndexEntry | undefined
  /** Every entry in (ts, seq) order. */
  entries(): IndexEntry[]
  /** Removes every entry (and whatever the index stored for them). */
  clear(): void
  /** Entries looked at or moved by add and remove so far (what a test of their cost counts). */
  readonly probes: number
}

export function compareEntries(a: IndexEntry, b: IndexEntry): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]
}
