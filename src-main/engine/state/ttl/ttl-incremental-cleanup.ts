// CL3: incremental cleanup (Flink's TtlIncrementalCleanup). A lazy cursor over all keys of one state
// advances `cleanupSize` keys on each access of that state (and on each record when asked),
// dropping expired values; when the cursor has run out, the next run starts it again from the top.
import type { AbstractTtlState } from './abstract-ttl-state'

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

  /** Forget the cursor (after the backend's content was replaced by a restore). */
  reset(): void {
    // Close it, so a backend that tracks live iterators (LevelDB's key chain) can let go of it.
    this.cursor?.return?.()
    this.cursor = null
  }
}
