// A debugger session: one job replaying one recording, driven step by step, answering the views the app
// asks for, with time travel, breakpoints and answers that re-execute the past. It runs where the engine
// runs (the session worker, or a test) and holds user code. It implements the session's side of the
// contract (common/session-api.ts), so the worker boundary can forward every session request to it.
import type {
  BackendCheckResult, BreakpointHit, BreakpointSpec, BreakpointStatus, KeyHistoryView, KeyTimelineView, LineageView, LogpointHit,
  OutputComparison, OutputTail, Page, SeekResult, SessionOptions, StepResult, StepTarget, WatchValue,
} from '../common/debug-api'
import { RiffleError, toErrorInfo } from '../common/errors'
import type { OutputFilter } from '../common/contract'
import type { SessionApi } from '../common/session-api'
import type { ConsoleView, FailureView, FindingsView, JobNoticeView, StepTrace } from '../common/trace-api'
import { mutingNotices, noticeId } from '../sandbox/job-notices'
import { keepingPythonClock } from '../sandbox/python/load-python-job'
import type { JobOutput } from '../sandbox/job-console'
import { SessionConsole } from './session-console'
import { FindingsCollector } from '../engine/findings/findings-collector'
import { SessionTrace } from './trace/session-trace'
import { TimerLineage } from './trace/timer-lineage'
import type { KeyPage, KeyPageQuery, KeyStateView, OperatorView, OutputView, RunSeriesView, RunStatusView, StepView, TimerView } from '../common/views'
import type { JobRun } from '../engine/runtime/job-run'
import { openRun, type OpenedRun } from '../engine/runtime/open-run'
import { restoreSavepoint, writeCheckedSavepoint } from '../engine/runtime/run-savepoint'
import type { RunSnapshot } from '../engine/runtime/run-snapshot'
import { backendCheck } from './backend-check'
import { RunSeries } from './run-series'
import { isPythonJob } from '../sandbox/load-job-file'
import { Breakpoints } from './breakpoints'
import { COMPARE_LIST_LIMIT, compareOutputs, compareThroughStep } from './compare-outputs'
import { readOutputLog, writeOutputLog } from './output-log-file'
import { SessionInsights } from './session-insights'
import { SessionViews } from './session-views'
import { StepRecorder } from './step-recorder'
import { TimeTravel, type TimeTravelOptions } from './time-travel/time-travel'
import { SessionSnapshots, type SessionSnapshot } from './session-snapshots'
import { stopsAt } from './step-stops'
import { WatchExpressions } from './watch-expressions'

/** Step views a step() call returns at most (the newest). */
const KEEP_LAST = 200
/** Input items per batch a session reads (JobRun's default is 4096; a restore re-reads up to one batch). */
const SESSION_BATCH = 512

export class DebugSession implements SessionApi {
  readonly run: JobRun
  /** Snapshots and re-execution (seek, step back, and the answers below that replay the past). */
  readonly timeTravel: TimeTravel
  /** Called with the status every ~100 ms while one step() call runs long (set by the session worker). */
  onProgress: ((status: RunStatusView) => void) | null = null
  private readonly views: SessionViews
  private readonly bps: Breakpoints
  private readonly watches: WatchExpressions
  private readonly insights: SessionInsights
  /** The run by step, for the charts. */
  private readonly runSeries = new RunSeries()
  private closed = false
  private lastProgressAt = 0
  private readonly findingsObserver: FindingsCollector | null
  /** The job's notices so far, once each (by file, line and message). */
  private readonly notices = new Map<string, JobNoticeView>()
  /** What the job's code printed, kept once per step. */
  private readonly jobConsole: SessionConsole
  private readonly codeTrace: SessionTrace
  /** The furthest step the session reached (trace and findings cover up to it). */
  private furthest = 0
  /** The step that threw or was stopped, once one did (the run then stands at the step before it). */
  private failed: FailureView | null = null
  /** The step a watchdog stop's put-back re-runs to (resumeAfterStop): its progress says so. */
  private restoringTo: number | null = null
  private readonly snapshots: SessionSnapshots

