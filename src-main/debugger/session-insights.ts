// Answers that need the past of a run: one key's state history, an output's lineage
// and one key's timeline. Nothing is recorded during ordinary stepping; each answer re-executes the
// needed steps from the nearest snapshot with the right tracking on (deterministic, see time-travel.ts)
// and then returns the run to the step it was at.
import type {
  KeyHistoryEntry, KeyHistoryView, KeyTimelineView, LineageView, StateAccessView,
} from '../common/debug-api'
import type { StepView, TimerView } from '../common/views'
import type { StepOutcome } from '../engine/runtime/driver'
import type { JobRun } from '../engine/runtime/job-run'
import type { KeyedProcessNode } from '../engine/runtime/keyed-process-node'
import type { StepRecorder } from './step-recorder'
import type { TimeTravel } from './time-travel/time-travel'
import { RiffleError } from '../common/errors'

type TimerViewFn = (op: KeyedProcessNode, t: { timestamp: number; keyStr: string; key: unknown }, d: 'EVENT_TIME' | 'PROCESSING_TIME') => TimerView

export class SessionInsights {
  /** The registering step of the timer fired at a step (the session's timer lineage), when known. */
  firingOrigin: ((step: number) => { registeredStep: number | null } | undefined) | null = null
  /** The step whose throw the session stands at, or null: re-running it would throw again. */
  thrownAt: () => number | null = () => null
  /** Back to the session's step (DebugSession: at a throw, it stands at the throw again). */
  returnTo: (step: number) => Promise<void> = async (step) => { await this.tt.moveTo(step) }

  constructor(private readonly run: JobRun, private readonly recorder: StepRecorder, private readonly tt: TimeTravel,
    private readonly timerView: TimerViewFn) {}

  async keyHistory(operatorId: string, keyStr: string): Promise<KeyHistoryView> {
    const op = this.op(operatorId)
    const out: KeyHistoryView = { operatorId, keyStr, entries: [] }
    const info = op.keys.get(keyStr)
    if (info === undefined) return out
    const names = op.state.descriptors().map((d) => d.name)
    const r = this.recorder
    await this.replayBack(info.firstStep - 1, async (cur) => {
      r.trackFilter = (o, k) => o === operatorId && k === keyStr
      r.trackChanges = true
      try {
        while (this.run.rc.step < cur && !this.run.finished) {
          r.beginStep()
          this.tt.beforeStep()
          const o = await this.run.step()
          if (o.kind === 'end') break
          const v = this.endStep(o)
          const changes = v.changes.filter((c) => c.operatorId === operatorId && c.keyStr === keyStr)
          if (changes.length === 0) continue
          const stateAfter: Record<string, unknown> = {}
          for (const n of names) {
            const raw = op.state.readJobValue(n, keyStr)
            if (raw !== undefined) stateAfter[n] = raw
          }
          const e: KeyHistoryEntry = { step: v.step, kind: v.kind, changes, stateAfter }
          out.entries.push(e)
        }
      } finally {
        r.trackFilter = null
      }
    })
    return out
  }

  async lineage(outputSeq: number): Promise<LineageView> {
    const output = this.recorder.outputs[outputSeq]
    if (output === undefined) {
      throw new RiffleError('BAD_ARGUMENT', `no output #${outputSeq} (the log has ${this.recorder.outputs.length} so far)`)
    }
    const step = output.step
    const r = this.recorder
    const reads = new Map<string, StateAccessView>()
    let view: StepView | null = null
    await this.replayBack(step - 1, async () => {
      // The job's reads in the step: the first read of each state of a key, with the raw value it found.
      const stop = this.run.observe({
        beforeStateCall: (meta, keyStr, method) => {
          if (!method.reads || keyStr === null) return
          const id = `${meta.operatorId}\u0000${meta.stateName}\u0000${keyStr}`
          if (reads.has(id)) return
          const op = this.run.keyedOps.find((o) => o.id === meta.operatorId)
          reads.set(id, { operatorId: meta.operatorId, stateName: meta.stateName, keyStr, value: op?.state.readJobValue(meta.stateName, keyStr) })
        },
      })
      r.trackChanges = true
      try {
        r.beginStep()
        this.tt.beforeStep()
        const o = await this.run.step()
        stop()
        if (o.kind !== 'end') view = this.endStep(o)
      } finally {
        stop()
      }
    })
    const v = view as StepView | null
    if (v === null) throw new Error(`internal: step ${step} could not be re-executed`)
    const lv: LineageView = {
      output, step, kind: v.kind,
      reads: [...reads.values()],
      writes: v.changes.map((c) => ({
        operatorId: c.operatorId, stateName: c.stateName, keyStr: c.keyStr, before: c.before, after: c.after,
        ...(c.beforeText !== undefined ? { beforeText: c.beforeText } : {}), ...(c.afterText !== undefined ? { afterText: c.afterText } : {}),
        ...(c.ttlRefreshed ? { ttlRefreshed: c.ttlRefreshed } : {}), ...(c.ttlExpired ? { ttlExpired: c.ttlExpired } : {}),
      })),
    }
    if (v.input !== undefined) lv.input = v.input
    if (v.timer !== undefined) lv.timer = v.timer
    return lv
  }

