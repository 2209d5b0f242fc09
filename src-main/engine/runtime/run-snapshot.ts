// The whole state of a run between two steps, as plain JSON: every operator's watermark, timers and
// key registry, the watermark generators, the driver, the reader's position and every state table.
// Restoring it into a fresh run of the same job (on any backend) continues exactly where it was.
import type { MaybeFlush, StateBackend, TableDump, TableStreamSource } from '../state/backend'
import type { WatermarkGeneratorState } from '../time/watermark-generator'
import type { TimerDump } from '../time/timer-queue'
import type { DriverState } from './driver'
import type { KeyInfo } from './key-registry'
import type { CleanupPosition } from '../state/ttl/ttl-incremental-cleanup'
import { AssignerNode } from './assigner-node'
import { KeyedProcessNode } from './keyed-process-node'
import { RiffleError } from '../../common/errors'

export interface ReaderPosition { line: number; byteOffset: number; items: number }

export interface NodeSnapshot {
  id: string
  watermark: number
  assigner?: { upstreamWatermark: number; generator: WatermarkGeneratorState }
  keyed?: {
    inputWatermark: number
    forwardPending: boolean
    eventTimers: TimerDump[]
    eventSeq: number
    processingTimers: TimerDump[]
    processingSeq: number
    keys: Array<[string, KeyInfo]>
    /** CL3: where each incremental-cleanup cursor stands, by state name (absent in older snapshots). */
    cleanup?: Record<string, CleanupPosition>
    /**
     * True in a savepoint whose keys and timers are in its streams (keyedStreamNames) rather than in
     * the three lists above, which are then empty.
     */
    streamed?: true
  }
}

/** The savepoint streams that hold a keyed operator's keys and timers when its snapshot says `streamed`. */
export function keyedStreamNames(operatorId: string): { keys: string; eventTimers: string; processingTimers: string } {
  return { keys: `${operatorId}/keys`, eventTimers: `${operatorId}/eventTimers`, processingTimers: `${operatorId}/processingTimers` }
}

/** Where a restore finds the keys and timers of keyed operators whose snapshot says `streamed` (a savepoint's streams). */
export interface KeyedStateSource {
  keys(operatorId: string): AsyncIterable<[string, KeyInfo]>
  eventTimers(operatorId: string): Promise<TimerDump[]>
  processingTimers(operatorId: string): Promise<TimerDump[]>
}

export interface RunSnapshot {
  format: 'riffle-run-snapshot'
  version: 1
  step: number
  driver: DriverState
  /** Where the reader was when the current batch began, and how many of the batch's items were used. */
  reader: { batchStart: ReaderPosition; consumed: number }
  nodes: NodeSnapshot[]
  tables: TableDump[]
}

/** Tables as a restore takes them: dumps in memory, or streams (a savepoint read from disk as it goes). */
export type TableSources = TableDump[] | Iterable<TableStreamSource> | AsyncIterable<TableStreamSource>

/** A RunSnapshot whose tables may be streamed. */
export type RestorableSnapshot = Omit<RunSnapshot, 'tables'> & { tables: TableSources }

/** Restores the state tables: streamed into a backend that can take streams, else collected first. */
export async function restoreTables(backend: StateBackend, tables: TableSources): Promise<void> {
  if (Array.isArray(tables)) return backend.restore(tables)
  if (backend.restoreStream !== undefined) return backend.restoreStream(tables)
  const dumps: TableDump[] = []
  for await (const t of tables) {
    const entries: Array<[string, unknown]> = []
    for await (const e of t.entries) entries.push(e)
    dumps.push({ meta: t.meta, entries })
  }
  return backend.restore(dumps)
}

/**
 * keyedState false leaves each keyed operator's timers and keys out (empty lists; the sequence numbers
 * stay): time travel's heap snapshots keep those in heap-history.ts.
 */
