// The owning side's proxy to a DebugSession in a worker thread: every session method of the contract
// (common/session-api.ts) as an async call, derived from the contract's list of requests rather than
// written out (as VS Code's ProxyChannel derives its forwarders), a Stop that terminates the worker, and
// the watchdog's JOB_TIMEOUT as a rejection.
import type { SessionOptions } from '../common/debug-api'
import { type ErrorInfo, RiffleError } from '../common/errors'
import { SESSION_METHODS, type SessionApi, type SessionMethod } from '../common/session-api'
import type { RunStatusView } from '../common/views'
import { readRecordingLine, readRecordingLineAsync } from '../replay/read-line'
import { compileJob } from '../sandbox/compile-job'
import { isPythonJob } from '../sandbox/load-job-file'
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

/** A session in a worker, as its owner holds it: the session's methods, and a stop that ends the worker. */
export type SessionHandle = SessionApi & {
  /** Terminates the worker now; pending calls reject with code STOPPED. */
  stop(reason?: string): void
  /** Why the worker is gone, or null while it runs. */
  readonly deathInfo: ErrorInfo | null
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
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>()
  private readonly deathListeners: Array<(info: ErrorInfo) => void> = []
  private death: ErrorInfo | null = null

  private constructor(private readonly host: WorkerHost, private readonly hooks: { onStatus?(s: RunStatusView): void } = {}, private readonly recordingPath = '') {
    host.onMessage((m) => {
      if (m.type === 'status') { this.hooks.onStatus?.(m.status); return }
      if (m.type !== 'result' && m.type !== 'failed') return
      const p = this.pending.get(m.id)
      if (p === undefined) return
      this.pending.delete(m.id)
      if (m.type === 'result') p.resolve(m.value)
      else p.reject(RiffleError.fromInfo(m.error))
    })
    host.onDeath((info) => {
      const pending = [...this.pending.values()]
      this.pending.clear()
      // The watchdog knows only the line: read the event itself so the error can show it.
      void withInputValue(info, this.recordingPath).then((full) => {
        for (const p of pending) p.reject(RiffleError.fromInfo(full))
        this.death = full
        for (const l of this.deathListeners.splice(0)) l(full)
      })
    })
  }

  /** Starts a worker, opens the session in it, and returns the handle (rejects with the reason the open failed). */
  static async start(options: SessionOptions, hooks?: { onStatus?(s: RunStatusView): void }, limits?: WorkerLimits): Promise<SessionHandle> {
    const python = isPythonJob(options.jobPath)
    // A TypeScript job is compiled here, in the service's thread: a worker compiling for itself would start (and
    // on a quick close, leave unreaped) an esbuild process per session. A compile error rejects before any worker
    // starts. A Python job is compiled by Pyodide in the worker (a warm one, with Python loaded, when there is one).
    const compiled = python ? undefined : options.compiled ?? await compileJob(options.jobPath, options.jobSource)
    const host = warm.take(python, options.watchdogMs, (line) => readRecordingLine(options.recordingPath, line), limits ?? {})
    host.setJob({ python, compiled })
    await new Promise<void>((resolve, reject) => {
      const off = host.onMessage((m) => {
        if (m.type === 'opened') { off(); resolve() }
        // Reject with the real reason before terminating: terminating reports STOPPED to onDeath below.
        if (m.type === 'openFailed') { off(); reject(RiffleError.fromInfo(m.error)); void host.terminate() }
      })
      host.onDeath((info) => reject(RiffleError.fromInfo(info)))
      host.send({ type: 'open', options: { ...options, compiled } })
    })
    return new SessionWorkerClient(host, hooks, options.recordingPath).handle()
  }

  private handle(): SessionHandle {
    const host = this.host
    const handle = Object.assign(sessionProxy((method, args) => this.call(method, args)), {
      close: () => this.close(),
      stop: (reason?: string) => host.stop(reason),
      onDeath: (listener: (info: ErrorInfo) => void) => this.onDeath(listener),
    })
    // A getter, defined rather than assigned: Object.assign would copy the value it has now (null) for good.
    return Object.defineProperty(handle, 'deathInfo', { get: (): ErrorInfo | null => host.deathInfo, enumerable: true }) as SessionHandle
  }

  private onDeath(listener: (info: ErrorInfo) => void): void {
    if (this.death !== null) listener(this.death)
    else this.deathListeners.push(listener)
  }

  private async close(): Promise<void> {
    if (this.host.deathInfo === null) {
      try { await this.call('close', []) } catch { /* the worker goes away regardless */ }
    }
    await this.host.terminate()
  }

  private call(method: SessionMethod, args: unknown[]): Promise<unknown> {
    const dead = this.host.deathInfo
    if (dead !== null) return Promise.reject(RiffleError.fromInfo(dead))
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      this.host.send({ type: 'call', id, method, args })
    })
  }
}
