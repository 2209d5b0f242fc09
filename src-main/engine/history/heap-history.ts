// Time travel's keyed state on the heap backend: every state table, timer queue and key registry of the
// run, kept as frames (everything) and deltas (what changed since the previous snapshot). A capture costs
// what changed since the last one, not the whole state, and a restore the state at the target plus the
// deltas since the frame it starts from. Values are kept as JSON text and timers and key counts as typed
// arrays (table-history.ts, timer-history.ts, registry-history.ts): the garbage collector does not look
// into those, where the same history as live objects would be millions of small objects marked again on
// every major collection.
//
// Frames come in two parts that are taken apart: "state" (tables and timers, which a restore rebuilds
// entry by entry) and "keys" (the registries' counts, which a restore copies as typed arrays, so their
// deltas are cheap to apply and their frames can be rare).
//
// What changed is journaled outside the stores: the run's observer reports every state write (each table's
// history notes the key, and whether it is being inserted), timer queues tell their watcher (a
// TimerJournal) of the timers added and removed, registries theirs (a RegistryJournal) of the keys
// touched. Each delta is computed from the journal since the last capture or restore, or since the live
// run passed a stored snapshot's step again (rebase), so it is relative to the snapshot before it (or,
// when a pass went unnoticed, to an earlier one: still right, only larger).
import { tableId, type TableMeta } from '../state/backend'
import { HeapStateBackend } from '../state/heap/heap-backend'
import type { JobRun } from '../runtime/job-run'
import { keyFromString } from '../runtime/key-codec'
import { KeyRegistry, RegistryEntry } from '../runtime/key-registry'
import { TimerQueue, type TimerHolder } from '../time/timer-queue'
import {
  mergeRegistryDeltas, registryDelta, registryFrame, RegistryJournal, restoreRegistry, type RegistryDelta, type RegistryFrame,
} from './registry-history'
import { mergeTableDeltas, tableDeltaSize, TableHistory, type TableDelta, type TableFrame, type TableKeys } from './table-history'
import {
  mergeTimerDeltas, TimerJournal, TimerRestorer, timerDelta, timerFrame, type TimerDelta, type TimerFrame, type TimerKey, type TimerKeys,
} from './timer-history'

// Weights count stored bytes / 64 (TimeTravelOptions.entryBudget): JSON text and 4 bytes a key in a
// delta, 20 bytes a key in a frame, 16 bytes a timer, 16 bytes a registry count.
const BYTES_PER_WEIGHT = 64
const TIMER_BYTES = 16
const REMOVED_BYTES = 4
const KEY_DELTA_BYTES = 16
const KEY_FRAME_BYTES = 12

export interface TimerPair { event: TimerFrame; processing: TimerFrame }
export interface HeapFrame {
  /** The "state" part: every table, and every operator's timers. */
  state: { tables: TableFrame[]; timers: TimerPair[] } | null
  /** The "keys" part: every operator's key registry. */
  keys: RegistryFrame[] | null
}
export interface HeapDelta { tables: Array<TableDelta | undefined>; ops: Array<{ keys: RegistryDelta; event: TimerDelta; processing: TimerDelta }> }

/** Restore work a delta or frame stands for, per part (entries a restore applies). */
export interface Work { state: number; keys: number }

/** One operator's heap stores, their journals, and how its timers name their keys. */
interface OpStores {
  keys: KeyRegistry; event: TimerQueue; processing: TimerQueue
  keysJournal: RegistryJournal; eventJournal: TimerJournal; processingJournal: TimerJournal
  eventKeys: TimerKeys; processingKeys: TimerKeys; restorer: TimerRestorer
}

export class HeapHistory {
  private readonly ops: OpStores[]
  private readonly opIds: string[]
  /** One per backend table, in the backend's order (tables created later are added as they appear). */
  private readonly tables: TableHistory[] = []
  /** The history of each table by its meta object (the one state writes are told with), and the last one looked up. */
  private readonly byMeta = new Map<TableMeta, TableHistory>()
  private lastMeta: TableMeta | null = null
  private lastTable: TableHistory | null = null

  private constructor(private readonly backend: HeapStateBackend, ops: OpStores[], opIds: string[]) {
    this.ops = ops
    this.opIds = opIds
    for (const o of ops) { o.keys.watcher = o.keysJournal; o.event.watcher = o.eventJournal; o.processing.watcher = o.processingJournal }
  }

  /** Told before every state write (an observer of the run calls it). */
  markWritten(meta: TableMeta, keyStr: string): void {
    const h = meta === this.lastMeta ? this.lastTable! : this.historyOf(meta)
    h.noteWrite(keyStr)
  }

