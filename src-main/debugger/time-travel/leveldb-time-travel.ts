// Time travel's LevelDB part: a snapshot's keyed state is a checkpoint of the database on disk
// (engine/state/leveldb/history/: hard-linked table files, shared between checkpoints), so memory holds none of
// it and a restore reopens the database on the checkpoint; its interval and disk budget (time-travel.ts decides when).
import type { JobRun } from '../../engine/runtime/job-run'
import type { RunSnapshot } from '../../engine/runtime/run-snapshot'
import { LevelDbStateBackend } from '../../engine/state/leveldb/leveldb-backend'
import { LevelDbCheckpoints, type HistoryPart } from '../../engine/state/leveldb/history/leveldb-checkpoints'

/**
 * LevelDB sessions' largest default interval: a seek re-executes up to one interval against the database,
 * several times slower per step than the heap, so intervals stay short (captures cost the forward run
 * more, memory nothing: the history is on disk; a checkpoint's own disk is its timer delta, the log and
 * tables it links are shared with its neighbours).
 */
export const LEVELDB_MAX_INTERVAL = 2000

/**
 * LevelDB checkpoints' default disk budget: this many times the state database, and at least
 * LEVELDB_DISK_FLOOR bytes. Checkpoints share the write-ahead log and the tables LevelDB has not
 * rewritten since, but with keys spread over the whole state each table written out from the memtable
 * (every 8 MB of log, leveldb-checkpoints.ts) is soon compacted with all of it, so the history holds
 * about the run's log plus a copy of the state per 8 MB of log; the budget bounds that, and thinning
 * sets how far apart checkpoints end up and how much a seek re-executes.
 */
const LEVELDB_DISK_FACTOR = 64
const LEVELDB_DISK_FLOOR = 1024 * 1024 * 1024

/** The checkpoints of a LevelDB run's keyed state (null on another backend). */
export function openLevelDbHistory(run: JobRun): LevelDbCheckpoints | null {
  const b = run.backend
  return b instanceof LevelDbStateBackend ? LevelDbCheckpoints.open(b) : null
}

/** The checkpoints' disk budget now (bytes): the one set (> 0), else a multiple of the state database. */
export function levelDbDiskBudget(configured: number, ldb: LevelDbCheckpoints | null): number {
  if (configured > 0) return configured
  return Math.max(LEVELDB_DISK_FLOOR, LEVELDB_DISK_FACTOR * (ldb?.lastBytes ?? 0))
}

/** A snapshot of a LevelDB run: the run without its keyed state, and a checkpoint holding that. */
export async function captureLevelDb(run: JobRun, ldb: LevelDbCheckpoints): Promise<{ snap: RunSnapshot; ldb: HistoryPart }> {
  const snap = await run.snapshot({ keyedState: false })
  return { snap, ldb: await ldb.capture() }
}

/** Puts a LevelDB run back to a snapshot: the database reopened on its checkpoint, then the rest of the run. */
export async function restoreLevelDb(run: JobRun, ldb: LevelDbCheckpoints, snap: RunSnapshot, part: HistoryPart): Promise<void> {
  await ldb.restore(part)
  await run.restore(snap, { keyedState: false })
}

/**
 * Thins (`thin`: time travel's, which drops every other snapshot) while the coming capture, if it grew the history as
 * much as the largest capture yet, would carry it past the disk budget, so the budget bounds the disk the checkpoints
 * hold rather than being passed once. `count`: how many snapshots there are (the first and last are never dropped).
 */
export function thinForCapture(ldb: LevelDbCheckpoints, budget: number, count: () => number, thin: () => void): void {
  while (count() > 2 && ldb.bytes + ldb.largestGrowth > budget) {
    const before = ldb.bytes
    thin()
    if (ldb.bytes >= before) return
  }
}
