// What the runtime needs of a keyed operator's key registry (every key it has seen, in first-seen
// order). Two implementations: the in-memory KeyRegistry (key-registry.ts) and the LevelDB one
// (state/leveldb/leveldb-key-registry.ts), which a backend offers through StateBackend.keyRegistry so a
// run with millions of keys holds no object per key in memory.
import type { MaybeFlush } from '../state/maybe-flush'
import type { KeyInfo } from './key-registry'

export interface KeyRegistryStore {
  /** The key's info, created on first sight; marks it touched at `step` (and counts a record). */
  touch(key: unknown, keyStr: string, step: number, isRecord: boolean): KeyInfo
  get(keyStr: string): KeyInfo | undefined
  /** Number of keys seen. */
  readonly size: number
  /**
   * Every key with its info, in first-seen order. An iterable, not a Map: the LevelDB registry walks
   * it from disk. Look a key up with get(), count with size.
   */
  readonly byKeyStr: Iterable<[string, KeyInfo]>
  /** Every key with a copy of its info (without the timer-holder caches), in first-seen order. */
  dump(): Array<[string, KeyInfo]>
  /** dump() one key at a time (a savepoint of millions of keys streams them). */
  dumpStream(): Iterable<[string, KeyInfo]>
  /**
   * Replaces every key with the dump's, in the dump's order. With maybeFlush a registry on disk
   * restores in pieces (and returns a promise); in memory it is ignored.
   */
  restore(entries: Iterable<[string, KeyInfo]>, maybeFlush?: MaybeFlush): void | Promise<void>
  /** restore() from a stream (a savepoint on disk); an in-memory registry collects it first. */
  restoreStream(entries: AsyncIterable<[string, KeyInfo]>, maybeFlush?: MaybeFlush): Promise<void>
}
