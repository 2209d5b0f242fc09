// Incremental run snapshots for time travel on the heap backend (issue 5 §1). A full snapshot copies
// every state value, timer and key-registry entry; here a snapshot shares everything unchanged since the
// snapshot the live run last equalled (its "base": the last one captured or restored) and copies only
// the state entries written since (the change tracker reports every write, CL3 cleanups included).
// Snapshot objects are never mutated (restore copies them), so sharing is safe, and memory grows with
// what changed rather than with the whole state. The result is an ordinary RunSnapshot: table entries
// keep the live tables' iteration order (incremental TTL cleanup walks keys in that order).
import type { StateBackend, Table, TableDump, TableMeta } from '../engine/state/backend'
import { isMapTable, tableId } from '../engine/state/backend'
import { deepCopy } from '../engine/state/copy'
import type { JobRun } from '../engine/runtime/job-run'
import type { KeyInfo } from '../engine/runtime/key-registry'
import type { NodeSnapshot, RunSnapshot } from '../engine/runtime/run-snapshot'
import type { TimerDump } from '../engine/time/timer-queue'

type Entry = [string, unknown]

interface BaseIndex {
  snap: RunSnapshot
  /** table id → key → the base snapshot's entry tuple (built when the next capture needs it). */
  tables: Map<string, Map<string, Entry>> | null
}

export class IncrementalSnapshots {
  /** Keys written since the base, per table (filled by the change tracker). */
  readonly dirty = new Map<TableMeta, Set<string>>()
  private base: BaseIndex | null = null

  constructor(private readonly run: JobRun, private readonly backend: StateBackend) {}

  /** Told before every state write (StepRecorder.dirty hook). */
  markDirty(meta: TableMeta, keyStr: string): void {
    let s = this.dirty.get(meta)
    if (s === undefined) { s = new Set(); this.dirty.set(meta, s) }
    s.add(keyStr)
  }

  /** The live state now equals `snap` (after a restore). */
  restored(snap: RunSnapshot): void {
    this.base = { snap, tables: null }
    this.dirty.clear()
  }

  /** Forget the base (the run was restored from elsewhere): the next capture copies everything. */
  reset(): void {
    this.base = null
    this.dirty.clear()
  }

  /** A snapshot of the run now; returns it with the number of newly copied objects (its memory weight). */
  async capture(): Promise<{ snap: RunSnapshot; weight: number }> {
    const { tables, copied } = this.buildTables()
    const b = this.backend
    // JobRun.snapshot() assembles driver, reader position and operators; it takes the tables and the key
    // registries from here (instance patches for the duration of the call).
    const undo: Array<() => void> = [patch(b, 'dump', async (): Promise<TableDump[]> => tables)]
    const baseNodes = this.base?.snap.nodes
    for (const op of this.run.keyedOps) {
      const baseKeys = baseNodes?.find((n) => n.id === op.id)?.keyed?.keys
      if (baseKeys !== undefined) undo.push(patch(op.keys, 'dump', () => registryDump(op.keys.byKeyStr, op.keys.size, baseKeys)))
    }
    let snap: RunSnapshot
    try {
      snap = await this.run.snapshot()
    } finally {
      for (const u of undo) u()
    }
    const sharedNodes = this.base === null ? 0 : shareNodes(snap.nodes, this.base.snap.nodes)
    let nodeObjects = 0
    for (const n of snap.nodes) if (n.keyed) nodeObjects += n.keyed.keys.length + n.keyed.eventTimers.length + n.keyed.processingTimers.length
    this.restored(snap)
    return { snap, weight: copied + (nodeObjects - sharedNodes) + 1 }
  }

