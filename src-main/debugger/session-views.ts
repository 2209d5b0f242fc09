// The views a debug session answers about its run as it stands: the status line, the operators, a page of
// keys, one key's state and timers, all timers, and the output log. Read-only: nothing here moves the run.
import type { OutputFilter } from '../common/contract'
import type { OutputTail, Page } from '../common/debug-api'
import type {
  KeyInfoView, KeyPage, KeyPageQuery, KeyStateView, OperatorView, OutputView, RunStatusView, StateView, TimeDomainName, TimerView,
} from '../common/views'
import type { JobRun } from '../engine/runtime/job-run'
import { storedEntries } from '../engine/state/stored-entries'
import { keyFromString } from '../engine/runtime/key-codec'
import { keyGroupOf } from '../engine/runtime/key-group'
import { KeyedProcessNode } from '../engine/runtime/keyed-process-node'
import { RiffleError } from '../common/errors'
import type { StepRecorder } from './step-recorder'
import { holdsBytes, pythonRepr, stateRepr } from './trace/python-typed-text'
import type { DeclaredTypes } from '../engine/state/operator-state'

/** A timer as the views show it; `aheadBy` is how far it is ahead of its domain's clock. */
export type TimerViewFn = (op: KeyedProcessNode, t: { timestamp: number; keyStr: string; key: unknown }, domain: TimeDomainName) => TimerView

export class SessionViews {
  /** `python`: the job is Python, whose states' views carry their content in Python's repr too (pythonText). */
  constructor(private readonly run: JobRun, private readonly recorder: StepRecorder, private readonly python = false) {}

  status(): RunStatusView {
    const run = this.run
    return {
      step: run.rc.step,
      recordsIn: run.driver.recordsIn,
      recordsOut: this.recorder.jobOutputs,
      totalRecords: null,
      watermark: run.watermark(),
      processingTime: run.rc.processingTime,
      keys: run.keyCount(),
      pendingTimers: run.pendingTimers(),
      finished: run.finished,
      badLines: run.reader.badLines(),
      stateEntries: storedEntries(this.run.backend),
      expiredNotRemoved: this.expiredNotRemoved(),
      ...this.expiredCountedAt(),
    }
  }

  operators(): OperatorView[] {
    return this.run.graph.nodes.map((n) => {
      const v = n.view()
      if (n instanceof KeyedProcessNode) v.watermark = n.inputWatermark
      return v
    })
  }

  keys(q: KeyPageQuery): KeyPage {
    const items: KeyInfoView[] = []
    const search = q.search?.toLowerCase() ?? ''
    for (const op of this.run.keyedOps) {
      if (q.operatorId !== undefined && op.id !== q.operatorId) continue
      for (const [keyStr, info] of op.keys.byKeyStr) {
        if (search !== '' && !keyStr.toLowerCase().includes(search)) continue
        items.push({ operatorId: op.id, key: info.key, keyStr, keyGroup: info.keyGroup, firstStep: info.firstStep,
          lastTouchedStep: info.lastTouchedStep, records: info.records, stateEntries: -1,
          timers: op.eventTimers.countOf(keyStr) + op.processingTimers.countOf(keyStr) })
      }
    }
    const fill = (k: KeyInfoView): void => { if (k.stateEntries < 0) k.stateEntries = this.op(k.operatorId).state.entryCount(k.keyStr) }
    const sort = q.sort ?? 'lastTouched'
    if (sort === 'stateEntries') items.forEach(fill)
    const dir = q.descending ?? sort === 'lastTouched' ? -1 : 1
    const cmp: Record<string, (a: KeyInfoView, b: KeyInfoView) => number> = {
      lastTouched: (a, b) => a.lastTouchedStep - b.lastTouchedStep,
      key: (a, b) => (a.keyStr < b.keyStr ? -1 : a.keyStr > b.keyStr ? 1 : 0),
      records: (a, b) => a.records - b.records,
      stateEntries: (a, b) => a.stateEntries - b.stateEntries,
      timers: (a, b) => a.timers - b.timers,
    }
    const c = cmp[sort] ?? cmp.lastTouched
    items.sort((a, b) => dir * c(a, b) || (a.keyStr < b.keyStr ? -1 : 1))
    const page = items.slice(q.offset, q.offset + q.limit)
    page.forEach(fill)
    return { total: items.length, offset: q.offset, items: page }
  }

  keyState(operatorId: string, keyStr: string): KeyStateView | null {
    const op = this.run.keyedOps.find((o) => o.id === operatorId)
    if (op === undefined) return null
    const info = op.keys.get(keyStr)
    const timers: TimerView[] = [
      ...op.eventTimers.timersOf(keyStr).map((ts) => this.timerView(op, { timestamp: ts, keyStr, key: info?.key }, 'EVENT_TIME')),
      ...op.processingTimers.timersOf(keyStr).map((ts) => this.timerView(op, { timestamp: ts, keyStr, key: info?.key }, 'PROCESSING_TIME')),
    ]
    return {
      // A key the run has not reached at this step (a seek back, a pinned key) still has its own key group.
      operatorId, key: info?.key ?? keyFromString(keyStr), keyStr, keyGroup: info?.keyGroup ?? keyGroupOf(keyFromString(keyStr)),
      states: withPythonText(op.state.inspectKey(keyStr), (name) => op.state.declaredTypes(name), this.python), timers,
      ...(info === undefined ? { notReached: true as const } : {}),
    }
  }

