// The savepoint a session last loaded, kept as the session's own copy: a fresh worker (after a watchdog stop) loads it
// again before it re-runs, and must find what was loaded, not whatever the user's folder holds by then (a savepoint
// saved over it, or nothing: deleted).
import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { copySavepoint } from '../engine/state/savepoint/savepoint-copy'
import { KEPT_SAVEPOINT_PREFIX, makeOwnedTempDir } from '../engine/state/temp-state-dirs'

export interface KeptSavepoint {
  /** The folder to load again: the session's copy, or the user's folder when no copy could be made. */
  readonly dir: string
  /** The step the savepoint put the run at. */
  readonly step: number
  /** Removes the copy (the session loaded another savepoint, or ended). */
  release(): void
}

/**
 * Copies the savepoint at `dir` that the session just loaded (at `step`). A copy that cannot be made (a full temp disk)
 * costs no load that already succeeded: the session then loads the user's folder again, as it did before copies.
 */
export async function keepSavepoint(dir: string, step: number): Promise<KeptSavepoint> {
  let copy: string | null = null
  try {
    copy = makeOwnedTempDir(tmpdir(), KEPT_SAVEPOINT_PREFIX)
    await copySavepoint(dir, copy)
  } catch {
    if (copy !== null) rmSync(copy, { recursive: true, force: true })
    copy = null
  }
  const made = copy
  return {
    dir: made ?? dir,
    step,
    release: () => { if (made !== null) rmSync(made, { recursive: true, force: true }) },
  }
}
