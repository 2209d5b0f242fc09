// Time travel's keyed state on the LevelDB backend, in bounded memory: every snapshot is a checkpoint of
// the state database on disk (checkpoint-files.ts: its table files and write-ahead log hard-linked, so
// consecutive checkpoints share the log and every table a compaction has not rewritten since, and a
// checkpoint costs a flush and a few links, not a copy of the state), plus the time index of the timer
// queues ordered in memory (timer-history.ts, as deltas). Restoring one installs its files in place of
// the live database and reopens it: the cost is that of opening a database and replaying up to
// MAX_LOG_BYTES of log, whatever the size of the state or how far the seek goes; nothing is written back.
//
// Disk: each checkpoint pins the log and the tables the live database has compacted away since; `bytes`
// counts every distinct file (by inode, a log at the largest length linked) the checkpoints hold, and
// time travel drops checkpoints to stay in its budget.
// The folder belongs to the session: close() removes it; a session worker makes it inside the scratch folder
// its thread removes however the worker ends, and a folder whose owner process is gone is removed by the
// next process's sweep (engine/state/temp-state-dirs.ts).
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { makeTempHistoryDir } from '../../temp-state-dirs'
import type { LevelDbStateBackend } from '../leveldb-backend'
import type { CheckpointFile } from './checkpoint-files'
import { TimerHistory } from './timer-history'

/** A snapshot's part of the history: its checkpoint's number. */
export interface HistoryPart { id: number }

/** How the last restore went (the benchmark and tests read it). */
export interface RestoreStats { id: number; millis: number }

/** The subfolder of the timer files (timer-history.ts), beside one folder per checkpoint. */
export const TIMERS_DIR = 'timers'

/**
 * A checkpoint writes LevelDB's memtable out to a table first once its log holds this many bytes: a restore
 * replays the log (tens of ms per MB), and each table written out is soon compacted with the whole state
 * (every checkpoint until the next one pins that rewrite), so the log is a cheap delta up to a point.
 */
const MAX_LOG_BYTES = 8 * 1024 * 1024

export class LevelDbCheckpoints {
  private nextId = 0
  /** Each checkpoint's files; a file's inode is counted once however many checkpoints hold it. */
  private readonly files = new Map<number, CheckpointFile[]>()
  private readonly inodes = new Map<number, { size: number; refs: number }>()
  /** Bytes on disk of every distinct database file the checkpoints hold (tables shared with the live database included). */
  private fileBytes = 0
  private readonly timers: TimerHistory
  /** The largest `bytes` reached (the benchmark's disk figure). */
  peakBytes = 0
  /** The most one capture has added to `bytes` (time travel thins ahead of a capture by it). */
  largestGrowth = 0
  /** Bytes of the newest checkpoint's database files but its log: the size of the state database's tables then. */
  lastBytes = 0
  lastRestore: RestoreStats | null = null
  private closed = false

  private constructor(private readonly backend: LevelDbStateBackend, readonly dir: string) {
    this.timers = new TimerHistory(join(dir, TIMERS_DIR))
  }

  /** Bytes on disk of every distinct file the checkpoints hold (tables shared with the live database included). */
  get bytes(): number { return this.fileBytes + this.timers.bytes }

  /** A history for the backend's run, in a temporary folder of its own beside the state (hard links need one file system). */
  static open(backend: LevelDbStateBackend): LevelDbCheckpoints {
    return new LevelDbCheckpoints(backend, makeTempHistoryDir())
  }

  /** Checkpoints held now. */
  get count(): number { return this.files.size }

  /** A checkpoint of now (between steps). */
  async capture(): Promise<HistoryPart> {
    const id = this.nextId++
    const dest = this.pathOf(id)
    const { files, timers } = await this.backend.checkpoint(dest, MAX_LOG_BYTES)
    const before = this.bytes
    const timerBytes = this.timers.capture(id, timers)
    this.files.set(id, files)
    this.lastBytes = 0
    for (const f of files) {
      if (!f.name.endsWith('.log')) this.lastBytes += f.size
      const n = this.inodes.get(f.ino)
      // A log shared with earlier checkpoints has grown since: count it at its size now.
      if (n !== undefined) { n.refs++; if (f.size > n.size) { this.fileBytes += f.size - n.size; n.size = f.size } continue }
      this.inodes.set(f.ino, { size: f.size, refs: 1 })
      this.fileBytes += f.size
    }
    this.peakBytes = Math.max(this.peakBytes, this.bytes)
    this.largestGrowth = Math.max(this.largestGrowth, this.bytes - before)
    if (process.env.RIFFLE_DEBUG_HISTORY) process.stderr.write(`checkpoint ${id}: ${files.map((f) => `${f.name} ${f.size}`).join(', ')}, timers ${timerBytes}; history ${this.bytes} bytes\n`)
    return { id }
  }

  /** Puts the backend's database back to the checkpoint (the run's own snapshot is restored by the caller). */
  async restore(part: HistoryPart): Promise<void> {
    const t0 = performance.now()
    const files = this.files.get(part.id)
    if (files === undefined) throw new Error(`internal: time-travel checkpoint ${part.id} was dropped`)
    await this.backend.reopenFrom(this.pathOf(part.id), files, this.timers.load(part.id))
    this.lastRestore = { id: part.id, millis: performance.now() - t0 }
  }

  /** Removes a checkpoint (thinning); the files it shared with others stay. */
  drop(part: HistoryPart): void {
    const files = this.files.get(part.id)
    if (files === undefined) return
    this.files.delete(part.id)
    for (const f of files) {
      const n = this.inodes.get(f.ino)
      if (n === undefined || --n.refs > 0) continue
      this.inodes.delete(f.ino)
      this.fileBytes -= n.size
    }
    this.timers.drop(part.id)
    rmSync(this.pathOf(part.id), { recursive: true, force: true })
  }

  /** Drops every checkpoint (the state was replaced outside time travel). */
  reset(): void {
    for (const id of [...this.files.keys()]) this.drop({ id })
  }

  /** Removes the history's folder. */
  close(): void {
    if (this.closed) return
    this.closed = true
    rmSync(this.dir, { recursive: true, force: true })
  }

  private pathOf(id: number): string {
    return join(this.dir, String(id))
  }
}
