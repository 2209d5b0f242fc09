// One savepoint from the savepoints of the N subtasks of a `--parallelism N` run (docs/savepoint-format.md,
// "Parallelism"): the same format as a single run's, holding every key group, so any parallelism M restores
// it (savepoint-share.ts cuts it down again), as a Flink savepoint is rescaled by moving key groups.
//
// Every subtask read the whole recording, so what is operator-wide (reader position, records in,
// watermarks coming into the keyed operators) is the same in all of them and is checked to be; what each
// keyed operator holds per key (keys, timers, state entries) is disjoint and is joined in subtask order.
import { RiffleError } from '../../common/errors'
import type { TableMeta } from '../state/backend'
import { openSavepoint, type OpenedSavepoint, type StreamSource, type TableSource } from '../state/savepoint'
import type { CleanupPosition } from '../state/ttl/ttl-incremental-cleanup'
import type { TimerDump } from '../time/timer-queue'
import type { KeyInfo } from './key-registry'
import { type EngineJson, keyedStreams, writeExplained } from './run-savepoint'
import { keyedStreamNames, type KeyedStateSource, type NodeSnapshot } from './run-snapshot'

type Snapshot = EngineJson['snapshot']
type Keyed = NonNullable<NodeSnapshot['keyed']>

/** Writes the savepoint at `dir` that joins the subtask savepoints at `parts` (subtask 0 first), atomically. */
export async function writeMergedSavepoint(parts: string[], dir: string): Promise<void> {
  const opened: OpenedSavepoint[] = []
  for (const p of parts) opened.push(await openSavepoint(p))
  const engines = opened.map((o, i) => engineOf(parts[i], o))
  const state = opened.map((o, i) => keyedState(parts[i], o, engines[i].snapshot))
  const snapshot = mergeSnapshots(engines.map((e) => e.snapshot))
  const streams: StreamSource[] = []
  for (const node of snapshot.nodes) {
    const k = node.keyed
    if (k === undefined) continue
    const names = keyedStreamNames(node.id)
    // Timers are collected (as a restore does) to give them one sequence in firing order.
    const eventTimers = joinTimers(await Promise.all(state.map((s) => s.eventTimers(node.id))))
    const processingTimers = joinTimers(await Promise.all(state.map((s) => s.processingTimers(node.id))))
    k.eventSeq = eventTimers.length
    k.processingSeq = processingTimers.length
    streams.push({ name: names.keys, items: joinKeys(state, node.id) })
    streams.push({ name: names.eventTimers, items: eventTimers })
    streams.push({ name: names.processingTimers, items: processingTimers })
  }
  const recording = engines[0].recording
  for (const [i, e] of engines.entries()) same(parts[i], 'recording', e.recording, recording)
  const engine: EngineJson = { snapshot, recording, subtasks: parts.length }
  const createdBy = opened[0].createdBy.replace(/\)$/, `, ${parts.length} subtasks)`)
  await writeExplained(dir, { createdBy, tables: joinTables(opened), engine, streams })
}

function engineOf(dir: string, sp: OpenedSavepoint): EngineJson {
  const e = sp.engine as Partial<EngineJson> | null
  if (e?.snapshot === undefined || e.recording === undefined) throw new RiffleError('SAVEPOINT_INVALID', `${dir}: the savepoint holds no run snapshot (engine.json)`)
  return e as EngineJson
}

/** A subtask's keys and timers: from its streams, or inline in its snapshot (savepoints before streams). */
function keyedState(dir: string, sp: OpenedSavepoint, s: Snapshot): KeyedStateSource {
  const streamed = keyedStreams(dir, sp)
  const inline = (id: string): Keyed | undefined => {
    const k = s.nodes.find((n) => n.id === id)?.keyed
    return k?.streamed === true ? undefined : k
  }
  return {
    async *keys(id) {
      const k = inline(id)
      yield* k === undefined ? streamed.keys(id) : k.keys
    },
    eventTimers: async (id) => inline(id)?.eventTimers ?? streamed.eventTimers(id),
    processingTimers: async (id) => inline(id)?.processingTimers ?? streamed.processingTimers(id),
  }
}

/** Fails unless a subtask's `what` is the same as the first subtask's: a part from another run or a bug. */
function same(dir: string, what: string, value: unknown, first: unknown): void {
  if (JSON.stringify(value) !== JSON.stringify(first)) {
    throw new RiffleError('INTERNAL', `the subtasks' savepoints disagree on ${what} (${dir}: ${JSON.stringify(value)}, subtask 0: ${JSON.stringify(first)})`)
  }
}