export function snapshotNodes(nodes: Array<{ id: string; watermark: number }>, keyedState = true, streamed = false): NodeSnapshot[] {
  const inline = keyedState && !streamed
  return nodes.map((n) => {
    const s: NodeSnapshot = { id: n.id, watermark: n.watermark }
    if (n instanceof AssignerNode) s.assigner = { upstreamWatermark: n.upstreamWatermark, generator: n.generator.snapshot() }
    if (n instanceof KeyedProcessNode) {
      s.keyed = {
        inputWatermark: n.inputWatermark,
        forwardPending: n.forwardPending,
        eventTimers: inline ? n.eventTimers.dump() : [],
        eventSeq: n.eventTimers.nextSeq(),
        processingTimers: inline ? n.processingTimers.dump() : [],
        processingSeq: n.processingTimers.nextSeq(),
        keys: inline ? n.keys.dump() : [],
        cleanup: n.opened ? n.state.cleanupPositions() : {},
      }
      if (keyedState && streamed) s.keyed.streamed = true
    }
    return s
  })
}

/**
 * Restores watermarks, generators and each keyed operator's input watermark; not the keys and timers
 * (restoreKeyedState does those, and time travel restores them itself).
 */
export function restoreNodes(nodes: Array<{ id: string; watermark: number }>, snaps: NodeSnapshot[]): void {
  const byId = new Map(snaps.map((s) => [s.id, s]))
  if (snaps.length !== nodes.length) {
    throw new RiffleError('SAVEPOINT_INVALID', `the snapshot has ${snaps.length} operators (${snaps.map((x) => x.id).join(', ')}) but the job has ` +
      `${nodes.length} (${nodes.map((x) => x.id).join(', ')}): it was taken from a different job graph`)
  }
  for (const n of nodes) {
    const s = byId.get(n.id)
    if (s === undefined) throw new RiffleError('SAVEPOINT_INVALID', `the snapshot has no operator "${n.id}" (operators are matched by uid, or by position)`)
    n.watermark = s.watermark
    if (n instanceof AssignerNode && s.assigner) {
      n.upstreamWatermark = s.assigner.upstreamWatermark
      n.generator.restore(s.assigner.generator)
    }
    if (n instanceof KeyedProcessNode && s.keyed) {
      n.inputWatermark = s.keyed.inputWatermark
      n.forwardPending = s.keyed.forwardPending
    }
  }
}

/**
 * Restores each keyed operator's key registry and timers (after restoreNodes checked the graph). A
 * backend that keeps them on disk writes them out in pieces through maybeFlush.
 */
export async function restoreKeyedState(nodes: Array<{ id: string }>, snaps: NodeSnapshot[], maybeFlush?: MaybeFlush, streams?: KeyedStateSource): Promise<void> {
  for (const n of nodes) {
    const s = snaps.find((x) => x.id === n.id)?.keyed
    if (!(n instanceof KeyedProcessNode) || s === undefined) continue
    if (s.streamed === true && streams === undefined) {
      throw new RiffleError('SAVEPOINT_INVALID', `the snapshot keeps the keys and timers of ${n.id} in savepoint streams, and none were given`)
    }
    // Keys before timers: on LevelDB a key's timers live on its registry record.
    if (s.streamed === true) await n.keys.restoreStream(streams!.keys(n.id), maybeFlush)
    else await n.keys.restore(s.keys, maybeFlush)
    const eventTimers = s.streamed === true ? await streams!.eventTimers(n.id) : s.eventTimers
    await n.eventTimers.restore(eventTimers, s.eventSeq, maybeFlush)
    const processingTimers = s.streamed === true ? await streams!.processingTimers(n.id) : s.processingTimers
    await n.processingTimers.restore(processingTimers, s.processingSeq, maybeFlush)
  }
}

/** Roughly what a snapshot holds: stored table entries plus timers and registered keys. */
export function snapshotWeight(s: RunSnapshot): number {
  let n = 0
  for (const t of s.tables) n += t.entries.length
  for (const node of s.nodes) {
    if (node.keyed) n += node.keyed.eventTimers.length + node.keyed.processingTimers.length + node.keyed.keys.length
  }
  return n + 1
}
