// Records of other subtasks (`riffle run --parallelism N` with the reader routing lines: 'skipped' items)
// that make no timer due: the driver passes each at once, in its steps, without taking it as an input of
// its own; what stays of it is the watermark generator's highest timestamp and processing time, which the
// next record taken passes on. Nothing could see the difference: no user code runs in between.
import type { ProcessingTimeMode } from '../../common/views'
import type { RecordingItem } from '../../replay/recording-types'
import type { JobGraph } from './graph-builder'
import type { RunContext } from './run-context'

type Skipped = RecordingItem & { kind: 'skipped' }

/** True when taking the skipped record would make no timer due (conservative: false when unsure). */
export function isQuiet(graph: JobGraph, rc: RunContext, mode: ProcessingTimeMode, item: Skipped): boolean {
  const ts = item.timestamp
  if (ts === null) return true
  const ops = graph.keyedOps
  const w = graph.source.watermarkAfterSkipped(ts)
  const follow = mode === 'follow'
  const pt = follow && ts > rc.processingTime ? ts : rc.processingTime
  for (let i = 0; i < ops.length; i++) {
    if (ops[i].eventTimers.dueAt(w)) return false
    if (follow && ops[i].processingTimers.dueAt(pt)) return false
  }
  return true
}

/** Passes a quiet skipped record: its steps, and its timestamp into the watermark generator and processing time. Returns its record count. */
export function passQuietly(graph: JobGraph, rc: RunContext, mode: ProcessingTimeMode, item: Skipped): number {
  rc.step += item.count
  rc.currentPartition = null
  graph.source.processSkipped(item.timestamp, true)
  const ts = item.timestamp
  if (mode === 'follow' && ts !== null && ts > rc.processingTime) rc.processingTime = ts
  return item.count
}
