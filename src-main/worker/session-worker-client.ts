// The owning side's proxy to a DebugSession in a worker thread: every session method of the contract
// (common/session-api.ts) as an async call, derived from the contract's list of requests rather than
// written out (as VS Code's ProxyChannel derives its forwarders), a Stop that terminates the worker, and
// the watchdog's JOB_TIMEOUT as a rejection. The session outlives a watchdog stop: a fresh worker opens it
// again and re-runs it to the step before the stopped one (DebugSession.resumeAfterStop) or, when the stop
// was an interrupt the worker lived through (a loop of the job, job-interrupt.ts), that worker restores its nearest snapshot; calls made
// meanwhile wait for it (so do those sent before the stop that the stopped call kept waiting in the worker: they are
// sent again to a fresh worker, a kept one holds them), and the session keeps the failure (where the loop was).
import type { SessionOptions, WatchValue } from '../common/debug-api'
import { type ErrorInfo, RiffleError, toErrorInfo } from '../common/errors'
import { SESSION_METHODS, type SessionApi, type SessionMethod } from '../common/session-api'
import type { RunStatusView } from '../common/views'
import { readRecordingLine, readRecordingLineAsync } from '../replay/read-line'
import { type CompiledJob, compileJob } from '../sandbox/compile-job'
import { isPythonJob } from '../sandbox/load-job-file'
import { keepSavepoint, type KeptSavepoint } from './kept-savepoint'
import { WorkerHost, type WorkerLimits } from './worker-host'
import { warmWorkers } from './warm-workers'

/** Spare workers with Python loaded, for the next Python session (made once a Python session started). */
const warm = warmWorkers((watchdogMs, describeLine, limits) => new WorkerHost(watchdogMs, describeLine, limits))

/** Ends the spare Python worker, if any (the service is closing). */
export function disposeWarmWorkers(): Promise<void> { return warm.dispose() }

async function withInputValue(info: ErrorInfo, recordingPath: string): Promise<ErrorInfo> {
  if (info.code !== 'JOB_TIMEOUT' || info.input === undefined || info.input.value !== null || recordingPath === '') return info
  const text = await readRecordingLineAsync(recordingPath, info.input.line)
  if (text === null) return info
  let value: unknown = text
  try { value = JSON.parse(text) } catch { /* a CSV row or a truncated preview: keep the text */ }
  return { ...info, input: { line: info.input.line, value } }
}

/**
 * Calls that re-run steps the session already took and then leave it where it was (a trace re-runs its step in
 * tracing mode, slower than the run), and watch expressions (user code that moves nothing): the watchdog stopping one
 * is no failure of the run.
 */
const SIDE_RUNS: ReadonlySet<SessionMethod> = new Set<SessionMethod>(['trace', 'keyHistory', 'lineage', 'keyTimeline', 'watch'])

/** A watch the watchdog stopped, said as what it is (the watchdog words it as the job's loop, at the step's input). */
function watchStopped(watchdogMs: number, standing: number): ErrorInfo {
  return {
    code: 'JOB_TIMEOUT',
    message: `a watch expression did not return within ${watchdogMs.toLocaleString('en-US')} ms (an endless loop?): it was stopped, and the session is back at step ${standing.toLocaleString('en-US')}`,
  }
}

/** The step a call that moves the session left it at, read from its result. */
function standingStep(method: SessionMethod, value: unknown): number | null {
  if (method === 'resumeAfterStop' || method === 'loadSavepoint') return (value as RunStatusView).step
  if (method === 'step' || method === 'seek' || method === 'stepBack') return (value as { status: RunStatusView }).status.step
  return null
}

/** A session in a worker, as its owner holds it: the session's methods, and a stop that ends the worker. */
export type SessionHandle = SessionApi & {
  /** Terminates the worker now; pending calls reject with code STOPPED. */
  stop(reason?: string): void
  /** Why the worker is gone, or null while it runs. */
  readonly deathInfo: ErrorInfo | null
  /** The step the last loaded savepoint put the session at (time travel reaches no step before it), or null. */
  readonly loadedAt: number | null
  /** Called once when the worker is gone, whatever ended it, with the same error its pending calls got. */
  onDeath(listener: (info: ErrorInfo) => void): void
}

