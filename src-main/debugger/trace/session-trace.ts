// The session's code-level answers: a step's trace (re-run from the state before it with a tracer, the
// runtime's line probe and a fresh findings observer, then back to where the session was), the lines a timer's registration and its
// missed deletes ran on (traces of those steps), and the failure that stopped the run.
import { toErrorInfo } from '../../common/errors'
import { RiffleError } from '../../common/errors'
import { TRACE_LISTED, type FindingView, type SourceLocation, type StepTrace, type TimerOrigin } from '../../common/trace-api'
import type { StepView } from '../../common/views'
import { FindingsCollector } from '../../engine/findings/findings-collector'
import type { JobRun } from '../../engine/runtime/job-run'
import { inputView } from '../../engine/runtime/input-view'
import type { StepRecorder } from '../step-recorder'
import type { TimeTravel } from '../time-travel/time-travel'
import { StepTracer, type TraceAlso } from './step-tracer'
import type { TimerLineage } from './timer-lineage'
import type { SessionViews } from '../session-views'
import { jobLanguageOf } from '../../common/job-dialect'
import type { JobOutput } from '../../sandbox/job-console'

/** Missed deletes whose lines a timer origin looks up (each is a traced step). */
const MISSED_LINES = 20

export class SessionTrace {
  constructor(private readonly run: JobRun, private readonly recorder: StepRecorder, private readonly tt: TimeTravel,
    private readonly views: SessionViews, private readonly lineage: TimerLineage, private readonly jobPath: string,
    /** The furthest step the session has reached (a trace cannot look past it). */
    private readonly furthest: () => number,
    /** The step whose throw the session stands at (DebugSession.failedAt), or null. */
    private readonly thrownAt: () => number | null = () => null) {}

  /** Sets (null: clears) who hears every line the job prints, a re-run's too (DebugSession: its console's tap). */
  tapOutput: ((tap: ((o: JobOutput) => void) | null) => void) | null = null

  /** The trace of `step`; the session is back where it was afterwards. `also`: calls listed past the cut too. */
  async trace(step: number, also: TraceAlso = {}): Promise<StepTrace> {
    const furthest = this.furthest()
    if (!Number.isInteger(step) || step < 1 || step > furthest) {
      throw new RiffleError('BAD_ARGUMENT', `trace: step must be between 1 and ${furthest} (the furthest step reached), got ${step}`)
    }
    // A loaded savepoint's step and those before it ran in the run that wrote it: no state before them is kept here.
    const first = this.tt.snapshots[0]?.step ?? 0
    if (step <= first) {
      throw new RiffleError('BAD_ARGUMENT', `trace: step ${step} ran before the loaded savepoint (step ${first}), in the run that wrote it: only the steps after it can be traced`)
    }
    return this.atStep(step, true, also)
  }

  /**
   * Runs `step` traced from the state before it. With `returnAfter` the session goes back to the step it
   * was at; without, it stays at `step` (or at `step - 1` when the step threw). `also`: calls listed past the cut.
   */
  async atStep(step: number, returnAfter: boolean, also: TraceAlso = {}): Promise<StepTrace> {
    const run = this.run
    const back = run.rc.step
    await this.tt.moveTo(step - 1)
    if (run.rc.step !== step - 1) throw new RiffleError('BAD_ARGUMENT', `trace: the run ends before step ${step}`)
    try {
      const t = await this.traceNext(also)
      if (t.timer !== undefined) t.timerOrigin = await this.originOf(step, false)
      return t
    } finally {
      if (returnAfter && run.rc.step !== back) await this.returnTo(back)
      else if (returnAfter) await this.tt.finishIfAtEnd()
    }
  }

  /**
   * Back to the step the session was at. When it stood at a step's throw, moving there re-runs that step,
   * which throws again: re-run it as the failure did (traced, its error kept in the trace) so the session
   * stands at the throw again and the trace asked for is not replaced by the old error.
   */
  async returnTo(back: number): Promise<void> {
    if (back !== this.thrownAt()) {
      await this.tt.moveTo(back)
      return
    }
    await this.tt.moveTo(back - 1)
    await this.traceNext()
  }