  async keyTimeline(operatorId: string, keyStr: string): Promise<KeyTimelineView> {
    const op = this.op(operatorId)
    const tl: KeyTimelineView = { operatorId, keyStr, events: [], timers: [], outputs: [], sessions: [], watermark: [] }
    const info = op.keys.get(keyStr)
    if (info !== undefined) {
      const rc = this.run.rc
      await this.replayBack(info.firstStep - 1, async (cur) => {
        let wm = op.inputWatermark
        tl.watermark.push({ step: rc.step, watermark: wm })
        const stop = this.run.observe({
          onElement: (o, k, ts, w) => { if (o === operatorId && k === keyStr) tl.events.push({ step: rc.step, ts, late: ts !== null && ts <= w }) },
          onTimerCall: (o, action, domain, k, timestamp, effective) => {
            if (o !== operatorId || k !== keyStr || (!effective && action === 'register')) return
            // A delete that deleted nothing is on the timeline too (the seed's bug is one per event).
            const what = action === 'register' ? 'registered' : effective ? 'deleted' : 'deleteFoundNothing'
            const line = this.run.callSites.here()?.line
            tl.timers.push({ step: rc.step, action: what, domain, timestamp, ...(line !== undefined ? { line } : {}) })
          },
        })
        try {
          await this.tt.forward(cur, (o: StepOutcome) => {
            if (o.kind === 'timer' && o.op === op && o.timer.keyStr === keyStr) {
              const registeredStep = this.firingOrigin?.(rc.step)?.registeredStep ?? undefined
              tl.timers.push({
                step: rc.step, action: 'fired', domain: o.domain === 'EVENT_TIME' ? 'EVENT_TIME' : 'PROCESSING_TIME', timestamp: o.timer.timestamp,
                ...(registeredStep !== undefined && registeredStep !== null ? { registeredStep } : {}),
              })
            }
            if (op.inputWatermark !== wm) { wm = op.inputWatermark; tl.watermark.push({ step: rc.step, watermark: wm }) }
          })
        } finally {
          stop()
        }
      })
    }
    tl.outputs = this.recorder.outputs.filter((o) => o.keyStr === keyStr && o.operatorId === operatorId)
    for (const o of tl.outputs) {
      const span = spanOf(o.value)
      if (span !== null) tl.sessions.push({ ...span, outputSeq: o.seq })
    }
    return tl
  }

  /** Goes back to `from` (>= 0; from a loaded savepoint, its step at the earliest), runs `body` (which steps forward), then returns to the step the run was at. */
  private async replayBack(from: number, body: (cur: number) => Promise<void>): Promise<void> {
    const at = this.run.rc.step
    // Standing at a throw, the body replays up to the step before it: the failed step changed nothing.
    const cur = at === this.thrownAt() ? at - 1 : at
    const tracking = this.recorder.trackChanges
    // No further back than the session's first snapshot: step 0, or a loaded savepoint's step (none before it).
    await this.tt.moveTo(Math.max(this.tt.snapshots[0]?.step ?? 0, Math.min(from, cur)))
    try {
      await body(cur)
    } finally {
      this.recorder.trackChanges = tracking
      if (this.run.rc.step !== at) await this.returnTo(at)
      else await this.tt.finishIfAtEnd()
    }
  }

  private endStep(o: StepOutcome): StepView {
    return this.recorder.endStep(o, this.timerView, this.run.watermark())
  }

  private op(id: string): KeyedProcessNode {
    const op = this.run.keyedOps.find((o) => o.id === id)
    if (op === undefined) throw new RiffleError('BAD_ARGUMENT', `no keyed operator "${id}" (known: ${this.run.keyedOps.map((o) => o.id).join(', ')})`)
    return op
  }
}

/** A session span from an output value: numeric start/end, or windowStart/windowEnd. */
export function spanOf(v: unknown): { start: number; end: number } | null {
  if (v === null || typeof v !== 'object') return null
  const o = v as Record<string, unknown>
  const pick = (a: string, b: string): { start: number; end: number } | null =>
    typeof o[a] === 'number' && typeof o[b] === 'number' ? { start: o[a] as number, end: o[b] as number } : null
  // The seed's vocabulary (session_start / session_end) and the usual camel/snake-case spellings.
  return pick('start', 'end') ?? pick('windowStart', 'windowEnd') ?? pick('session_start', 'session_end')
    ?? pick('sessionStart', 'sessionEnd') ?? pick('window_start', 'window_end')
}