/** Forwards each method of SessionApi to `call` (the one place that knows the methods are a list of names). */
export function sessionProxy(call: (method: SessionMethod, args: unknown[]) => Promise<unknown>): SessionApi {
  const api: Record<string, (...args: unknown[]) => Promise<unknown>> = {}
  for (const method of SESSION_METHODS) api[method] = (...args: unknown[]) => call(method, args)
  return api as unknown as SessionApi
}

export class SessionWorkerClient {
  private nextId = 1
  private readonly pending = new Map<number, { method: SessionMethod; args: unknown[]; resolve(v: unknown): void; reject(e: Error): void }>()
  /** The step the session stands at, as the last call that moved it said (a side run's stop returns it there). */
  private standing = 0
  private readonly deathListeners: Array<(info: ErrorInfo) => void> = []
  private death: ErrorInfo | null = null
  /** While a fresh worker takes over after a watchdog stop: calls wait for it. */
  private recovering: Promise<void> | null = null
  /** True while the fresh worker re-runs to the step before the stopped one: a stop then is the end. */
  private restoring = false
  private stopped = false
  /** The breakpoints last set, for a fresh worker to get them again. */
  private breakpoints: unknown[] | null = null
  /**
   * The savepoint the session last loaded (its own copy) and the step it put the run at: a fresh worker loads it again
   * before it re-runs (its run starts there), and a reattached page is told the step (its timeline starts there).
   */
  private savepoint: KeptSavepoint | null = null

  private constructor(
    private host: WorkerHost,
    private readonly options: SessionOptions & { compiled?: CompiledJob },
    private readonly limits: WorkerLimits,
    private readonly hooks: { onStatus?(s: RunStatusView): void } = {},
  ) {
    this.attach(host)
  }

  /** Starts a worker, opens the session in it, and returns the handle (rejects with the reason the open failed). */
  static async start(options: SessionOptions, hooks?: { onStatus?(s: RunStatusView): void }, limits?: WorkerLimits): Promise<SessionHandle> {
    const python = isPythonJob(options.jobPath)
    // A TypeScript job is compiled here, in the service's thread: a worker compiling for itself would start (and
    // on a quick close, leave unreaped) an esbuild process per session. A compile error rejects before any worker
    // starts. A Python job is compiled by Pyodide in the worker (a warm one, with Python loaded, when there is one).
    const compiled = python ? undefined : options.compiled ?? await compileJob(options.jobPath, options.jobSource)
    const opened = { ...options, compiled }
    const host = await openHost(opened, limits ?? {})
    return new SessionWorkerClient(host, opened, limits ?? {}, hooks).handle()
  }

  private attach(host: WorkerHost): void {
    host.onMessage((m) => {
      if (m.type === 'status') { this.hooks.onStatus?.(m.status); return }
      if (m.type !== 'result' && m.type !== 'failed') return
      const p = this.pending.get(m.id)
      if (p === undefined) return
      this.pending.delete(m.id)
      if (m.type === 'result') this.standing = standingStep(p.method, m.value) ?? this.standing
      if (m.type === 'result') p.resolve(m.value)
      else p.reject(RiffleError.fromInfo(m.error))
    })
    host.onDeath((info) => this.hostDied(host, info))
    host.onStop((info) => this.hostStopped(host, info))
  }

  private hostDied(host: WorkerHost, info: ErrorInfo): void {
    if (host === this.host) this.afterStop(host, info, false)
  }

  /** The watchdog stopped a call and the worker lives on (a loop its interrupt unwound): it is put back in place. */
  private hostStopped(host: WorkerHost, info: ErrorInfo): void {
    if (host === this.host) this.afterStop(host, info, true)
  }

