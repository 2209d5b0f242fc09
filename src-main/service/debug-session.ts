// A debugger session: one job replaying one recording, driven step by step, answering the views the
// app asks for. It runs where the engine runs (the session worker, or a test) and holds user code.
import type {
  BackendCheckResult, BreakpointHit, BreakpointSpec, BreakpointStatus, DebugSessionApi, KeyHistoryView, KeyTimelineView, LineageView, LogpointHit,
  OutputComparison, Page, SeekResult, SessionOptions, StepResult, StepTarget,
} from '../common/debug-api'
import type {
  KeyInfoView, KeyPage, KeyPageQuery, KeyStateView, OperatorView, OutputView, RunStatusView, StepView, TimerView,
} from '../common/views'
import { createBackend } from '../engine/state/create-backend'
import { JobRun } from '../engine/runtime/job-run'
import type { KeyedProcessNode } from '../engine/runtime/keyed-process-node'
import { keyFromString } from '../engine/runtime/key-codec'
import { openRecording } from '../replay/recording-reader'
import { detectFormat } from '../replay/detect-format'
import { compileJob } from '../sandbox/compile-job'
import { loadJob } from '../sandbox/load-job'
import { StepRecorder } from './step-recorder'
import { restoreSavepoint, savepointOutProblem, writeRunSavepoint } from '../engine/runtime/run-savepoint'
import type { RunSnapshot } from '../engine/runtime/run-snapshot'
// issue 5: time travel, breakpoints, history/lineage/timeline, compare
import { Breakpoints } from './breakpoints'
import { backendCheck, COMPARE_LIST_LIMIT, compareOutputs } from './compare-runs'
import { readOutputLog, writeOutputLog } from './output-log-file'
import { SessionInsights } from './session-insights'
import { TimeTravel, type TimeTravelOptions } from './time-travel'

const KEEP_LAST = 200
/** Input items per batch a session reads (JobRun's default is 4096; a restore re-reads up to one batch). */
const SESSION_BATCH = 512

export class DebugSession implements DebugSessionApi {
  private readonly recorder: StepRecorder
  private closed = false
  // issue 5: snapshots + re-execution, breakpoints/logpoints, answers that re-execute the past
  readonly timeTravel: TimeTravel
  private readonly bps: Breakpoints
  private readonly insights: SessionInsights

  private constructor(readonly run: JobRun, recorder: StepRecorder, readonly options: SessionOptions, tt?: TimeTravelOptions) {
    this.recorder = recorder
    this.timeTravel = new TimeTravel(run, recorder, tt)
    this.bps = new Breakpoints(run, recorder)
    this.timeTravel.beforeStep = () => this.bps.beginStep()
    this.insights = new SessionInsights(run, recorder, this.timeTravel, (op, t, d) => this.timerView(op, t, d))
  }

  /** `timeTravel` tunes the snapshot interval (issue 5; tests and the benchmark). */
  static async open(options: SessionOptions, timeTravel?: TimeTravelOptions): Promise<DebugSession> {
    const compiled = await compileJob(options.jobPath, options.jobSource)
    const { main, mapper } = loadJob(compiled)
    const detected = await detectFormat(options.recordingPath, options.recordingPath)
    const reader = await openRecording(options.recordingPath, { skipBadLines: options.skipBadLines, detected })
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
        // issue 5: a seek reopens the recording at a snapshot's batch and re-reads the items used before it:
        // small batches keep that short (and the format is known already).
        reopenReader: (start) => openRecording(options.recordingPath, { skipBadLines: options.skipBadLines, start, detected }),
        batchSize: SESSION_BATCH,
        backgroundTtlSweep: true,
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
    const session = new DebugSession(run, recorder, options, timeTravel)
    await session.timeTravel.init() // issue 5: the step-0 snapshot
    return session
  }

