// Time travel's keyed state on the LevelDB backend, in bounded memory: the heap's idea (engine/history/)
// at the level of LevelDB records. Every table, key registry (with its keys' timers) and timer bucket is
// records of one database, all written through the write-back store's batches, so a snapshot's delta is
// the records written since the snapshot before it (journaled as the batches are cut), and a frame now
// and then is every record. Both go to a history database of their own on disk (history-db.ts); memory
// holds only the journal since the last snapshot.
//
// Restoring snapshot t from the live run, whose database is snapshot b's plus the journal (b: the snapshot
// the journal is relative to), rewrites only the records that can differ, with their text at t:
//  - "partial": the keys of the journal and of the deltas between b and t, each looked up at t in t's
//    delta, the deltas before it, then the frame they start from (newest first; a key found nowhere did
//    not exist at t). Near seeks cost what changed between the two points.
//  - "full", when those deltas hold more records than the frame: t's state is the frame plus the deltas
//    after it; the live records are compared with it and only those that differ are rewritten.
// Then the backend reloads what it keeps in memory about its records (rows, time indexes). A delta
// journaled since an older base than the snapshot before it (after a seek) holds more keys, each with
// its value at its own snapshot, so looking keys up newest first stays right.
import { join } from 'node:path'
import { makeTempHistoryDir } from '../../temp-state-dirs'
import type { LevelDbStateBackend } from '../leveldb-backend'
import { HistoryDb } from './history-db'

/** A snapshot's part of the history: its id, the records its delta holds and its frame's (null: none). */
export interface HistoryPart { id: number; delta: number; frame: number | null }

/** How the last restore went (the benchmark and tests read it). */
export interface RestoreStats { mode: 'partial' | 'full'; read: number; rewritten: number }

const DELETED = '-'
const SET = '+'

export class LevelDbHistory {
  /** Records written since the journal was last taken: their text now, undefined when deleted. */
  private journal = new Map<string, string | undefined>()
  private nextId = 0
  private needFrame = true
  lastRestore: RestoreStats | null = null

  private constructor(private readonly backend: LevelDbStateBackend, private readonly db: HistoryDb) {
    backend.setJournal((key, text) => { this.journal.set(key, text) })
  }

  /** Opens a history for the backend's run: in `dir` (kept), or in a temporary folder removed on close. */
  static async open(backend: LevelDbStateBackend, dir?: string): Promise<LevelDbHistory> {
    const owned = dir === undefined ? makeTempHistoryDir() : null
    const db = await HistoryDb.open(owned === null ? dir! : join(owned, 'history'), owned)
    return new LevelDbHistory(backend, db)
  }

  /** Where the history is (tests). */
  get dir(): string { return this.db.dir }

  /** Records journaled since the last snapshot (the only history held in memory). */
  get journaled(): number { return this.journal.size }

  /**
   * A snapshot of now: the delta since the journal was last taken, and a frame when asked (or when the
   * history has none to start from). Flushes the state first, so the journal holds every write.
   */
  async capture(frame: boolean): Promise<HistoryPart> {
    await this.backend.flush()
    const id = this.nextId++
    const entries: Array<[string, string]> = []
    for (const [key, text] of this.journal) entries.push([key, text === undefined ? DELETED : SET + text])
    this.journal = new Map()
    const delta = await this.db.write('d', id, [entries])
    let frameRecords: number | null = null
    if (frame || this.needFrame) {
      frameRecords = await this.db.write('f', id, this.backend.records())
      this.needFrame = false
    }
    return { id, delta, frame: frameRecords }
  }

  /** The live run equals a stored snapshot again (it stepped onto its step): the journal starts over. */
  rebase(): void {
    this.journal.clear()
  }

  /** The state was replaced outside time travel: forget the history; the next snapshot takes a frame. */
  async reset(): Promise<void> {
    this.journal.clear()
    this.needFrame = true
    await this.db.clear()
  }

  /**
   * Puts the backend's records back to snapshot parts[target], the live database being parts[base]'s
   * plus the journal (base -1: unknown, compare everything).
   */
  async restore(parts: HistoryPart[], target: number, base: number): Promise<void> {
    await this.backend.flush() // the journal gets the writes still in the cache
    let f = target
    while (parts[f].frame === null) f--
    let between = Infinity
    if (base >= 0) {
      between = this.journal.size
      for (let j = Math.min(base, target) + 1; j <= Math.max(base, target); j++) between += parts[j].delta
    }
    const changes = between < parts[f].frame! ? await this.partial(parts, f, target, base) : await this.full(parts, f, target)
    await this.backend.rewriteRecords(changes)
    this.journal.clear()
  }

  private async partial(parts: HistoryPart[], f: number, target: number, base: number): Promise<Map<string, string | undefined>> {
    let read = 0
    const pending = new Set(this.journal.keys())
    for (let j = Math.min(base, target) + 1; j <= Math.max(base, target); j++) {
      for await (const chunk of this.db.scan('d', parts[j].id)) { read += chunk.length; for (const [key] of chunk) pending.add(key) }
    }
    const out = new Map<string, string | undefined>()
    const found = (key: string, stored: string): void => { out.set(key, stored === DELETED ? undefined : stored.slice(1)); pending.delete(key) }
    // Newest first: the first delta holding a key has its value at the target.
    for (let j = target; j > f && pending.size > 0; j--) {
      const p = parts[j]
      if (pending.size * 4 < p.delta) {
        for (const key of [...pending]) { const v = this.db.get('d', p.id, key); read++; if (v !== undefined) found(key, v) }
      } else {
        for await (const chunk of this.db.scan('d', p.id)) { read += chunk.length; for (const [key, v] of chunk) if (pending.has(key)) found(key, v) }
      }
    }
    if (pending.size > 0) {
      const frame = parts[f]
      if (pending.size * 4 < frame.frame!) {
        for (const key of pending) { out.set(key, this.db.get('f', frame.id, key)); read++ }
      } else {
        for await (const chunk of this.db.scan('f', frame.id)) {
          read += chunk.length
          for (const [key, v] of chunk) if (pending.has(key)) { out.set(key, v); pending.delete(key) }
        }
        for (const key of pending) out.set(key, undefined)
      }
    }
    this.lastRestore = { mode: 'partial', read, rewritten: out.size }
    return out
  }

  private async full(parts: HistoryPart[], f: number, target: number): Promise<Map<string, string | undefined>> {
    let read = 0
    const state = new Map<string, string>()
    for await (const chunk of this.db.scan('f', parts[f].id)) { read += chunk.length; for (const [key, v] of chunk) state.set(key, v) }
    for (let j = f + 1; j <= target; j++) {
      for await (const chunk of this.db.scan('d', parts[j].id)) {
        read += chunk.length
        for (const [key, v] of chunk) { if (v === DELETED) state.delete(key); else state.set(key, v.slice(1)) }
      }
    }
    // Only what differs from the live records is rewritten.
    const out = new Map<string, string | undefined>()
    for await (const chunk of this.backend.records()) {
      read += chunk.length
      for (const [key, v] of chunk) {
        const t = state.get(key)
        if (t === undefined) out.set(key, undefined)
        else { if (t !== v) out.set(key, t); state.delete(key) }
      }
    }
    for (const [key, t] of state) out.set(key, t)
    this.lastRestore = { mode: 'full', read, rewritten: out.size }
    return out
  }

  /** Stops journaling and closes the history (its temporary folder is removed). */
  async close(): Promise<void> {
    this.backend.setJournal(null)
    await this.db.close()
  }
}