  /**
   * After the worker died (`alive` false) or the watchdog stopped its call with the worker kept (`alive`): the session
   * is put back when the watchdog stopped it, else it is over.
   */
  private afterStop(host: WorkerHost, info: ErrorInfo, alive: boolean): void {
    // A kept worker failed only its oldest call (the one it was in); the later ones wait in it for the put-back.
    const all = [...this.pending.entries()]
    const taken = alive ? all.slice(0, 1) : all
    for (const [id] of taken) this.pending.delete(id)
    const pending = taken.map(([, p]) => p)
    const recover = info.code === 'JOB_TIMEOUT' && !this.stopped && !this.restoring
    // A trace stopped by the watchdog (the oldest call is the one the worker was in) is no failure of the run: the
    // session goes back to the step it stood at. (Taken as the run's, it was failed and sent to the step before the
    // traced one, so a step that runs in 3 s but traces in over 5 could never be stepped past.)
    const sideRun = pending.length > 0 && SIDE_RUNS.has(pending[0]!.method)
    const standing = this.standing
    // The watchdog knows only the line: read the event itself so the error can show it.
    const full = withInputValue(info, this.options.recordingPath)
    const recovering = recover ? full.then((f) => this.restart(f, host.runawayStep, host.watchdogMs, sideRun ? standing : null, alive)) : null
    // The worker runs calls one at a time: only the oldest was running. The others never started (a step pressed while
    // a watch was being stopped): they are not failed with its error but sent to the fresh worker, ahead of later calls.
    // A watch list whose running expression the heartbeat names is answered too: that one stopped, the rest asked again.
    const watchList = recovering !== null && pending[0]?.method === 'watch' && host.runawayWatch >= 0 ? pending[0] : null
    const failed = recovering === null ? pending : watchList !== null ? [] : pending.slice(0, 1)
    if (recovering !== null) {
      this.recovering = recovering
      if (watchList !== null) {
        const stopped = watchStopped(host.watchdogMs, standing).message
        void recovering.then(() => this.watchAfterStop(watchList.args, host.runawayWatch, stopped)).then(watchList.resolve, watchList.reject)
      }
      for (const p of pending.slice(1)) void recovering.then(() => this.callNow(p.method, p.args)).then(p.resolve, p.reject)
    }
    void full.then((f) => {
      const said = recover && pending[0]?.method === 'watch' ? watchStopped(host.watchdogMs, standing) : f
      for (const p of failed) p.reject(RiffleError.fromInfo(said))
      if (recover) return
      this.died(f)
      if (alive) host.stop('stopped by the watchdog') // a kept worker that is not put back is ended
    })
  }

  /**
   * After a watchdog stop: the session re-run to the step before the stopped one (or, after a side run, back to the
   * step it stood at, with no failure). A kept worker (`alive`) restores its nearest snapshot and re-runs from there
   * (its breakpoints are still set); otherwise a fresh worker loads the savepoint the session loaded, if any, re-runs
   * from the start (the savepoint's step) and gets the breakpoints again.
   */
  private async restart(info: ErrorInfo, stoppedStep: number, watchdogMs: number, standing: number | null, alive: boolean): Promise<void> {
    this.restoring = true
    try {
      if (!alive) {
        const host = await openHost(this.options, this.limits)
        if (this.stopped) { void host.terminate(); throw new RiffleError('STOPPED', 'the session was stopped') }
        this.host = host
        this.attach(host)
        if (this.savepoint !== null) await this.callNow('loadSavepoint', [this.savepoint.dir])
      }
      if (standing !== null) await this.callNow('seek', [standing], alive)
      else await this.callNow('resumeAfterStop', [{ step: Math.max(1, stoppedStep), error: info, where: info.where ?? null, watchdogMs }], alive)
      if (!alive && this.breakpoints !== null) await this.callNow('setBreakpoints', this.breakpoints)
    } catch (e) {
      this.died({ ...info, message: `${info.message}; the session could not be restored: ${toErrorInfo(e).message}` })
      this.host.stop('the session could not be restored')
    } finally {
      this.restoring = false
      this.recovering = null
    }
  }