  async step(target: StepTarget, maxSteps = Number.MAX_SAFE_INTEGER): Promise<StepResult> {
    this.checkOpen()
    const steps: StepView[] = []
    let taken = 0
    const r = this.recorder
    // Long runs skip the before/after bookkeeping; single steps record it.
    r.trackChanges = target.kind !== 'end' && target.kind !== 'continue'
    const bps = this.bps // issue 5
    let hit: BreakpointHit | null = null
    while (taken < maxSteps && !this.run.finished) {
      r.beginStep()
      bps.beginStep() // issue 5
      const outcome = await this.run.step()
      if (outcome.kind === 'end') break
      taken++
      const view = r.endStep(outcome, (op, t, d) => this.timerView(op, t, d), this.run.watermark())
      steps.push(view)
      if (steps.length > KEEP_LAST) steps.shift()
      // issue 5: logpoints record, breakpoints stop every target but 'end'; snapshots for time travel.
      if (bps.active) hit = bps.evaluate(view)
      if (this.timeTravel.due()) await this.timeTravel.capture()
      if (hit !== null && target.kind !== 'end') break
      if (stopsAt(target, view)) break
      // Live progress for long calls (the service coalesces what it forwards to the window).
      if (this.onProgress !== null && (taken & 255) === 0) {
        const now = performance.now()
        if (now - this.lastProgressAt >= 100) {
          this.lastProgressAt = now
          this.onProgress(this.statusNow())
        }
      }
    }
    const result: StepResult = { steps, taken, status: this.statusNow() }
    if (hit !== null && target.kind !== 'end') result.breakpointHit = hit
    return result
  }

  async status(): Promise<RunStatusView> { return this.statusNow() }

  /** Called with the status every ~100 ms while one step() call runs long (set by the session worker). */
  onProgress: ((status: RunStatusView) => void) | null = null
  private lastProgressAt = 0

  /** The whole run's state between steps (for savepoints and time travel). */
  async snapshot(): Promise<RunSnapshot & { outputs: number }> {
    return { ...(await this.run.snapshot()), outputs: this.recorder.outputs.length }
  }

