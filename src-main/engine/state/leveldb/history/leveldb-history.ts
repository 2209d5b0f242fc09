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
//  - "full", when those deltas hold more records than a frame: the states at t and at b (each a frame
//    plus the deltas after it, b's plus the journal) are compared, and only the records that differ are
//    rewritten. No read of the live database: the history is packed (history-db.ts), its records are
//    much cheaper to read than the live ones.
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
export interface RestoreStats { mode: 'partial' | 'full'; read: number; rewritten: number; millis: number }

const DELETED = '-'
const SET = '+'

export class LevelDbHistory {
  /** Records written since the journal was last taken: their text now, undefined when deleted. */
  private journal = new Map<string, string | undefined>()
  private nextId = 0
  private needFrame = true
  lastRestore: RestoreStats | null = null
  /** What the last capture's frame took (ms; 0 without one): time travel leaves it out of its cost model. */
  lastFrameMillis = 0

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
    const c0 = performance.now()
    await this.backend.flush()
    const c1 = performance.now()
    const id = this.nextId++
    const entries: Array<[string, string]> = []
    for (const [key, text] of this.journal) entries.push([key, text === undefined ? DELETED : SET + text])
    this.journal = new Map()
    const delta = await this.db.write('d', id, [entries])
    let frameRecords: number | null = null
    this.lastFrameMillis = 0
    if (frame || this.needFrame) {
      const t0 = performance.now()
      frameRecords = await this.db.write('f', id, this.backend.records())
      this.needFrame = false
      this.lastFrameMillis = performance.now() - t0
    }
    if (process.env.RIFFLE_DEBUG_HISTORY) process.stderr.write(`capture ${id}: flush ${(c1 - c0).toFixed(1)} ms, delta ${delta} records, frame ${frameRecords} records ${this.lastFrameMillis.toFixed(1)} ms, total ${(performance.now() - c0).toFixed(1)} ms\n`)
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
   * plus the journal (base -1: unknown, compare with the database itself).
   */
  async restore(parts: HistoryPart[], target: number, base: number): Promise<void> {
    const t0 = performance.now()
    await this.backend.flush() // the journal gets the writes still in the cache
    let between = Infinity
    if (base >= 0) {
      between = this.journal.size
      for (let j = Math.min(base, target) + 1; j <= Math.max(base, target); j++) between += parts[j].delta
    }
    const changes = between < parts[frameOf(parts, target)].frame! ? await this.partial(parts, target, base) : await this.full(parts, target, base)
    const t1 = performance.now()
    await this.backend.rewriteRecords(changes)
    this.journal.clear()
    this.lastRestore!.millis = performance.now() - t0
    if (process.env.RIFFLE_DEBUG_HISTORY) {
      process.stderr.write(`restore ${this.lastRestore!.mode}: read ${this.lastRestore!.read} records in ${(t1 - t0).toFixed(1)} ms, rewrote ${changes.size}\n`)
    }
  }

  /** The records that can differ (journal, deltas between base and target), each as it was at the target. */
  private async partial(parts: HistoryPart[], target: number, base: number): Promise<Map<string, string | undefined>> {
    let read = 0
    const pending = new Set(this.journal.keys())
    for (let j = Math.min(base, target) + 1; j <= Math.max(base, target); j++) {
      for await (const flat of this.db.scan('d', parts[j].id)) { read += flat.length / 2; for (let i = 0; i < flat.length; i += 2) pending.add(flat[i]) }
    }
    const out = new Map<string, string | undefined>()
    // Newest first: the first delta holding a key has its value at the target.
    const f = frameOf(parts, target)
    for (let j = target; j > f && pending.size > 0; j--) {
      for await (const flat of this.db.scan('d', parts[j].id)) {
        read += flat.length / 2
        for (let i = 0; i < flat.length; i += 2) {
          const key = flat[i]
          if (!pending.has(key)) continue
          const v = flat[i + 1]
          out.set(key, v === DELETED ? undefined : v.slice(1))
          pending.delete(key)
        }
      }
    }
    if (pending.size > 0) {
      for await (const flat of this.db.scan('f', parts[f].id)) {
        read += flat.length / 2
        for (let i = 0; i < flat.length; i += 2) if (pending.has(flat[i])) { out.set(flat[i], flat[i + 1]); pending.delete(flat[i]) }
      }
      // Not in the frame either: the record did not exist at the target.
      for (const key of pending) out.set(key, undefined)
    }
    this.lastRestore = { mode: 'partial', read, rewritten: out.size, millis: 0 }
    return out
  }

  /** The target's records against the live ones (rebuilt from the history when the base is known): what differs. */
  private async full(parts: HistoryPart[], target: number, base: number): Promise<Map<string, string | undefined>> {
    const counter = { read: 0 }
    const want = await this.stateAt(parts, target, counter)
    const out = new Map<string, string | undefined>()
    const compare = (key: string, v: string): void => {
      const t = want.get(key)
      if (t === undefined) out.set(key, undefined)
      else { if (t !== v) out.set(key, t); want.delete(key) }
    }
    if (base >= 0) {
      const live = await this.stateAt(parts, base, counter)
      for (const [key, text] of this.journal) { if (text === undefined) live.delete(key); else live.set(key, text) }
      for (const [key, v] of live) compare(key, v)
    } else {
      for await (const chunk of this.backend.records()) { counter.read += chunk.length; for (const [key, v] of chunk) compare(key, v) }
    }
    for (const [key, t] of want) out.set(key, t)
    this.lastRestore = { mode: 'full', read: counter.read, rewritten: out.size, millis: 0 }
    return out
  }

  /** Every record at snapshot parts[j]: its frame, then the deltas after it. */
  private async stateAt(parts: HistoryPart[], j: number, counter: { read: number }): Promise<Map<string, string>> {
    const f = frameOf(parts, j)
    const state = new Map<string, string>()
    for await (const flat of this.db.scan('f', parts[f].id)) {
      counter.read += flat.length / 2
      for (let i = 0; i < flat.length; i += 2) state.set(flat[i], flat[i + 1])
    }
    for (let k = f + 1; k <= j; k++) {
      for await (const flat of this.db.scan('d', parts[k].id)) {
        counter.read += flat.length / 2
        for (let i = 0; i < flat.length; i += 2) { const v = flat[i + 1]; if (v === DELETED) state.delete(flat[i]); else state.set(flat[i], v.slice(1)) }
      }
    }
    return state
  }

  /** Stops journaling and closes the history (its temporary folder is removed). */
  async close(): Promise<void> {
    this.backend.setJournal(null)
    await this.db.close()
  }
}

/** The position of the latest snapshot at or before parts[j] that has a frame. */
function frameOf(parts: HistoryPart[], j: number): number {
  let f = j
  while (parts[f].frame === null) f--
  return f
}