  private buildTables(): { tables: TableDump[]; copied: number } {
    const dirtyById = new Map<string, Set<string>>()
    for (const [meta, keys] of this.dirty) dirtyById.set(tableId(meta), keys)
    const out: TableDump[] = []
    let copied = 0
    if (this.base !== null && this.base.tables === null) this.base.tables = indexTables(this.base.snap.tables)
    for (const t of this.backend.tables()) {
      const id = tableId(t.meta)
      const baseTable = this.base?.tables?.get(id)
      const dirty = dirtyById.get(id)
      const entries: Entry[] = []
      for (const key of t.keys()) {
        const shared = baseTable !== undefined && (dirty === undefined || !dirty.has(key)) ? baseTable.get(key) : undefined
        if (shared !== undefined) { entries.push(shared); continue }
        entries.push([key, copyOf(t, key)])
        copied++
      }
      out.push({ meta: { ...t.meta }, entries })
    }
    return { tables: out, copied }
  }
}

/** Sets an own property for a while; the returned function puts back what was there. */
function patch<T extends object, K extends keyof T>(o: T, name: K, value: T[K]): () => void {
  const own = Object.prototype.hasOwnProperty.call(o, name)
  const orig = o[name]
  o[name] = value
  return () => {
    if (own) o[name] = orig
    else delete (o as Partial<T>)[name]
  }
}

/**
 * KeyRegistry.dump() that reuses the base's entry where the key's info is unchanged. The registry only
 * grows and keeps insertion order, so entry i is compared with the base's entry i.
 */
function registryDump(live: Iterable<[string, KeyInfo]>, size: number, base: Array<[string, KeyInfo]>): Array<[string, KeyInfo]> {
  const out: Array<[string, KeyInfo]> = new Array(size)
  let i = 0
  for (const [ks, v] of live) {
    const old = i < base.length ? base[i] : undefined
    if (old !== undefined && old[0] === ks && old[1].lastTouchedStep === v.lastTouchedStep && old[1].records === v.records && old[1].firstStep === v.firstStep) out[i] = old
    else out[i] = [ks, { key: v.key, keyGroup: v.keyGroup, firstStep: v.firstStep, lastTouchedStep: v.lastTouchedStep, records: v.records }]
    i++
  }
  return out
}

function copyOf(t: Table, key: string): unknown {
  if (isMapTable(t)) return [...t.entries(key)].map(([uk, v]) => [uk, deepCopy(v)])
  return deepCopy(t.get(key))
}

function indexTables(dumps: TableDump[]): Map<string, Map<string, Entry>> {
  const m = new Map<string, Map<string, Entry>>()
  for (const d of dumps) m.set(tableId(d.meta), new Map(d.entries.map((e) => [e[0], e as Entry])))
  return m
}

/**
 * Replaces registry entries and timers equal to the base's with the base's objects; returns how many.
 * No lookup tables: the key registry only grows and keeps its order, so entry i is the same key in both
 * (when it is not, nothing is shared); timers come sorted by (timestamp, seq) and are merged in that order.
 */
function shareNodes(nodes: NodeSnapshot[], baseNodes: NodeSnapshot[]): number {
  let shared = 0
  for (const n of nodes) {
    const b = baseNodes.find((x) => x.id === n.id)?.keyed
    const k = n.keyed
    if (k === undefined || b === undefined) continue
    const m = Math.min(k.keys.length, b.keys.length)
    for (let i = 0; i < m; i++) {
      const [ks, info] = k.keys[i]
      const old = b.keys[i]
      if (old[0] === ks && old[1].lastTouchedStep === info.lastTouchedStep && old[1].records === info.records &&
        old[1].firstStep === info.firstStep) { k.keys[i] = old; shared++ }
    }
    shared += shareSorted(k.eventTimers, b.eventTimers) + shareSorted(k.processingTimers, b.processingTimers)
  }
  return shared
}

function shareSorted(list: TimerDump[], base: TimerDump[]): number {
  let shared = 0
  let j = 0
  for (let i = 0; i < list.length && j < base.length; i++) {
    const t = list[i]
    while (j < base.length && (base[j].timestamp < t.timestamp || (base[j].timestamp === t.timestamp && base[j].seq < t.seq))) j++
    const old = base[j]
    if (old !== undefined && old.seq === t.seq && old.timestamp === t.timestamp && old.keyStr === t.keyStr) { list[i] = old; shared++; j++ }
  }
  return shared
}