  /**
   * A watch list the watchdog stopped at expression `runaway`: that one says it was stopped (and is not run again), the
   * others are asked again of the fresh worker, so one stop costs the list one wait rather than one for it and one for
   * the expression asked alone.
   */
  private async watchAfterStop(args: unknown[], runaway: number, message: string): Promise<WatchValue[]> {
    const [operatorId, keyStr, list] = args as [string, string, string[]]
    const rest = list.filter((_, i) => i !== runaway)
    const got = rest.length === 0 ? [] : await this.callNow('watch', [operatorId, keyStr, rest]) as WatchValue[]
    return [...got.slice(0, runaway), { expression: list[runaway]!, error: message, stopped: true }, ...got.slice(runaway)]
  }

  private died(info: ErrorInfo): void {
    if (this.death !== null) return
    this.death = info
    this.savepoint?.release()
    for (const l of this.deathListeners.splice(0)) l(info)
  }

  private handle(): SessionHandle {
    const handle = Object.assign(sessionProxy((method, args) => this.call(method, args)), {
      close: () => this.close(),
      stop: (reason?: string) => { this.stopped = true; this.host.stop(reason) },
      onDeath: (listener: (info: ErrorInfo) => void) => this.onDeath(listener),
    })
    // A getter, defined rather than assigned: Object.assign would copy the value it has now (null) for good.
    return Object.defineProperties(handle, {
      deathInfo: { get: (): ErrorInfo | null => this.deathInfo, enumerable: true },
      loadedAt: { get: (): number | null => this.savepoint?.step ?? null, enumerable: true },
    }) as SessionHandle
  }

  /** Why the session is gone for good: null while it runs or while a fresh worker takes over. */
  private get deathInfo(): ErrorInfo | null {
    if (this.death !== null) return this.death
    return this.recovering !== null ? null : this.host.deathInfo
  }

  private onDeath(listener: (info: ErrorInfo) => void): void {
    if (this.death !== null) listener(this.death)
    else this.deathListeners.push(listener)
  }

  private async close(): Promise<void> {
    if (this.recovering !== null) await this.recovering
    if (this.host.deathInfo === null) {
      try { await this.callNow('close', []) } catch { /* the worker goes away regardless */ }
    }
    await this.host.terminate()
    this.savepoint?.release()
  }

  private async call(method: SessionMethod, args: unknown[]): Promise<unknown> {
    if (this.recovering !== null) await this.recovering
    if (method === 'setBreakpoints') this.breakpoints = args
    if (method !== 'loadSavepoint') return this.callNow(method, args)
    const status = await this.callNow(method, args) as RunStatusView
    // Kept as a copy: the user may save over the folder or delete it while the session runs (the session loaded it,
    // and a fresh worker must find the same savepoint). A load that failed kept the previous one (the run is as it was).
    const kept = await keepSavepoint(args[0] as string, status.step)
    this.savepoint?.release()
    this.savepoint = kept
    return status
  }

  /** `first`: the call that puts a kept worker's session back, ahead of the calls it holds (worker-protocol.ts). */
  private callNow(method: SessionMethod, args: unknown[], first = false): Promise<unknown> {
    const dead = this.death ?? this.host.deathInfo
    if (dead !== null) return Promise.reject(RiffleError.fromInfo(dead))
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { method, args, resolve, reject })
      this.host.send({ type: 'call', id, method, args, ...(first ? { first } : {}) })
    })
  }
}

/** A worker (the warm spare for Python) with the session opened in it; rejects with the reason the open failed. */
async function openHost(options: SessionOptions & { compiled?: CompiledJob }, limits: WorkerLimits): Promise<WorkerHost> {
  const python = isPythonJob(options.jobPath)
  const host = warm.take(python, options.watchdogMs, (line) => readRecordingLine(options.recordingPath, line), limits)
  host.setJob({ python, compiled: options.compiled })
  await new Promise<void>((resolve, reject) => {
    const off = host.onMessage((m) => {
      if (m.type === 'opened') { off(); resolve() }
      // Reject with the real reason before terminating: terminating reports STOPPED to onDeath below.
      if (m.type === 'openFailed') { off(); reject(RiffleError.fromInfo(m.error)); void host.terminate() }
    })
    host.onDeath((info) => reject(RiffleError.fromInfo(info)))
    host.send({ type: 'open', options })
  })
  return host
}
