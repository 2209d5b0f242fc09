// Edit and compare: the outputs of two runs side by side.
//
// Alignment rule: only the job's outputs (isJobOutput) are compared. They are grouped by (tag, key) —
// not by operator id, which an edit that adds a stage changes — and within a group matched by position
// (the n-th output of key k on tag t in one run against the n-th in the other). A matched pair whose
// value or timestamp differs is "changed"; extra outputs at the end of a group are "added" (current run)
// or "removed" (previous run). Outputs keep emission order within each list.
import type { OutputComparison } from '../common/debug-api'
import type { OutputView } from '../common/views'

/** Lists of a comparison the renderer gets are cut to this many entries (the totals say how many there were). */
export const COMPARE_LIST_LIMIT = 1000

export function compareOutputs(previous: OutputView[], current: OutputView[], limit = Infinity): OutputComparison {
  const groups = (list: OutputView[]): Map<string, OutputView[]> => {
    const m = new Map<string, OutputView[]>()
    for (const o of list) {
      if (!o.isJobOutput) continue
      const g = `${o.tag ?? ''}\u0000${o.keyStr ?? ''}`
      let a = m.get(g)
      if (a === undefined) { a = []; m.set(g, a) }
      a.push(o)
    }
    return m
  }
  const prev = groups(previous)
  const cur = groups(current)
  const result: OutputComparison = { added: [], removed: [], changed: [], unchanged: 0 }
  for (const [g, a] of prev) {
    const b = cur.get(g) ?? []
    const n = Math.min(a.length, b.length)
    for (let i = 0; i < n; i++) {
      if (sameOutput(a[i], b[i])) result.unchanged++
      else result.changed.push({ previous: a[i], current: b[i] })
    }
    for (let i = n; i < a.length; i++) result.removed.push(a[i])
    for (let i = n; i < b.length; i++) result.added.push(b[i])
  }
  for (const [g, b] of cur) if (!prev.has(g)) result.added.push(...b)
  const bySeq = (x: OutputView, y: OutputView): number => x.seq - y.seq
  result.added.sort(bySeq)
  result.removed.sort(bySeq)
  result.changed.sort((x, y) => x.current.seq - y.current.seq)
  return cut(result, limit)
}

/** Keeps the first `limit` of each list; when any was longer, `totals` has the full counts. */
function cut(r: OutputComparison, limit: number): OutputComparison {
  if (r.added.length <= limit && r.removed.length <= limit && r.changed.length <= limit) return r
  return {
    added: r.added.slice(0, limit), removed: r.removed.slice(0, limit), changed: r.changed.slice(0, limit), unchanged: r.unchanged,
    totals: { added: r.added.length, removed: r.removed.length, changed: r.changed.length },
  }
}

function sameOutput(a: OutputView, b: OutputView): boolean {
  return a.timestamp === b.timestamp && JSON.stringify(a.value) === JSON.stringify(b.value)
}
