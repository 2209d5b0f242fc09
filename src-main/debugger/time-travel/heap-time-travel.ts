// Time travel's heap part: a heap snapshot keeps its keyed state in heap-history.ts as a delta from the
// snapshot before it and, when due, a frame; here is when a frame is due (time-travel.ts decides when to snapshot).
import type { HeapDelta, HeapFrame, HeapHistory, Work } from '../../engine/history/heap-history'

/**
 * A heap snapshot's keyed state: a delta from the snapshot before it (null only for the first) and parts
 * of a frame when due (the first has both parts); `work` is what applying the delta costs a restore.
 */
export interface HeapPart { frame: HeapFrame; delta: HeapDelta | null; frameWeight: number; deltaWeight: number; work: Work }

/**
 * A heap snapshot gets a frame of key-registry counts once the deltas since the last one hold this many
 * times the registry's size: those deltas are typed-array writes, cheap to apply, and a frame holds every
 * key's counts, so rarer frames save memory. (Tables and timers: TimeTravelOptions.frameAfter.)
 */
const KEYS_FRAME_AFTER = 4

/** A heap snapshot after `earlier` (the parts of the snapshots before it): the delta since the last one, and a frame when due. */
export function captureHeap(heap: HeapHistory, earlier: readonly HeapPart[], frameAfter: number): HeapPart {
  const i = earlier.length
  const d = heap.delta()
  // The restore work since the last frame of each part, this delta included (no frame yet: take one).
  let state = d.work.state
  let keys = d.work.keys
  let stateDone = false
  let keysDone = false
  for (let j = i - 1; j >= 0 && !(stateDone && keysDone); j--) {
    const h = earlier[j]
    if (!stateDone) { if (h.frame.state !== null) stateDone = true; else state += h.work.state }
    if (!keysDone) { if (h.frame.keys !== null) keysDone = true; else keys += h.work.keys }
  }
  const size = heap.size()
  const f = heap.frame({
    state: !stateDone || state >= frameAfter * size.state,
    keys: !keysDone || keys >= KEYS_FRAME_AFTER * size.keys,
  })
  const first = i === 0
  return { frame: f.frame, delta: first ? null : d.delta, frameWeight: f.weight, deltaWeight: first ? 0 : d.weight, work: d.work }
}