  /**
   * A history for the run when all its keyed state is on the heap (in-memory tables, timers and keys),
   * else null. It watches the run from now on (state writes through the run's observer, timers and keys
   * through their stores' watchers).
   */
  static for(run: JobRun): HeapHistory | null {
    const b = run.backend
    if (!(b instanceof HeapStateBackend)) return null
    const ops: OpStores[] = []
    for (const op of run.keyedOps) {
      const keys = op.keys
      const event = op.eventTimers
      const processing = op.processingTimers
      if (!(keys instanceof KeyRegistry) || !(event instanceof TimerQueue) || !(processing instanceof TimerQueue)) return null
      ops.push({
        keys, event, processing,
        keysJournal: new RegistryJournal(), eventJournal: new TimerJournal(), processingJournal: new TimerJournal(),
        eventKeys: timerKeys(keys, event, 'et'), processingKeys: timerKeys(keys, processing, 'pt'), restorer: new TimerRestorer(),
      })
    }
    const history = new HeapHistory(b, ops, run.keyedOps.map((op) => op.id))
    run.observe({ beforeStateWrite: (meta, keyStr) => history.markWritten(meta, keyStr) })
    return history
  }

  /** The history of the table a write names (tables created since the last look get theirs now). */
  private historyOf(meta: TableMeta): TableHistory {
    let h = this.byMeta.get(meta)
    if (h === undefined) {
      const id = tableId(meta)
      h = this.tableHistories().find((x) => tableId(x.table.meta) === id)
      if (h === undefined) throw new Error(`internal: a write to ${id}, a table the heap backend does not have`)
      this.byMeta.set(meta, h)
    }
    this.lastMeta = meta
    this.lastTable = h
    return h
  }

  /** The tables' histories, one per backend table (a table created since gets one now). */
  private tableHistories(): TableHistory[] {
    const ts = this.backend.heapTables()
    for (let i = this.tables.length; i < ts.length; i++) {
      const op = this.ops[this.opIds.indexOf(ts[i].meta.operatorId)]
      const h = new TableHistory(ts[i], tableKeys(op?.keys))
      this.tables.push(h)
      this.byMeta.set(ts[i].meta, h)
    }
    return this.tables
  }

  /** The state was replaced outside time travel (a full restore): forget the journal. */
  reset(): void {
    this.rebase()
  }

  /** What a frame of each part would hold now (its restore work). */
  size(): Work {
    let state = 0
    let keys = 0
    for (const t of this.backend.heapTables()) state += t.data.size
    for (const o of this.ops) {
      state += o.event.size + o.processing.size
      keys += o.keys.size
    }
    return { state, keys }
  }

  /** What changed since the journal was last taken (and takes it). */
  delta(): { delta: HeapDelta; weight: number; work: Work } {
    let weight = 0
    let state = 0
    let keys = 0
    const tables = this.tableHistories().map((h) => {
      if (h.unchanged) return undefined
      const d = h.delta()
      weight += tableDeltaBytes(d) / BYTES_PER_WEIGHT
      state += tableDeltaSize(d)
      return d
    })
    const ops = this.ops.map((o) => {
      const d = {
        keys: registryDelta(o.keys, o.keysJournal),
        event: timerDelta(o.event, o.eventJournal, o.eventKeys),
        processing: timerDelta(o.processing, o.processingJournal, o.processingKeys),
      }
      weight += opDeltaWeight(d)
      state += timerWork(d.event) + timerWork(d.processing)
      keys += d.keys.ords.length
      return d
    })
    return { delta: { tables, ops }, weight: weight + 1, work: { state, keys } }
  }

  /** The parts asked for, of everything now (take the delta first: a frame reuses the texts it made). */
  frame(parts: { state: boolean; keys: boolean }): { frame: HeapFrame; weight: number } {
    let weight = 0
    let state: HeapFrame['state'] = null
    if (parts.state) {
      const tables = this.tableHistories().map((h) => h.frame())
      const timers = this.ops.map((o) => ({ event: timerFrame(o.event, o.eventKeys), processing: timerFrame(o.processing, o.processingKeys) }))
      // A frame's texts are the deltas' (shared): it costs a key, a reference and two offsets per key.
      for (const t of tables) weight += 20 * t.keys.length / BYTES_PER_WEIGHT
      for (const t of timers) weight += (t.event.timers.seq.length + t.processing.timers.seq.length) * TIMER_BYTES / BYTES_PER_WEIGHT
      state = { tables, timers }
    }
    let keys: HeapFrame['keys'] = null
    if (parts.keys) {
      keys = this.ops.map((o) => registryFrame(o.keys))
      for (const k of keys) weight += k.size * KEY_FRAME_BYTES / BYTES_PER_WEIGHT
    }
    return { frame: { state, keys }, weight }
  }

  /** The live run now equals a stored snapshot again (it stepped onto its step): forget the journal. */
  rebase(): void {
    for (const h of this.tableHistories()) h.rebase()
    this.clearJournals()
  }

  private clearJournals(): void {
    for (const o of this.ops) { o.keysJournal.clear(); o.eventJournal.clear(); o.processingJournal.clear() }
  }