  private constructor(private readonly opened: OpenedRun, private readonly recorder: StepRecorder, readonly options: SessionOptions, tt?: TimeTravelOptions) {
    const run = opened.run
    this.run = run
    this.jobConsole = options.echoJobOutput === false ? new SessionConsole(null) : new SessionConsole()
    const language = isPythonJob(options.jobPath) ? 'python' : 'typescript'
    this.views = new SessionViews(run, recorder, language === 'python')
    this.timeTravel = new TimeTravel(run, recorder, tt)
    this.bps = new Breakpoints(run, language, opened.jobPath)
    this.watches = new WatchExpressions(run, language)
    this.timeTravel.beforeStep = () => this.bps.beginStep()
    this.timeTravel.notice = (message) => this.notice({ file: opened.jobPath, line: 0, message })
    this.snapshots = new SessionSnapshots(run, recorder, this.timeTravel, this.timeTravel.notice)
    // A seek past the furthest step re-executes steps no sample has yet: sample them on the way. They are reached
    // steps too (a Go to step past the end ran the whole run, and findings then said "over 0 steps").
    this.timeTravel.afterStep = (step) => {
      if (step > this.furthest) this.stepEnded()
      if (this.runSeries.due(step)) this.runSeries.add(this.views.status(), performance.now())
      if (this.restoringTo !== null && (step & 255) === 0) this.progress()
    }
    this.insights = new SessionInsights(run, recorder, this.timeTravel, this.views.timerView)
    const lineage = new TimerLineage(run.rc)
    run.observe(lineage)
    this.insights.firingOrigin = (step) => lineage.firingAt(step)
    this.findingsObserver = options.findings === false ? null : new FindingsCollector(run, opened.jobPath)
    run.rc.findings = this.findingsObserver
    // After a throw the session stands at it (failedAt): answers that replay the past must not re-run that step.
    const thrownAt = (): number | null => (this.failed !== null && this.failed.error.code === 'JOB_THREW' ? this.failed.step : null)
    this.codeTrace = new SessionTrace(run, recorder, this.timeTravel, this.views, lineage, opened.jobPath, () => this.furthest, thrownAt)
    this.codeTrace.tapOutput = (tap) => { this.jobConsole.tap = tap }
    this.insights.thrownAt = thrownAt
    this.insights.returnTo = (step) => this.codeTrace.returnTo(step)
  }

  /** `timeTravel` tunes the snapshot interval (tests and the benchmark). */
  static async open(options: SessionOptions, timeTravel?: TimeTravelOptions): Promise<DebugSession> {
    const opened = await openRun({
      ...options,
      // A seek reopens the recording at a snapshot's batch and re-reads the items used before it: small
      // batches keep that short.
      batchSize: SESSION_BATCH,
      observable: true,
    })
    const recorder = new StepRecorder(opened.run.rc)
    recorder.setOperators(opened.run.keyedOps)
    opened.run.observe(recorder)
    const session = new DebugSession(opened, recorder, options, timeTravel)
    opened.run.observe(session.runSeries)
    try {
      await session.timeTravel.init() // the step-0 snapshot (and, on LevelDB, the history's folder)
    } catch (e) {
      await session.close().catch(() => undefined)
      throw e
    }
    session.runSeries.add(session.views.status(), performance.now())
    return session
  }

  /** What the job printed while it loaded (before the session existed), at step 0; later steps print through jobOutput. */
  printedWhileLoading(list: readonly JobOutput[]): void { this.jobConsole.loaded(list) }

  /** A line the job's code printed (sandbox/job-console.ts), kept the first time its step runs. */
  jobOutput(o: JobOutput): void { this.jobConsole.output(o, this.run.rc.step) }

  async console(from: number, limit: number): Promise<ConsoleView> { return this.jobConsole.view(from, limit) }

