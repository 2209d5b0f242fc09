// Edit and compare (issue 5 §6-7): the outputs of two runs side by side, and the backend check (the same
// job and recording on heap and on LevelDB must give the same outputs and the same final state).
//
// Alignment rule: only the job's outputs (isJobOutput) are compared. They are grouped by (tag, key) —
// not by operator id, which an edit that adds a stage changes — and within a group matched by position
// (the n-th output of key k on tag t in one run against the n-th in the other). A matched pair whose
// value or timestamp differs is "changed"; extra outputs at the end of a group are "added" (current run)
// or "removed" (previous run). Outputs keep emission order within each list.
import type { BackendCheckResult, OutputComparison, SessionOptions } from '../common/debug-api'
import type { OutputView } from '../common/views'
import type { TableDump } from '../engine/state/backend'
import { DebugSession } from './debug-session'

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

/**
 * Runs the job over the recording on the heap and on LevelDB (a fresh temporary folder) to the end and
 * compares the outputs (as compareOutputs) and the final state tables and pending timers key by key.
 */
export async function backendCheck(options: Omit<SessionOptions, 'backend' | 'stateDir'>, maxDiffKeys = 20, heartbeat?: Int32Array): Promise<BackendCheckResult> {
  const heap = await DebugSession.open({ ...options, backend: 'heap' })
  let leveldb: DebugSession | null = null
  try {
    leveldb = await DebugSession.open({ ...options, backend: 'leveldb' })
    // Inside a session worker: the watchdog watches these runs' user code too.
    if (heartbeat !== undefined) { heap.run.rc.gate.heartbeat = heartbeat; leveldb.run.rc.gate.heartbeat = heartbeat }
    await heap.step({ kind: 'end' })
    await leveldb.step({ kind: 'end' })
    const outputs = compareOutputs((await heap.outputs(0, Number.MAX_SAFE_INTEGER)).items, (await leveldb.outputs(0, Number.MAX_SAFE_INTEGER)).items, COMPARE_LIST_LIMIT)
    const stateDiffs = diffTables(await finalState(heap), await finalState(leveldb), maxDiffKeys)
    return {
      same: outputs.added.length === 0 && outputs.removed.length === 0 && outputs.changed.length === 0 && stateDiffs.length === 0,
      outputs, stateDiffs,
      heapSteps: (await heap.status()).step,
      leveldbSteps: (await leveldb.status()).step,
    }
  } finally {
    await heap.close()
    await leveldb?.close()
  }
}

/** Every table as id → (key → JSON of its value), plus each operator's pending timers as a pseudo-table. */
async function finalState(s: DebugSession): Promise<Map<string, Map<string, string>>> {
  await s.run.backend.flush()
  const dumps: TableDump[] = await s.run.backend.dump()
  const out = new Map<string, Map<string, string>>()
  for (const d of dumps) {
    const m = new Map<string, string>()
    for (const [k, v] of d.entries) m.set(k, JSON.stringify(v))
    out.set(`${d.meta.operatorId}/${d.meta.stateName}`, m)
  }
  for (const op of s.run.keyedOps) {
    const m = new Map<string, string>()
    for (const t of [...op.eventTimers.all().map((x) => ['E', x] as const), ...op.processingTimers.all().map((x) => ['P', x] as const)]) {
      const k = t[1].keyStr
      m.set(k, `${m.get(k) ?? ''}${t[0]}${t[1].timestamp};`)
    }
    out.set(`${op.id}/(timers)`, m)
  }
  return out
}

function diffTables(a: Map<string, Map<string, string>>, b: Map<string, Map<string, string>>, max: number): BackendCheckResult['stateDiffs'] {
  const diffs: BackendCheckResult['stateDiffs'] = []
  for (const id of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(id) ?? new Map<string, string>()
    const y = b.get(id) ?? new Map<string, string>()
    const keys: string[] = []
    for (const k of new Set([...x.keys(), ...y.keys()])) {
      if (x.get(k) !== y.get(k)) keys.push(k)
      if (keys.length >= max) break
    }
    if (keys.length > 0) diffs.push({ table: id, keys })
  }
  return diffs
}