  /**
   * Puts every table and timer queue back to `state` with `stateDeltas` applied after it, and every key
   * registry back to `keys` with `keysDeltas` applied after it.
   */
  restore(state: NonNullable<HeapFrame['state']>, stateDeltas: HeapDelta[], keys: RegistryFrame[], keysDeltas: HeapDelta[]): void {
    this.tableHistories().forEach((h, i) => h.restore(state.tables[i], stateDeltas.map((d) => d.tables[i])))
    this.ops.forEach((o, i) => {
      // Keys first: timers name their keys by registry ordinal.
      restoreRegistry(o.keys, keys[i], keysDeltas.map((d) => d.ops[i].keys))
      o.restorer.restore(o.event, state.timers[i].event, stateDeltas.map((d) => d.ops[i].event), o.eventKeys)
      o.restorer.restore(o.processing, state.timers[i].processing, stateDeltas.map((d) => d.ops[i].processing), o.processingKeys)
    })
    this.clearJournals()
  }

  /** One delta for `a` then `b`, for dropping the snapshot between them. */
  static merge(a: HeapDelta, b: HeapDelta): { delta: HeapDelta; weight: number; work: Work } {
    let weight = 0
    let state = 0
    let keys = 0
    const n = Math.max(a.tables.length, b.tables.length)
    const tables: Array<TableDelta | undefined> = []
    for (let i = 0; i < n; i++) {
      const x = a.tables[i]
      const y = b.tables[i]
      const d = x === undefined ? y : y === undefined ? x : mergeTableDeltas(x, y)
      if (d !== undefined) { weight += tableDeltaBytes(d) / BYTES_PER_WEIGHT; state += tableDeltaSize(d) }
      tables.push(d)
    }
    const ops = a.ops.map((x, i) => {
      const y = b.ops[i]
      const d = { keys: mergeRegistryDeltas(x.keys, y.keys), event: mergeTimerDeltas(x.event, y.event), processing: mergeTimerDeltas(x.processing, y.processing) }
      weight += opDeltaWeight(d)
      state += timerWork(d.event) + timerWork(d.processing)
      keys += d.keys.ords.length
      return d
    })
    return { delta: { tables, ops }, weight: weight + 1, work: { state, keys } }
  }
}

function tableDeltaBytes(d: TableDelta): number {
  return d.blob.length + 8 * d.keys.length + 4 * d.gone.length
}

/**
 * Table keys as numbers: the operator's key-registry ordinals (a table's keys are its operator's keys);
 * a key the registry does not know (a state written outside the run's own steps) gets a negative one.
 */
function tableKeys(reg: KeyRegistry | undefined): TableKeys {
  const extra: string[] = []
  const extraIndex = new Map<string, number>()
  return {
    ordinalOf(k: string): number {
      const o = reg === undefined ? -1 : reg.ordinalOf(k)
      if (o >= 0) return o
      let i = extraIndex.get(k)
      if (i === undefined) { i = extra.length; extra.push(k); extraIndex.set(k, i) }
      return -1 - i
    },
    keyAt: (ord: number): string => (ord >= 0 ? reg!.entryAt(ord).keyStr : extra[-1 - ord]),
  }
}

function timerWork(t: TimerDelta): number {
  return t.added.seq.length + t.removed.length
}

function opDeltaWeight(d: HeapDelta['ops'][number]): number {
  const timers = (t: TimerDelta): number => t.added.seq.length * TIMER_BYTES + t.removed.length * REMOVED_BYTES
  return (d.keys.ords.length * KEY_DELTA_BYTES + timers(d.event) + timers(d.processing)) / BYTES_PER_WEIGHT
}

/**
 * How one timer queue's timers name their keys: by registry ordinal (cached on the key's holder), and
 * back to the key and its holder (cached on the registry entry, as the keyed operator does: .et / .pt).
 */
function timerKeys(reg: KeyRegistry, q: TimerQueue, cache: 'et' | 'pt'): TimerKeys {
  // A timer of a key the registry does not know (restored from a savepoint without it) gets a negative number.
  const extra: TimerKey[] = []
  const ordinalOf = (h: TimerHolder): number => {
    const o = reg.ordinalOf(h.keyStr)
    if (o >= 0) return o
    extra.push({ keyStr: h.keyStr, key: keyFromString(h.keyStr) })
    return -extra.length
  }
  return {
    ordinalOf: (h: TimerHolder): number => h.ord ?? (h.ord = ordinalOf(h)),
    keyAt: (ord: number): TimerKey => (ord >= 0 ? reg.entryAt(ord) : extra[-1 - ord]),
    holderOf: (k: TimerKey): TimerHolder => {
      if (!(k instanceof RegistryEntry)) return q.holderFor(k.keyStr)
      return k[cache] ?? (k[cache] = q.holderFor(k.keyStr))
    },
  }
}