  timers(offset: number, limit: number): Page<TimerView> {
    const all: TimerView[] = []
    for (const op of this.run.keyedOps) {
      for (const t of op.eventTimers.all()) all.push(this.timerView(op, t, 'EVENT_TIME'))
      for (const t of op.processingTimers.all()) all.push(this.timerView(op, t, 'PROCESSING_TIME'))
    }
    all.sort((a, b) => a.timestamp - b.timestamp)
    return { total: all.length, offset, items: all.slice(offset, offset + limit) }
  }

  outputs(offset: number, limit: number, filter?: OutputFilter): Page<OutputView> {
    const list = this.filteredOutputs(filter)
    return { total: list.length, offset, items: list.slice(offset, offset + limit) }
  }

  /**
   * The newest `limit` outputs with the count they are the end of, read at one point of the run. Reading the count
   * and then the page at count - limit took two answers, and a run going on (or put back after a watchdog stop)
   * moved between them: the log showed one count over the rows of an older one.
   */
  outputTail(limit: number, filter?: OutputFilter): OutputTail {
    const list = this.filteredOutputs(filter)
    const offset = Math.max(0, list.length - limit)
    return { total: list.length, offset, items: list.slice(offset), step: this.run.rc.step }
  }

  private filteredOutputs(filter?: OutputFilter): readonly OutputView[] {
    let list: readonly OutputView[] = this.recorder.outputs
    if (filter?.keyStr !== undefined) list = list.filter((o) => o.keyStr === filter.keyStr)
    if (filter?.tag !== undefined) list = list.filter((o) => o.tag === filter.tag)
    return list
  }

  readonly timerView: TimerViewFn = (op, t, domain) => {
    const now = domain === 'EVENT_TIME' ? op.inputWatermark : this.run.rc.processingTime
    return { operatorId: op.id, key: t.key, keyStr: t.keyStr, domain, timestamp: t.timestamp, aheadBy: t.timestamp - now }
  }

  /**
   * TTL entries already expired but still stored. Heap: counted exactly now. LevelDB: as of the last
   * background sweep (a full count would read the whole database). Absent without TTL state.
   */
  private expiredNotRemoved(): number | undefined {
    const ttlOps = this.ttlOps()
    if (ttlOps.length === 0) return undefined
    const backend = this.run.backend
    if (backend.expiredNotRemoved !== undefined) return backend.expiredNotRemoved()
    return ttlOps.reduce((n, op) => n + op.state.expiredNotCleaned(), 0)
  }

  private ttlOps(): KeyedProcessNode[] {
    return this.run.keyedOps.filter((op) => op.state.descriptors().some((d) => d.ttl !== null))
  }

  /** When a backend counts expired entries in its sweep (LevelDB), the step of that count: the status says "as of". */
  private expiredCountedAt(): { expiredCountedAtStep?: number | null } {
    if (this.run.backend.expiredNotRemoved === undefined || this.ttlOps().length === 0) return {}
    return { expiredCountedAtStep: this.run.sweep.countedAtStep }
  }

  private op(id: string): KeyedProcessNode {
    const op = this.run.keyedOps.find((o) => o.id === id)
    if (op === undefined) throw new RiffleError('BAD_ARGUMENT', `no keyed operator ${id}`)
    return op
  }
}

/**
 * states with each entry whose declared type holds bytes (only a Python job declares them) given its text as Python
 * writes it (b'view'), by the trace's rule (python-typed-text.ts): the engine keeps bytes as their values' JSON list.
 * A Python job's state is given its whole content as an expression naming it reads it, in Python's repr (pythonText:
 * the editor's hover shows None, 3.0, {'a': 1} where the JSON kept is null, 3, {"a":1}).
 */
function withPythonText(states: StateView[], declared: (name: string) => DeclaredTypes | undefined, python: boolean): StateView[] {
  for (const st of states) {
    const d = declared(st.name)
    if (python) st.pythonText = stateRepr(st.kind, d ?? {}, st.entries)
    const value = holdsBytes(d?.value) ? d!.value : undefined
    const key = st.kind === 'map' && holdsBytes(d?.key) ? d!.key : undefined
    if (value === undefined && key === undefined) continue
    for (const e of st.entries) {
      if (value !== undefined) e.text = pythonRepr(e.value, value)
      if (key !== undefined) e.keyText = pythonRepr(e.entryKey, key)
    }
  }
  return states
}
