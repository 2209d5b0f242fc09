// Edit and compare: the job outputs (isJobOutput) of two runs, paired by the one rule in output-pairing.ts —
// by (key, tag), then timestamp, then value and fields, then emission order — so an output that only shifted
// is "moved" (or unchanged), not "changed", and a changed one lists its field-level differences. Grouped by
// key and tag, not by operator id, which an edit that adds a stage changes.
import type { OutputComparison } from '../common/debug-api'
import type { OutputView } from '../common/views'
import { pairOutputs, type PairInput } from './output-pairing'

/** Lists of a comparison the renderer gets are cut to this many entries (the totals say how many there were). */
export const COMPARE_LIST_LIMIT = 1000

export function compareOutputs(previous: OutputView[], current: OutputView[], limit = Infinity): OutputComparison {
  const inputs = (list: OutputView[]): PairInput<OutputView>[] => list.filter((o) => o.isJobOutput).map((o) => ({
    item: o, group: `${o.keyStr ?? ''}\u0000${o.tag ?? ''}`, timestamp: o.timestamp, value: o.value, order: o.seq,
  }))
  const p = pairOutputs(inputs(previous), inputs(current), { keyed: true })
  return cut({ added: p.added, removed: p.removed, changed: p.changed, moved: p.moved, unchanged: p.same.length }, limit)
}

/**
 * Two runs' outputs up to the same `step` (where this run stands, or where the previous run was closed before its
 * end, whichever is earlier): the later ones of either would all read "removed" or "added" (one run has only not
 * got there yet). They are counted instead, and the comparison says up to which step it paired.
 */
export function compareThroughStep(previous: OutputView[], current: OutputView[], step: number, limit = Infinity): OutputComparison {
  // Both ran to their end (no run cuts): compared whole. Steps count timer firings, which an edit changes, so the step
  // one job's run ended at is no step of the other's; the cut is only for a run short of its end.
  if (step === Infinity) return compareOutputs(previous, current, limit)
  const later = (list: OutputView[]): number => list.filter((o) => o.isJobOutput && o.step > step).length
  const upTo = (list: OutputView[]): OutputView[] => list.filter((o) => o.step <= step)
  return { ...compareOutputs(upTo(previous), upTo(current), limit), throughStep: step, previousLater: later(previous), currentLater: later(current) }
}

/** Keeps the first `limit` of each list; when any was longer, `totals` has the full counts. */
function cut(r: OutputComparison, limit: number): OutputComparison {
  if (r.added.length <= limit && r.removed.length <= limit && r.changed.length <= limit && r.moved.length <= limit) return r
  return {
    added: r.added.slice(0, limit), removed: r.removed.slice(0, limit), changed: r.changed.slice(0, limit),
    moved: r.moved.slice(0, limit), unchanged: r.unchanged,
    totals: { added: r.added.length, removed: r.removed.length, changed: r.changed.length, moved: r.moved.length },
  }
}
