// The owning side's proxy to a DebugSession in a worker thread: every DebugSessionApi method as an
// async call, a Stop that terminates the worker, and the watchdog's JOB_TIMEOUT as a rejection.
import type {
  BackendCheckResult, BreakpointSpec, BreakpointStatus, DebugSessionApi, ErrorInfo, KeyHistoryView, KeyTimelineView, LineageView,
  LogpointHit, OutputComparison, Page, SeekResult, SessionOptions, StepResult, StepTarget,
} from '../common/debug-api'
import type { KeyPage, KeyPageQuery, KeyStateView, OperatorView, OutputView, RunStatusView, TimerView } from '../common/views'
import { RiffleError } from './error-info'
import { WorkerHost, type WorkerLimits } from './worker-host'
import type { SessionMethod } from './worker-protocol'
import { readRecordingLine, readRecordingLineAsync } from '../replay/read-line'

async function withInputValue(info: ErrorInfo, recordingPath: string): Promise<ErrorInfo> {
  if (info.code !== 'JOB_TIMEOUT' || info.input === undefined || info.input.value !== null || recordingPath === '') return info
  const text = await readRecordingLineAsync(recordingPath, info.input.line)
  if (text === null) return info
  let value: unknown = text
  try { value = JSON.parse(text) } catch { /* a CSV row or a truncated preview: keep the text */ }
  return { ...info, input: { line: info.input.line, value } }
}

export class SessionWorkerClient implements DebugSessionApi {
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
      else p.reject(new RiffleError(m.error))
    })
    host.onDeath((info) => {
      const pending = [...this.pending.values()]
      this.pending.clear()
      // The watchdog knows only the line: read the event itself so the error can show it.
      void withInputValue(info, this.recordingPath).then((full) => {
        for (const p of pending) p.reject(new RiffleError(full))
        this.death = full
        for (const l of this.deathListeners.splice(0)) l(full)
      })
    })
  }

  static async start(options: SessionOptions, hooks?: { onStatus?(s: RunStatusView): void }, limits?: WorkerLimits): Promise<SessionWorkerClient> {
    const host = new WorkerHost(options.watchdogMs, (line) => readRecordingLine(options.recordingPath, line), limits)
    await new Promise<void>((resolve, reject) => {
      const off = host.onMessage((m) => {
        if (m.type === 'opened') { off(); resolve() }
        // Reject with the real reason before terminating: terminating reports STOPPED to onDeath below.
        if (m.type === 'openFailed') { off(); reject(new RiffleError(m.error)); void host.terminate() }
      })
      host.onDeath((info) => reject(new RiffleError(info)))
      host.send({ type: 'open', options })
    })
    return new SessionWorkerClient(host, hooks, options.recordingPath)
  }

  /** Terminates the worker now; pending calls reject with code STOPPED. */
  stop(reason?: string): void { this.host.stop(reason) }

  /** Called once when the worker is gone, whatever ended it, with the same error its pending calls got. */
  onDeath(listener: (info: ErrorInfo) => void): void {
    if (this.death !== null) listener(this.death)
    else this.deathListeners.push(listener)
  }

  /** Why the worker is gone, or null while it runs. */
  get deathInfo(): ErrorInfo | null { return this.host.deathInfo }

  step(target: StepTarget, maxSteps?: number): Promise<StepResult> { return this.call('step', [target, maxSteps]) as Promise<StepResult> }
  status(): Promise<RunStatusView> { return this.call('status', []) as Promise<RunStatusView> }
  operators(): Promise<OperatorView[]> { return this.call('operators', []) as Promise<OperatorView[]> }
  keys(query: KeyPageQuery): Promise<KeyPage> { return this.call('keys', [query]) as Promise<KeyPage> }
  keyState(operatorId: string, keyStr: string): Promise<KeyStateView | null> { return this.call('keyState', [operatorId, keyStr]) as Promise<KeyStateView | null> }
  timers(offset: number, limit: number): Promise<Page<TimerView>> { return this.call('timers', [offset, limit]) as Promise<Page<TimerView>> }
  outputs(offset: number, limit: number, filter?: { keyStr?: string; tag?: string | null }): Promise<Page<OutputView>> {
    return this.call('outputs', [offset, limit, filter]) as Promise<Page<OutputView>>
  }

  // issue 5: time travel, breakpoints, history, lineage, timeline, compare, backend check
  seek(step: number): Promise<SeekResult> { return this.call('seek', [step]) as Promise<SeekResult> }
  stepBack(): Promise<SeekResult> { return this.call('stepBack', []) as Promise<SeekResult> }
  setBreakpoints(list: BreakpointSpec[]): Promise<BreakpointStatus[]> { return this.call('setBreakpoints', [list]) as Promise<BreakpointStatus[]> }
  logpointHits(id: string): Promise<LogpointHit[]> { return this.call('logpointHits', [id]) as Promise<LogpointHit[]> }
  keyHistory(operatorId: string, keyStr: string): Promise<KeyHistoryView> { return this.call('keyHistory', [operatorId, keyStr]) as Promise<KeyHistoryView> }
  lineage(outputSeq: number): Promise<LineageView> { return this.call('lineage', [outputSeq]) as Promise<LineageView> }
  keyTimeline(operatorId: string, keyStr: string): Promise<KeyTimelineView> { return this.call('keyTimeline', [operatorId, keyStr]) as Promise<KeyTimelineView> }
  saveOutputs(file: string): Promise<number> { return this.call('saveOutputs', [file]) as Promise<number> }
  compareOutputsWithFile(file: string): Promise<OutputComparison> { return this.call('compareOutputsWithFile', [file]) as Promise<OutputComparison> }
  backendCheck(): Promise<BackendCheckResult> { return this.call('backendCheck', []) as Promise<BackendCheckResult> }

  async close(): Promise<void> {
    if (this.host.deathInfo === null) {
      try { await this.call('close', []) } catch { /* the worker goes away regardless */ }
    }
    await this.host.terminate()
  }

  private call(method: SessionMethod, args: unknown[]): Promise<unknown> {
    const dead = this.host.deathInfo
    if (dead !== null) return Promise.reject(new RiffleError(dead))
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      this.host.send({ type: 'call', id, method, args })
    })
  }
}