  async step(target: StepTarget, maxSteps = Number.MAX_SAFE_INTEGER): Promise<StepResult> {
    this.checkOpen()
    const steps: StepView[] = []
    let taken = 0
    const r = this.recorder
    // Long runs skip the before/after bookkeeping; single steps record it.
    r.trackChanges = target.kind !== 'end' && target.kind !== 'continue'
    const bps = this.bps
    let hit: BreakpointHit | null = null
    while (taken < maxSteps && !this.run.finished) {
      this.refuseStoppedStep(this.run.rc.step + 1)
      r.beginStep()
      bps.beginStep()
      const outcome = await this.keepingFailure(this.run.step())
      if (outcome.kind === 'end') break
      this.stepEnded()
      taken++
      const view = r.endStep(outcome, this.views.timerView, this.run.watermark())
      this.watches.stoodAt(view.step, outcome)
      steps.push(view)
      if (steps.length > KEEP_LAST) steps.shift()
      // Logpoints record, breakpoints stop every target but 'end'; snapshots for time travel.
      if (bps.active) hit = bps.evaluate(view, outcome)
      if (this.timeTravel.due()) await this.timeTravel.capture()
      if (this.runSeries.due(view.step)) this.runSeries.add(this.views.status(), performance.now())
      if (hit !== null && target.kind !== 'end') break
      if (stopsAt(target, view)) break
      if ((taken & 255) === 0) this.progress() // live progress for long calls (the service coalesces what it forwards)
    }
    const result: StepResult = { steps, taken, status: this.views.status() }
    if (hit !== null && target.kind !== 'end') result.breakpointHit = hit
    return result
  }

  async status(): Promise<RunStatusView> { return this.views.status() }
  async series(): Promise<RunSeriesView> { return this.runSeries.view() }
  async operators(): Promise<OperatorView[]> { return this.views.operators() }
  async keys(q: KeyPageQuery): Promise<KeyPage> { return this.views.keys(q) }
  async keyState(operatorId: string, keyStr: string): Promise<KeyStateView | null> { return this.views.keyState(operatorId, keyStr) }
  async timers(offset: number, limit: number): Promise<Page<TimerView>> { return this.views.timers(offset, limit) }
  async outputs(offset: number, limit: number, filter?: OutputFilter): Promise<Page<OutputView>> { return this.views.outputs(offset, limit, filter) }
  async outputTail(limit: number, filter?: OutputFilter): Promise<OutputTail> { return this.views.outputTail(limit, filter) }

  /** The whole run's state between steps, the job's fields kept for the returned object (session-snapshots.ts). */
  async snapshot(): Promise<SessionSnapshot> { return this.snapshots.take() }

  /** Back (or forward) to a snapshot of this session: its state, outputs and the job's fields (session-snapshots.ts). */
  async restore(s: RunSnapshot & { outputs?: number }): Promise<RunStatusView> {
    await this.snapshots.restore(s)
    return this.views.status()
  }

  /** Goes to `step` (0 = before the first, clamped to the run's end) as if stepped there from the start. */
  async seek(step: number): Promise<SeekResult> {
    this.checkOpen()
    if (!Number.isInteger(step) || step < 0) throw new RiffleError('BAD_ARGUMENT', `seek: step must be a whole number >= 0, got ${step}`)
    const t0 = performance.now()
    this.refuseStoppedStep(step)
    this.runSeries.jumped()
    // The last step is taken with change tracking, so the view says what it changed.
    // Step 0, or where the run was restored (a savepoint): no step before it to re-run, its snapshot is the step. Going
    // forward past the furthest step reached runs job code no step ran: a throw there stands as a step's does.
    const fromSnapshot = await this.keepingFailure(this.timeTravel.moveTo(step <= (this.timeTravel.snapshots[0]?.step ?? 0) ? step : step - 1))
    let last: StepView | null = null
    if (step > 0 && this.run.rc.step === step - 1 && !this.run.finished) {
      const r = this.recorder
      r.trackChanges = true
      r.beginStep()
      this.bps.beginStep()
      const outcome = await this.keepingFailure(this.run.step())
      if (outcome.kind !== 'end') {
        last = r.endStep(outcome, this.views.timerView, this.run.watermark())
        this.watches.stoodAt(last.step, outcome)
        this.stepEnded()
      }
      if (this.timeTravel.due()) await this.timeTravel.capture()
      if (last !== null && this.runSeries.due(last.step)) this.runSeries.add(this.views.status(), performance.now())
      await this.timeTravel.finishIfAtEnd()
    }
    return { status: this.views.status(), last, millis: performance.now() - t0, fromSnapshot }
  }