/** The run snapshot of the whole run: operator-wide values checked equal, per-subtask ones joined. */
export function mergeSnapshots(snaps: Snapshot[]): Snapshot {
  const [first] = snaps
  for (const [i, s] of snaps.entries()) {
    const at = `subtask ${i}`
    if (s.driver.inFlight !== undefined) throw new RiffleError('INTERNAL', `${at}'s savepoint was taken in the middle of a step`)
    const { processingTime: _p, finished: _f, ...driver } = s.driver
    const { processingTime: _p0, finished: _f0, ...driver0 } = first.driver
    same(at, 'the driver', driver, driver0)
    same(at, 'the reader position', s.reader, first.reader)
    same(at, 'the operators', s.nodes.map((n) => [n.id, n.assigner, n.keyed?.inputWatermark]), first.nodes.map((n) => [n.id, n.assigner, n.keyed?.inputWatermark]))
  }
  return {
    format: first.format,
    version: first.version,
    // Steps count timer firings, which each subtask has of its own keys only: the largest is kept.
    step: Math.max(...snaps.map((s) => s.step)),
    driver: {
      ...first.driver,
      // After the input, --drain-processing-timers moves each subtask's processing time to its own timers.
      processingTime: Math.max(...snaps.map((s) => s.driver.processingTime)),
      finished: snaps.every((s) => s.driver.finished),
    },
    reader: first.reader,
    nodes: first.nodes.map((n, i) => mergeNode(snaps.map((s) => s.nodes[i]))),
  }
}

/**
 * One operator: an output watermark is where the slowest subtask's is (a keyed operator holds it back
 * until its due timers fired, E5), and a forward is pending if it is in any subtask.
 */
function mergeNode(nodes: NodeSnapshot[]): NodeSnapshot {
  const [first] = nodes
  const out: NodeSnapshot = { ...first, watermark: Math.min(...nodes.map((n) => n.watermark)) }
  if (first.keyed !== undefined) {
    const keyed = nodes.map((n) => n.keyed!)
    out.keyed = {
      inputWatermark: first.keyed.inputWatermark,
      forwardPending: keyed.some((k) => k.forwardPending),
      eventTimers: [],
      eventSeq: 0,
      processingTimers: [],
      processingSeq: 0,
      keys: [],
      cleanup: mergeCleanup(keyed.map((k) => k.cleanup ?? {})),
      streamed: true,
    }
  }
  return out
}

/**
 * CL3 cursors are per subtask (each walks its own keys): the first subtask's that stands somewhere is
 * kept. They decide only when expired entries leave storage, never what a job reads (docs/savepoint-format.md).
 */
function mergeCleanup(parts: Array<Record<string, CleanupPosition>>): Record<string, CleanupPosition> {
  const out: Record<string, CleanupPosition> = {}
  for (const p of parts) for (const [name, pos] of Object.entries(p)) if (out[name] === undefined || out[name] === null) out[name] = pos
  return out
}

/**
 * Every subtask's timers in one firing order: by timestamp, ties in subtask order and within a subtask in
 * its own order; renumbered 0, 1, ... (a key's timers all come from one subtask, so their order is kept).
 */
export function joinTimers(parts: TimerDump[][]): TimerDump[] {
  const all = parts.flatMap((p, sub) => p.map((t, i) => ({ t, sub, i })))
  all.sort((a, b) => a.t.timestamp - b.t.timestamp || a.sub - b.sub || a.i - b.i)
  return all.map(({ t }, seq) => ({ timestamp: t.timestamp, keyStr: t.keyStr, key: t.key, seq }))
}

async function* joinKeys(state: KeyedStateSource[], operatorId: string): AsyncGenerator<[string, KeyInfo]> {
  for (const s of state) yield* s.keys(operatorId)
}

const tableId = (m: TableMeta): string => JSON.stringify([m.operatorId, m.stateName])

/** Each state table once, in the order the subtasks registered them, with every subtask's entries in subtask order. */
async function* joinTables(parts: OpenedSavepoint[]): AsyncGenerator<TableSource> {
  const metas = new Map<string, TableMeta>()
  for (const p of parts) {
    for (const t of p.manifest.tables) {
      const known = metas.get(tableId(t.meta))
      if (known === undefined) metas.set(tableId(t.meta), t.meta)
      else if (JSON.stringify(known) !== JSON.stringify(t.meta)) {
        throw new RiffleError('INTERNAL', `the subtasks' savepoints disagree on state ${t.meta.stateName} of ${t.meta.operatorId}: ${JSON.stringify(known)} / ${JSON.stringify(t.meta)}`)
      }
    }
  }
  for (const [id, meta] of metas) yield { meta, entries: tableEntries(parts, id) }
}

async function* tableEntries(parts: OpenedSavepoint[], id: string): AsyncGenerator<[string, unknown]> {
  for (const p of parts) {
    // tables() opens a table's file only when its entries are read.
    for await (const t of p.tables()) if (tableId(t.meta) === id) yield* t.entries
  }
}
