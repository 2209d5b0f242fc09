// CL3: incremental cleanup (Flink's TtlIncrementalCleanup). A lazy cursor over all keys of one state
// advances `cleanupSize` keys on each access of that state (and on each record when asked),
// dropping expired values; when the cursor has run out, the next run starts it again from the top.
//
// The cursor's position is part of a run snapshot (position()/restorePosition()): the key it yields
// next, so a run restored from a snapshot or savepoint (a seek, a resume) cleans the same keys at the
// same accesses as the run that took it.
import type { AbstractTtlState } from './abstract-ttl-state'

/** Where a cursor stands: none (the next access starts a pass), at the end of a pass, or before a key. */
export type CleanupPosition = null | { atEnd: true } | { next: string }

const EXHAUSTED: IterableIterator<string> = [][Symbol.iterator]()

export class TtlIncrementalCleanup {
  private cursor: IterableIterator<string> | null = null

  constructor(readonly cleanupSize: number, private readonly state: AbstractTtlState) {}

  stateAccessed(): void {
    if (this.cleanupSize <= 0) return
    const now = this.state.time.now()
    let visited = 0
    let restarted = false
    if (this.cursor === null) { this.cursor = this.state.storedKeys(); restarted = true }
    while (visited < this.cleanupSize) {
      const r = this.cursor.next()
      if (r.done === true) {
        // As Flink's initIteratorIfNot: an exhausted cursor restarts at the next run, not in the middle
        // of one (a run never visits a key twice).
        if (visited === 0 && !restarted) { this.cursor = this.state.storedKeys(); restarted = true; continue }
        this.cursor = null
        return
      }
      this.state.cleanupKey(r.value, now)
      visited++
    }
  }

  /**
   * The cursor's position. Finding the next key takes it from the live cursor, which then yields it
   * again first (unless its state is gone by then, as the live cursor would have skipped it).
   */
  position(): CleanupPosition {
    if (this.cursor === null) return null
    const r = this.cursor.next()
    if (r.done === true) { this.cursor = EXHAUSTED; return { atEnd: true } }
    const rest = this.cursor
    const state = this.state
    this.cursor = (function* again(): Generator<string, void, undefined> {
      if (state.hasStored(r.value)) yield r.value
      yield* rest
    })()
    return { next: r.value }
  }

  /** Puts the cursor where position() found it, in the restored state (read lazily: at the next access). */
  restorePosition(p: CleanupPosition | undefined): void {
    this.reset()
    if (p === null || p === undefined) return
    if ('atEnd' in p) { this.cursor = EXHAUSTED; return }
    const state = this.state
    this.cursor = (function* from(): Generator<string, void, undefined> {
      let found = false
      for (const k of state.storedKeys()) {
        if (!found && k !== p.next) continue
        found = true
        yield k
      }
    })()
  }

  /** Forget the cursor (after the backend's content was replaced by a restore). */
  reset(): void {
    // Close it, so a backend that tracks live iterators (LevelDB's key chain) can let go of it.
    this.cursor?.return?.()
    this.cursor = null
  }
}