  async stepBack(): Promise<SeekResult> { return this.seek(Math.max(0, this.run.rc.step - 1)) }

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
          this.bps.evaluate(r.endStep(outcome, this.views.timerView, this.run.watermark()), outcome)
        }
      } finally {
        this.bps.only = null
        r.trackChanges = tracking
      }
    }
    return status
  }

  async logpointHits(id: string): Promise<LogpointHit[]> { return this.bps.hitsOf(id) }
  async keyHistory(operatorId: string, keyStr: string): Promise<KeyHistoryView> { this.checkOpen(); return this.insights.keyHistory(operatorId, keyStr) }
  /** Why an output: its step's reads and writes, the line that emitted it, and for a timer's output where the timer came from. */
  async lineage(outputSeq: number): Promise<LineageView> {
    this.checkOpen()
    const lv = await this.insights.lineage(outputSeq)
    const t = await this.codeTrace.trace(lv.step, { outputSeq }) // listed past the trace's cut too (a step emitting in a loop)
    const emitted = t.entries.find((e) => e.kind === 'output' && e.seq === outputSeq)
    lv.emittedAt = emitted?.where ?? null
    if (t.timerOrigin !== undefined) lv.timerOrigin = t.timerOrigin
    return lv
  }
  async keyTimeline(operatorId: string, keyStr: string): Promise<KeyTimelineView> { this.checkOpen(); return this.insights.keyTimeline(operatorId, keyStr) }
  /** The Watch list's expressions for one key at the step the session stands at (watch-expressions.ts). */
  async watch(operatorId: string, keyStr: string, expressions: string[]): Promise<WatchValue[]> {
    this.checkOpen()
    return this.watches.evaluate(operatorId, keyStr, expressions)
  }
  async compareOutputs(previous: OutputView[]): Promise<OutputComparison> { return compareOutputs(previous, this.recorder.outputs) }
  async saveOutputs(file: string): Promise<number> { return writeOutputLog(file, this.recorder.outputs) }
  async compareOutputsWithFile(file: string, previousStoppedAt: number | null = null): Promise<OutputComparison> {
    const step = Math.min(this.run.finished ? Infinity : this.run.rc.step, previousStoppedAt ?? Infinity)
    return compareThroughStep(await readOutputLog(file), this.recorder.outputs, step, COMPARE_LIST_LIMIT)
  }

  /** Runs this session's job and recording to the end on heap and on LevelDB (fresh runs) and compares them. */
  async backendCheck(): Promise<BackendCheckResult> {
    this.checkOpen()
    const { backend: _b, stateDir: _d, ...rest } = this.options
    // Its runs' prints and notices are not this session's: the Problems list must not gain a line it never ran.
    // and a Python job's clock (time, random) stays this run's.
    return keepingPythonClock(() => mutingNotices(() => this.jobConsole.muting(() => backendCheck(rest, 20, this.run.rc.gate.heartbeat))))
  }

  /** Every call the job made in `step`, re-run from the state before it; the session stays where it is. */
  async trace(step: number): Promise<StepTrace> {
    this.checkOpen()
    // The failed step can be traced (up to its throw) though the session never got past it.
    if (this.failed !== null && step === this.failed.step) {
      if (this.failed.error.code === 'JOB_TIMEOUT') {
        throw new RiffleError('BAD_ARGUMENT', `step ${step} was stopped by the watchdog: tracing it would run the loop again`)
      }
      return this.codeTrace.atStep(step, true)
    }
    return this.codeTrace.trace(step)
  }

  async findings(): Promise<FindingsView> {
    const f = this.findingsObserver
    const notices = [...this.notices.values()]
    if (f === null) return { enabled: false, findings: [], throughStep: this.furthest, notices }
    return { enabled: true, findings: f.list(), throughStep: this.furthest, notices }
  }

  /** A notice the job's code said (sandbox/job-notices.ts); the same one again, after a restart or seek, is kept once. */
  notice(n: JobNoticeView): void {
    const id = noticeId(n)
    if (!this.notices.has(id)) this.notices.set(id, n)
  }

  async failure(): Promise<FailureView | null> { return this.failed }

  async resumeAfterStop(failure: FailureView): Promise<RunStatusView> {
    this.checkOpen()
    if (!Number.isInteger(failure.step) || failure.step < 1) throw new RiffleError('BAD_ARGUMENT', `resumeAfterStop: the stopped step must be a whole number >= 1, got ${failure.step}`)
    this.restoringTo = failure.step - 1
    this.lastProgressAt = -Infinity // the first 256 steps re-run say so at once
    try { await this.seek(failure.step - 1) } finally { this.restoringTo = null }
    this.failed = failure
    return this.views.status()
  }

  /** The status to the owner, every ~100 ms of a long call; during a put-back with the step it goes to. */
  private progress(): void {
    const now = performance.now()
    if (this.onProgress === null || now - this.lastProgressAt < 100) return
    this.lastProgressAt = now
    this.onProgress(this.restoringTo === null ? this.views.status() : { ...this.views.status(), restoringTo: this.restoringTo })
  }

  /** A step the watchdog stopped would loop again (replays are deterministic): going to it or past it fails at once, as after a throw. */
  private refuseStoppedStep(step: number): void {
    const f = this.failed
    if (f !== null && f.error.code === 'JOB_TIMEOUT' && step >= f.step) throw RiffleError.fromInfo(f.error)
  }

  /** A step took: findings and the furthest step move on. */
  private stepEnded(): void {
    const step = this.run.rc.step
    if (step > this.furthest) this.furthest = step
    this.jobConsole.stepRan(step)
    this.findingsObserver?.stepEnded(step)
  }

  /** Job code ran in `p`: the job's own failure keeps its context (session.failure); the call still rejects with it. */
  private async keepingFailure<T>(p: Promise<T>): Promise<T> {
    try { return await p } catch (e) { if (toErrorInfo(e).code === 'JOB_THREW') await this.failedAt(e); throw e }
  }

  /** The job threw in the step now running: the failure keeps the error and the step's trace up to the throw (re-run from the step before). */
  private async failedAt(e: unknown): Promise<void> {
    const step = this.run.rc.step
    const error = toErrorInfo(e)
    // What the step printed before it threw is kept; the re-runs below print it again.
    this.jobConsole.stepRan(step)
    await this.timeTravel.moveTo(step - 1)
    let trace: StepTrace | undefined
    try {
      trace = await this.codeTrace.traceNext()
    } catch { /* the trace is extra context: the failure stands without it */ }
    // Re-run deterministically, the step threw again at the same call: the session stands at the throw as
    // before (the same error on the next step), and stepBack/seek reach the state before it.
    const f: FailureView = { step, error, where: error.where ?? null }
    if (trace !== undefined) f.trace = trace
    this.failed = f
  }

  /** Writes the run as a savepoint (docs/savepoint-format.md), as `riffle run --savepoint-out` does; returns the step it holds. */
  async saveSavepoint(dir: string): Promise<number> {
    this.checkOpen()
    await writeCheckedSavepoint(this.run, dir, this.options.recordingPath, this.options.backend)
    return this.run.rc.step
  }

  /** Continues from a savepoint of this job and recording (either backend), as `riffle run --from-savepoint`; the output log starts empty. */
  async loadSavepoint(dir: string): Promise<RunStatusView> {
    this.checkOpen()
    await restoreSavepoint(this.run, dir, this.options.recordingPath)
    // The replaced run's failure (a throw, a watchdog stop), findings and furthest step are not this one's: the loaded
    // run has reached its savepoint's step, no further.
    this.failed = null
    this.furthest = this.run.rc.step
    this.findingsObserver?.restartedAt(this.furthest)
    this.recorder.truncate(0)
    await this.timeTravel.reset(true)
    this.runSeries.restartedAt(this.views.status(), performance.now())
    return this.views.status()
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.bps.close()
    try {
      this.snapshots.close()
      await this.timeTravel.close()
    } finally {
      await this.opened.close()
    }
  }

  private checkOpen(): void { if (this.closed) throw new RiffleError('SESSION_CLOSED', 'the session is closed') }
}