  /** Traces the next step from where the run is (the run moves one step, or stays failed when it threw). */
  async traceNext(also: TraceAlso = {}): Promise<StepTrace> {
    const run = this.run
    const r = this.recorder
    const tracking = r.trackChanges
    r.trackChanges = true
    r.beginStep()
    this.tt.beforeStep()
    const step = run.rc.step + 1
    const tracer = new StepTracer(run.rc, run.keyedOps, run.callSites, r.outputs.length, jobLanguageOf(this.jobPath), also)
    const raised: FindingView[] = []
    // A fresh collector sees the step as new: every finding raised in it is told, with its exact line.
    const findings = new FindingsCollector(run, this.jobPath)
    findings.onOccurrence = (f, where) => raised.push(occurrence(f, where, step))
    const sessionFindings = run.rc.findings
    run.rc.findings = findings
    const off = [run.observe(tracer), () => { run.rc.findings = sessionFindings }]
    const tap = this.tapOutput
    if (tap !== null) {
      tap((o) => tracer.jobOutput(o))
      off.push(() => tap(null))
    }
    // Every line the step ran, plain lines too, in first-run order (the runtime's line probe, armed only now).
    const ran = new Set<number>()
    if (run.lines !== null) {
      try {
        off.push(run.lines.watch('all', (line) => { ran.add(line) }))
      } catch {
        // No debugger in this runtime (node:inspector missing): the lines of the step's calls are all it can know.
      }
    }
    let view: StepView | null = null
    let error: StepTrace['error']
    const watermarkBefore = run.watermark()
    try {
      const outcome = await run.step()
      if (outcome.kind === 'end') throw new RiffleError('BAD_ARGUMENT', `trace: the run has no step ${step}`)
      view = r.endStep(outcome, this.views.timerView, run.watermark())
    } catch (e) {
      // The watchdog's stop of a runaway re-run is no error of the step: the session goes back to where it stood.
      if (e instanceof RiffleError && (e.code === 'BAD_ARGUMENT' || e.code === 'JOB_TIMEOUT')) throw e
      error = toErrorInfo(e)
    } finally {
      tracer.endOutput()
      for (const f of off) f()
      r.trackChanges = tracking
    }
    const t: StepTrace = {
      step,
      // A step that threw has no view: a keyed call into processElement or onTimer is what threw.
      kind: view?.kind ?? (tracer.timerStep ? 'timer' : 'record'),
      operatorId: tracer.operatorId,
      keyStr: tracer.keyStr,
      watermark: view?.watermark ?? run.watermark(),
      processingTime: view?.processingTime ?? run.rc.processingTime,
      watermarkBefore,
      entries: tracer.entries,
      lines: [...new Set([...ran, ...tracer.lines(this.jobPath)])],
      outputs: (view?.outputs ?? []).slice(0, TRACE_LISTED),
      findings: raised,
    }
    const outputsOver = (view?.outputs.length ?? 0) - t.outputs.length
    const callsOver = tracer.notListed()
    if (callsOver !== undefined || outputsOver > 0) t.notListed = { entries: 0, byKind: {}, ...callsOver, outputs: outputsOver }
    if (view?.input !== undefined) t.input = view.input
    // A record step that threw has no view, but the record it was carrying is what the user needs to see.
    else if (view === null && !tracer.timerStep && run.rc.currentItem !== null) t.input = inputView(run.rc.currentItem)
    if (view?.timer !== undefined) t.timer = view.timer
    if (error !== undefined) {
      t.error = error
      if (error.where !== undefined && error.where.file === this.jobPath && !t.lines.includes(error.where.line)) t.lines.push(error.where.line)
    }
    return t
  }

  /**
   * Where the timer fired at `step` came from: its registering step and line, and the no-op deletes of the
   * key while it was pending, with their lines (each looked up by tracing that step; the session returns).
   */
  async originOf(step: number, returnAfter = true): Promise<TimerOrigin | undefined> {
    const o = this.lineage.firingAt(step)
    if (o === undefined) return undefined
    const back = this.run.rc.step
    const timer = o.timestamp
    try {
      const origin: TimerOrigin = { registered: null, missedDeletes: [] }
      if (o.registeredStep !== null) {
        // Every timer call: the registration may come past the calls a trace lists (a step registering in a loop).
        const t = await this.atStep(o.registeredStep, false, { timerCalls: true })
        const reg = t.entries.find((e) => e.kind === 'timerRegister' && e.timestamp === timer && !e.alreadyPending)
        origin.registered = { step: o.registeredStep, where: reg?.where ?? null }
      }
      for (const d of o.missed.slice(-MISSED_LINES)) {
        const t = await this.atStep(d.step, false, { timerCalls: true })
        const del = t.entries.find((e) => e.kind === 'timerDelete' && !e.deleted && e.timestamp === d.timestamp)
        origin.missedDeletes.push({ step: d.step, where: del?.where ?? null, timestamp: d.timestamp })
      }
      return origin
    } finally {
      if (returnAfter || this.run.rc.step !== back) await this.returnTo(back)
    }
  }
}

function occurrence(f: FindingView, where: SourceLocation | null, step: number): FindingView {
  const o: FindingView = { ...f, count: 1, firstStep: step }
  if (where !== null) { o.file = where.file; o.line = where.line; if (where.column !== undefined) o.column = where.column }
  return o
}
