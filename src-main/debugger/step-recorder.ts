// Records what a step did for the debugger, as an observer of the run: the outputs it emitted, and each
// state entry it changed (the raw value before the first write in the step and after the step).
import type { OutputView, StateChangeView, StepView, TimerView } from '../common/views'
import type { TableMeta } from '../engine/state/backend'
import type { StepOutcome } from '../engine/runtime/driver'
import { inputView } from '../engine/runtime/input-view'
import type { KeyedProcessNode } from '../engine/runtime/keyed-process-node'
import type { RunContext } from '../engine/runtime/run-context'
import { keyFromString } from '../engine/runtime/key-codec'
import type { OutputSource, RunObserver } from '../engine/observe/run-observer'
import { bytesContentText } from './trace/python-typed-text'

interface PendingChange { op: KeyedProcessNode; stateName: string; kind: string; keyStr: string; before: unknown }

export class StepRecorder implements RunObserver {
  /** Every captured output of the run, in emission order. */
  readonly outputs: OutputView[] = []
  /** How many of them belong to the job's result. */
  jobOutputs = 0
  /** Whether to record state changes (off while running fast to the end). */
  trackChanges = true
  private stepStart = 0
  private readonly changes = new Map<string, PendingChange>()
  private readonly touched = new Set<string>()
  private opsById = new Map<string, KeyedProcessNode>()
  /** When set, only changes it accepts are recorded (a one-key history stays cheap). */
  trackFilter: ((operatorId: string, keyStr: string) => boolean) | null = null

  constructor(private readonly rc: RunContext) {}

  /** Drops outputs after the first n (after restoring an earlier snapshot); costs the outputs dropped. */
  truncate(n: number): void {
    const out = this.outputs
    for (let i = n; i < out.length; i++) if (out[i].isJobOutput) this.jobOutputs--
    out.length = Math.min(n, out.length)
  }

  /** Appends outputs the run is known to emit (a seek forward refills them from a longer log of the same run). */
  refill(more: readonly OutputView[]): void {
    for (const o of more) {
      this.outputs.push(o)
      if (o.isJobOutput) this.jobOutputs++
    }
  }

  setOperators(ops: KeyedProcessNode[]): void {
    this.opsById = new Map(ops.map((o) => [o.id, o]))
  }

  beginStep(): void {
    this.stepStart = this.outputs.length
    // Clear only when needed (re-execution calls this for every step).
    if (this.changes.size > 0) this.changes.clear()
    if (this.touched.size > 0) this.touched.clear()
  }

  onOutput(node: OutputSource, tag: string | null, value: unknown, timestamp: number | null, isJobOutput: boolean): void {
    const rc = this.rc
    // Pass-through operators (source, timestamps, keyBy) repeat their input; only real outputs are logged.
    if (node.kind === 'source' || node.kind === 'assignTimestamps' || node.kind === 'keyBy') return
    this.outputs.push({
      seq: this.outputs.length, step: rc.step, operatorId: node.id, operatorName: node.name, tag,
      value: safeCopy(value), timestamp, key: rc.currentKeyStr === null ? null : rc.currentKey, keyStr: rc.currentKeyStr, isJobOutput,
    })
    if (isJobOutput) this.jobOutputs++
    if (rc.currentKeyStr !== null) this.touched.add(rc.currentKeyStr)
  }

  beforeStateWrite(meta: TableMeta, keyStr: string): void {
    this.touched.add(keyStr)
    if (!this.trackChanges) return
    if (this.trackFilter !== null && !this.trackFilter(meta.operatorId, keyStr)) return
    const id = `${meta.operatorId}\u0000${meta.stateName}\u0000${keyStr}`
    if (this.changes.has(id)) return
    const op = this.opsById.get(meta.operatorId)
    if (op === undefined) return
    this.changes.set(id, { op, stateName: meta.stateName, kind: meta.kind, keyStr, before: op.state.readRaw(meta.stateName, keyStr) })
  }

  /** The finished step as a view. */
  endStep(outcome: StepOutcome, timerView: (op: KeyedProcessNode, t: { timestamp: number; keyStr: string; key: unknown }, domain: 'EVENT_TIME' | 'PROCESSING_TIME') => TimerView, watermark: number): StepView {
    const rc = this.rc
    const changes: StateChangeView[] = []
    for (const c of this.changes.values()) {
      const after = c.op.state.readRaw(c.stateName, c.keyStr)
      if (JSON.stringify(after) === JSON.stringify(c.before)) continue
      // Compared stored (a TTL stamp refreshed is a change), shown as the job's values (a map's keys decoded).
      const st = c.op.state
      const change: StateChangeView = { operatorId: c.op.id, stateName: c.stateName, keyStr: c.keyStr, key: keyFromString(c.keyStr), before: st.asJobValue(c.stateName, c.before), after: st.asJobValue(c.stateName, after) }
      // A Python job's bytes (kept as their values' JSON list) as the job reads them: b'view'.
      const declared = st.declaredTypes(c.stateName)
      const beforeText = bytesContentText(c.kind, declared, change.before)
      const afterText = bytesContentText(c.kind, declared, change.after)
      if (beforeText !== undefined) change.beforeText = beforeText
      if (afterText !== undefined) change.afterText = afterText
      // Only the stamps moved: a TTL refresh, not a change of value (the views said `true → true`).
      if (change.before !== undefined && JSON.stringify(change.before) === JSON.stringify(change.after)) {
        const expiresAt = st.latestExpiry(c.stateName, after)
        if (expiresAt !== null) change.ttlRefreshed = { expiresAt }
      }
      // Gone, and expired by its state's clock: TTL removed it (another key's entry under incremental cleanup read as
      // the job's own clear of that key in the step's changes and an output's lineage).
      if (after === undefined && c.before !== undefined) {
        const expiresAt = st.latestExpiry(c.stateName, c.before)
        if (expiresAt !== null && expiresAt <= st.ttlClockNow(c.stateName)) change.ttlExpired = { expiresAt }
      }
      changes.push(change)
    }
    const view: StepView = {
      step: rc.step,
      kind: outcome.kind,
      outputs: this.outputs.slice(this.stepStart),
      changes,
      touchedKeys: [...this.touched],
      watermark,
      processingTime: rc.processingTime,
    }
    if (outcome.kind === 'record' || outcome.kind === 'watermark' || outcome.kind === 'processingTime') view.input = inputView(outcome.item)
    if (outcome.kind === 'timer') {
      view.timer = timerView(outcome.op, outcome.timer, outcome.domain === 'EVENT_TIME' ? 'EVENT_TIME' : 'PROCESSING_TIME')
      view.touchedKeys = [...new Set([outcome.timer.keyStr, ...view.touchedKeys])]
    }
    return view
  }
}

function safeCopy(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v
  try { return JSON.parse(JSON.stringify(v)) } catch { return String(v) }
}
