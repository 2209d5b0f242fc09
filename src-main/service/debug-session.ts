// A debugger session: one job replaying one recording, driven step by step, answering the views the
// app asks for. It runs where the engine runs (the session worker, or a test) and holds user code.
import type { DebugSessionApi, Page, SessionOptions, StepResult, StepTarget } from '../common/debug-api'
import type {
  KeyInfoView, KeyPage, KeyPageQuery, KeyStateView, OperatorView, OutputView, RunStatusView, StepView, TimerView,
} from '../common/views'
import { createBackend } from '../engine/state/create-backend'
import { JobRun } from '../engine/runtime/job-run'
import type { KeyedProcessNode } from '../engine/runtime/keyed-process-node'
import { keyFromString } from '../engine/runtime/key-codec'
import { openRecording } from '../replay/recording-reader'
import { compileJob } from '../sandbox/compile-job'
import { loadJob } from '../sandbox/load-job'
import { StepRecorder } from './step-recorder'
import type { RunSnapshot } from '../engine/runtime/run-snapshot'

const KEEP_LAST = 200

export class DebugSession implements DebugSessionApi {
  private readonly recorder: StepRecorder
  private closed = false

  private constructor(readonly run: JobRun, recorder: StepRecorder, readonly options: SessionOptions) {
    this.recorder = recorder
  }

  static async open(options: SessionOptions): Promise<DebugSession> {
    const compiled = await compileJob(options.jobPath, options.jobSource)
    const { main, mapper } = loadJob(compiled)
    const reader = await openRecording(options.recordingPath, { skipBadLines: options.skipBadLines })
    let backend
    try {
      backend = (await createBackend({ backend: options.backend, stateDir: options.stateDir })).backend
    } catch (e) {
      await reader.close()
      throw e
    }
    let recorder: StepRecorder | null = null
    let run: JobRun
    try {
      run = JobRun.create({
        main, mapper, backend, reader,
        reopenReader: (start) => openRecording(options.recordingPath, { skipBadLines: options.skipBadLines, start }),
        processingTime: options.processingTime,
        drainProcessingTimers: options.drainProcessingTimers,
        tracker: { beforeWrite: (m, k) => recorder?.beforeWrite(m, k) },
      })
    } catch (e) {
      // The job failed to build or open(): release the recording and the backend (a LevelDB state
      // directory stays locked otherwise, so the fixed job could not reopen it: STATE_LOCKED).
      await reader.close().catch(() => undefined)
      await backend.close().catch(() => undefined)
      throw e
    }
    recorder = new StepRecorder(run.rc)
    recorder.setOperators(run.keyedOps)
    run.rc.capture = recorder
    return new DebugSession(run, recorder, options)
  }

  async step(target: StepTarget, maxSteps = Number.MAX_SAFE_INTEGER): Promise<StepResult> {
    this.checkOpen()
    const steps: StepView[] = []
    let taken = 0
    const r = this.recorder
    // Long runs skip the before/after bookkeeping; single steps record it.
    r.trackChanges = target.kind !== 'end'
    while (taken < maxSteps && !this.run.finished) {
      r.beginStep()
      const outcome = await this.run.step()
      if (outcome.kind === 'end') break
      taken++
      const view = r.endStep(outcome, (op, t, d) => this.timerView(op, t, d), this.run.watermark())
      steps.push(view)
      if (steps.length > KEEP_LAST) steps.shift()
      if (stopsAt(target, view)) break
    }
    return { steps, taken, status: this.statusNow() }
  }

  async status(): Promise<RunStatusView> { return this.statusNow() }

  /** The whole run's state between steps (for savepoints and time travel). */
  async snapshot(): Promise<RunSnapshot & { outputs: number }> {
    return { ...(await this.run.snapshot()), outputs: this.recorder.outputs.length }
  }

  /** Back (or forward) to a snapshot of this session; the output log is cut back to match. */
  async restore(s: RunSnapshot & { outputs?: number }): Promise<RunStatusView> {
    await this.run.restore(s)
    if (s.outputs !== undefined) this.recorder.truncate(s.outputs)
    return this.statusNow()
  }

  async operators(): Promise<OperatorView[]> {
    return this.run.graph.nodes.map((n) => {
      const v = n.view()
      if (v.keyed) v.watermark = (n as KeyedProcessNode).inputWatermark
      return v
    })
  }

  async keys(q: KeyPageQuery): Promise<KeyPage> {
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

  async keyState(operatorId: string, keyStr: string): Promise<KeyStateView | null> {
    const op = this.run.keyedOps.find((o) => o.id === operatorId)
    if (op === undefined) return null
    const info = op.keys.get(keyStr)
    const timers: TimerView[] = [
      ...op.eventTimers.timersOf(keyStr).map((ts) => this.timerView(op, { timestamp: ts, keyStr, key: info?.key }, 'EVENT_TIME')),
      ...op.processingTimers.timersOf(keyStr).map((ts) => this.timerView(op, { timestamp: ts, keyStr, key: info?.key }, 'PROCESSING_TIME')),
    ]
    return {
      operatorId, key: info?.key ?? keyFromString(keyStr), keyStr, keyGroup: info?.keyGroup ?? -1,
      states: op.state.inspectKey(keyStr), timers,
    }
  }

  async timers(offset: number, limit: number): Promise<Page<TimerView>> {
    const all: TimerView[] = []
    for (const op of this.run.keyedOps) {
      for (const t of op.eventTimers.all()) all.push(this.timerView(op, t, 'EVENT_TIME'))
      for (const t of op.processingTimers.all()) all.push(this.timerView(op, t, 'PROCESSING_TIME'))
    }
    all.sort((a, b) => a.timestamp - b.timestamp)
    return { total: all.length, offset, items: all.slice(offset, offset + limit) }
  }

  async outputs(offset: number, limit: number, filter?: { keyStr?: string; tag?: string | null }): Promise<Page<OutputView>> {
    let list = this.recorder.outputs
    if (filter?.keyStr !== undefined) list = list.filter((o) => o.keyStr === filter.keyStr)
    if (filter?.tag !== undefined) list = list.filter((o) => o.tag === filter.tag)
    return { total: list.length, offset, items: list.slice(offset, offset + limit) }
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    try {
      await this.run.close()
    } finally {
      await this.run.backend.close()
    }
  }

  private statusNow(): RunStatusView {
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
    }
  }

  private timerView(op: KeyedProcessNode, t: { timestamp: number; keyStr: string; key: unknown }, domain: 'EVENT_TIME' | 'PROCESSING_TIME'): TimerView {
    const now = domain === 'EVENT_TIME' ? op.inputWatermark : this.run.rc.processingTime
    return { operatorId: op.id, key: t.key, keyStr: t.keyStr, domain, timestamp: t.timestamp, aheadBy: t.timestamp - now }
  }

  private op(id: string): KeyedProcessNode {
    const op = this.run.keyedOps.find((o) => o.id === id)
    if (op === undefined) throw new Error(`no keyed operator ${id}`)
    return op
  }

  private checkOpen(): void {
    if (this.closed) throw Object.assign(new Error('the session is closed'), { code: 'SESSION_CLOSED' })
  }
}

function stopsAt(target: StepTarget, v: StepView): boolean {
  switch (target.kind) {
    case 'step': return true
    case 'record': return v.kind === 'record'
    case 'output': return v.outputs.length > 0
    case 'timer': return v.kind === 'timer'
    case 'end': return false
  }
}

