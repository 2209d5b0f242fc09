// Records of other subtasks (`riffle run --parallelism N` with the reader routing lines: 'skipped' items)
// that make no timer due: the driver passes each at once (its steps, its watermark and processing time)
// instead of stepping through it, as no user code could run in between.
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