  /** Back (or forward) to a snapshot of this session; the output log is cut back to match. */
  async restore(s: RunSnapshot & { outputs?: number }): Promise<RunStatusView> {
    await this.run.restore(s)
    if (s.outputs !== undefined) this.recorder.truncate(s.outputs)
    await this.timeTravel.reset() // issue 5: earlier snapshots may not be on the restored run's timeline
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

  // ---- issue 5: time travel ----

  /** Goes to `step` (0 = before the first, clamped to the run's end) as if stepped there from the start. */
  async seek(step: number): Promise<SeekResult> {
    this.checkOpen()
    if (!Number.isInteger(step) || step < 0) throw Object.assign(new Error(`seek: step must be a whole number >= 0, got ${step}`), { code: 'BAD_ARGUMENT' })
    const t0 = performance.now()
    // The last step is taken with change tracking, so the view says what it changed.
    const fromSnapshot = step === 0 ? await this.timeTravel.moveTo(0) : await this.timeTravel.moveTo(step - 1)
    let last: StepView | null = null
    if (step > 0 && this.run.rc.step === step - 1 && !this.run.finished) {
      const r = this.recorder
      r.trackChanges = true
      r.beginStep()
      this.bps.beginStep()
      const outcome = await this.run.step()
      if (outcome.kind !== 'end') last = r.endStep(outcome, (op, t, d) => this.timerView(op, t, d), this.run.watermark())
      if (this.timeTravel.due()) await this.timeTravel.capture()
      await this.timeTravel.finishIfAtEnd()
    }
    return { status: this.statusNow(), last, millis: performance.now() - t0, fromSnapshot }
  }

  async stepBack(): Promise<SeekResult> {
    return this.seek(Math.max(0, this.run.rc.step - 1))
  }

  // ---- issue 5: breakpoints and logpoints ----

  /** Replaces all breakpoints; logpoints that are new are filled in for the steps already taken (a re-run from the start). */
  async setBreakpoints(list: BreakpointSpec[]): Promise<BreakpointStatus[]> {
    this.checkOpen()
    const { status, newLogpoints } = await this.bps.set(list)
    const cur = this.run.rc.step
    if (newLogpoints.length > 0 && cur > 0) {
      const r = this.recorder
      const tracking = r.trackChanges
      this.bps.only = new Set(newLogpoints)
      try {
        await this.timeTravel.moveTo(0)
        r.trackChanges = false
        while (this.run.rc.step < cur && !this.run.finished) {
          r.beginStep()
          this.bps.beginStep()
          const outcome = await this.run.step()
          if (outcome.kind === 'end') break
          this.bps.evaluate(r.endStep(outcome, (op, t, d) => this.timerView(op, t, d), this.run.watermark()))
        }
      } finally {
        this.bps.only = null
        r.trackChanges = tracking
      }
    }
    return status
  }

  async logpointHits(id: string): Promise<LogpointHit[]> { return this.bps.hitsOf(id) }

  // ---- issue 5: history, lineage, timeline, compare ----

  async keyHistory(operatorId: string, keyStr: string): Promise<KeyHistoryView> { this.checkOpen(); return this.insights.keyHistory(operatorId, keyStr) }
  async lineage(outputSeq: number): Promise<LineageView> { this.checkOpen(); return this.insights.lineage(outputSeq) }
  async keyTimeline(operatorId: string, keyStr: string): Promise<KeyTimelineView> { this.checkOpen(); return this.insights.keyTimeline(operatorId, keyStr) }
  async compareOutputs(previous: OutputView[]): Promise<OutputComparison> { return compareOutputs(previous, this.recorder.outputs) }
  async saveOutputs(file: string): Promise<number> { return writeOutputLog(file, this.recorder.outputs) }
  async compareOutputsWithFile(file: string): Promise<OutputComparison> {
    return compareOutputs(await readOutputLog(file), this.recorder.outputs, COMPARE_LIST_LIMIT)
  }
  /** Writes the run as a savepoint (docs/savepoint-format.md), as `riffle run --savepoint-out` does. */
  async saveSavepoint(dir: string): Promise<void> {
    this.checkOpen()
    const problem = savepointOutProblem(dir)
    if (problem !== null) throw Object.assign(new Error(problem), { code: 'BAD_ARGUMENT' })
    await writeRunSavepoint(this.run, dir, this.options.recordingPath, this.options.backend)
  }

  /**
   * Continues from a savepoint of this job and recording (from either backend). The output log starts
   * empty: outputs before the savepoint are not in it.
   */
  async loadSavepoint(dir: string): Promise<RunStatusView> {
    this.checkOpen()
    await restoreSavepoint(this.run, dir, this.options.recordingPath)
    this.recorder.truncate(0)
    await this.timeTravel.reset()
    return this.statusNow()
  }

  /** Runs this session's job and recording to the end on heap and on LevelDB (fresh sessions) and compares them. */
  async backendCheck(): Promise<BackendCheckResult> {
    this.checkOpen()
    const { backend: _b, stateDir: _d, ...rest } = this.options
    return backendCheck(rest, 20, this.run.rc.gate.heartbeat)
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.bps.close() // issue 5
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
      stateEntries: this.storedEntries(),
      expiredNotRemoved: this.expiredNotRemoved(),
    }
  }

  /**
   * TTL entries already expired but still stored (issue 3 §5). Heap: counted exactly now. LevelDB: as
   * of the last background sweep (a full count would read the whole database). Absent without TTL state.
   */
  private expiredNotRemoved(): number | undefined {
    const ttlOps = this.run.keyedOps.filter((op) => op.state.descriptors().some((d) => d.ttl !== null))
    if (ttlOps.length === 0) return undefined
    const fromSweep = (this.run.backend as { expiredNotRemoved?: () => number }).expiredNotRemoved
    if (typeof fromSweep === 'function') return fromSweep.call(this.run.backend)
    return ttlOps.reduce((n, op) => n + op.state.expiredNotCleaned(), 0)
  }

  /** Stored state entries: one per key and state (a list or map counts once per key); cheap on every backend. */
  private storedEntries(): number {
    let n = 0
    for (const t of this.run.backend.tables()) n += t.size()
    return n
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
    case 'continue': return false // issue 5: only a breakpoint stops it
  }
}

