// The whole state of a run between two steps, as plain JSON: every operator's watermark, timers and
// key registry, the watermark generators, the driver, the reader's position and every state table.
// Restoring it into a fresh run of the same job (on any backend) continues exactly where it was.
import type { TableDump } from '../state/backend'
import type { WatermarkGeneratorState } from '../time/watermark-generator'
import type { TimerDump } from '../time/timer-queue'
import type { DriverState } from './driver'
import type { KeyInfo } from './key-registry'
import type { CleanupPosition } from '../state/ttl/ttl-incremental-cleanup'
import { AssignerNode } from './assigner-node'
import { KeyedProcessNode } from './keyed-process-node'

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
  }
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

/**
 * keyedState false leaves each keyed operator's timers and keys out (empty lists; the sequence numbers
 * stay): time travel's heap snapshots keep those in heap-history.ts.
 */
export function snapshotNodes(nodes: Array<{ id: string; watermark: number }>, keyedState = true): NodeSnapshot[] {
  return nodes.map((n) => {
    const s: NodeSnapshot = { id: n.id, watermark: n.watermark }
    if (n instanceof AssignerNode) s.assigner = { upstreamWatermark: n.upstreamWatermark, generator: n.generator.snapshot() }
    if (n instanceof KeyedProcessNode) {
      s.keyed = {
        inputWatermark: n.inputWatermark,
        forwardPending: n.forwardPending,
        eventTimers: keyedState ? n.eventTimers.dump() : [],
        eventSeq: n.eventTimers.nextSeq(),
        processingTimers: keyedState ? n.processingTimers.dump() : [],
        processingSeq: n.processingTimers.nextSeq(),
        keys: keyedState ? n.keys.dump() : [],
        cleanup: n.opened ? n.state.cleanupPositions() : {},
      }
    }
    return s
  })
}

/** keyedState false leaves timers and keys as they are (time travel restores them itself). */
export function restoreNodes(nodes: Array<{ id: string; watermark: number }>, snaps: NodeSnapshot[], keyedState = true): void {
  const byId = new Map(snaps.map((s) => [s.id, s]))
  if (snaps.length !== nodes.length) {
    throw Object.assign(new Error(`the snapshot has ${snaps.length} operators but the job has ${nodes.length}: it was taken from a different job graph`), { code: 'SAVEPOINT_INVALID' })
  }
  for (const n of nodes) {
    const s = byId.get(n.id)
    if (s === undefined) throw Object.assign(new Error(`the snapshot has no operator "${n.id}" (operators are matched by uid, or by position)`), { code: 'SAVEPOINT_INVALID' })
    n.watermark = s.watermark
    if (n instanceof AssignerNode && s.assigner) {
      n.upstreamWatermark = s.assigner.upstreamWatermark
      n.generator.restore(s.assigner.generator)
    }
    if (n instanceof KeyedProcessNode && s.keyed) {
      n.inputWatermark = s.keyed.inputWatermark
      n.forwardPending = s.keyed.forwardPending
      if (keyedState) {
        // Keys before timers: on LevelDB a key's timers live on its registry record.
        n.keys.restore(s.keyed.keys)
        n.eventTimers.restore(s.keyed.eventTimers, s.keyed.eventSeq)
        n.processingTimers.restore(s.keyed.processingTimers, s.keyed.processingSeq)
      }
    }
  }
}
