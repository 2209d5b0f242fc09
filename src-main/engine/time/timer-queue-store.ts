// What the runtime needs of one operator's timer queue of one time domain. Two implementations: the
// in-memory TimerQueue (timer-queue.ts) and the LevelDB one (state/leveldb/timers/leveldb-timer-queue.ts),
// which a backend offers through StateBackend.timerQueue so a run with millions of keys keeps its
// pending timers on disk. Both keep T1 (dedupe per key and timestamp), T2 (delete of a missing timer is
// a no-op), T5 (poll removes the head before it fires) and fire ties in registration order.
import type { MaybeFlush } from '../state/maybe-flush'
import type { Timer, TimerDump, TimerHolder } from './timer-queue'

export interface TimerQueueStore {
  /** Live timers. */
  readonly size: number
  /**
   * The key's holder; the operator caches it on the key's registry entry (KeyInfo.et / .pt). `fresh`: an
   * object with no timers to become the holder when the key has none yet (the in-memory queue takes the
   * key's registry entry, so a timer call reaches the key's timers through an object already in the cache).
   */
  holderFor(keyStr: string, fresh?: TimerHolder): TimerHolder
  /** T1: returns true when a timer was added. */
  registerIn(holder: TimerHolder, timestamp: number, key: unknown): boolean
  /** T2: returns true when a timer was deleted. */
  deleteIn(holder: TimerHolder, timestamp: number): boolean
  /** The live timer with the smallest (timestamp, seq), without removing it. */
  peek(): Timer | undefined
  /** T5: removes the head and returns it. */
  poll(): Timer | undefined
  /** True when the head is due at `time` (timestamp <= time). */
  dueAt(time: number): boolean
  /** The key's timer timestamps, ascending. */
  timersOf(keyStr: string): number[]
  countOf(keyStr: string): number
  /** countOf for a key whose holder the caller has: no lookup by key (the findings' pile-up check on every added timer). */
  countIn(holder: TimerHolder): number
  /** Every live timer in firing order (reads them all: for dumps and the inspector). */
  all(): Timer[]
  /** Keys that have at least one timer. */
  keys(): IterableIterator<string>
  /** Every live timer in firing order, as plain data (snapshots, savepoints). */
  dump(): TimerDump[]
  /** dump() one timer at a time (a savepoint of millions of timers streams them). */
  dumpStream(): Iterable<TimerDump>
  /**
   * Replaces every timer with the dump's; the next registration gets sequence number nextSeq. With
   * maybeFlush a store that writes to disk restores in pieces (and returns a promise); in memory it is
   * ignored.
   */
  restore(timers: TimerDump[], nextSeq: number, maybeFlush?: MaybeFlush): void | Promise<void>
  nextSeq(): number
}
