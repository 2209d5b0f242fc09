// DebuggerService: the main side of the contract. Holds sessions by id (each a worker thread behind
// SessionWorkerClient), lists examples and recordings, reads and saves job files in the workspace, and pushes
// coalesced status events. Its `handlers` object satisfies ContractHandlers; Electron IPC and the browser
// server both serve exactly that object.
import { randomBytes } from 'node:crypto'
import type {
  AppInfo, CloseOptions, ContractEvents, ContractHandlers, EventMessage, EventName, JobFile, KeptRun, RecordingInfo,
  SessionStartArgs,
} from '../common/contract'
import { toErrorInfo } from '../common/contract'
import type { DebugSessionApi, ErrorInfo, SessionOptions } from '../common/debug-api'
import type { RunStatusView } from '../common/views'
import { Coalescer } from './coalesce'
import { KeptRuns } from './kept-runs'
import { Connection } from './service-connection'
import { SharedWork } from './shared-work'
import { RecordingCatalog, type RecordingScanner } from './recording-catalog'
import { Workspace, WorkspaceError } from './workspace'

/** What the service needs from a started session (SessionWorkerClient provides it). */
export interface SessionHandle extends DebugSessionApi {
  /** Terminates the worker now; pending calls reject with code STOPPED. */
  stop(reason?: string): void
}

export type SessionStarter = (
  opts: SessionOptions, hooks: { onStatus?(s: RunStatusView): void },
) => Promise<SessionHandle>

/** Native dialogs, present only in Electron. Each returns an absolute path, or null when cancelled. */
export interface DialogProvider {
  openJob(defaultDir: string): Promise<string | null>
  saveJob(suggestedPath: string): Promise<string | null>
  openRecording(defaultDir: string): Promise<string | null>
}

export type EventSink = <K extends EventName>(event: K, payload: ContractEvents[K]) => void

export interface DebuggerServiceOptions {
  mode: AppInfo['mode']
  version: string
  projectRoot: string
  workspace: string
  startSession: SessionStarter
  scanRecording: RecordingScanner
  dialogs?: DialogProvider
  /** Status pushes per session are coalesced to at most one per this many ms (default 50). */
  statusIntervalMs?: number
}

/** Codes after which the worker is gone and the session cannot continue. */
const FATAL_CODES = new Set<ErrorInfo['code']>(['JOB_TIMEOUT', 'STOPPED', 'SESSION_CLOSED'])

export class DebuggerService {
  readonly workspace: Workspace
  /** The handlers of one connection that is never released (tests; the service's own callers). */
  readonly handlers: ContractHandlers
  private readonly sessions = new Map<string, SessionHandle>()
  private readonly recordings: RecordingCatalog
  private readonly status: Coalescer<RunStatusView>
  private readonly sinks = new Set<EventSink>()
  private readonly keptRuns = new KeptRuns()
  private readonly connections = new Set<Connection>()
  private readonly shared = new SharedWork()

  constructor(private readonly opts: DebuggerServiceOptions) {
    this.workspace = new Workspace({ projectRoot: opts.projectRoot, workspace: opts.workspace })
    this.recordings = new RecordingCatalog(this.workspace.recordingsDir, opts.scanRecording,
      (path, bytesRead, totalBytes, done) => this.emit('recordings.progress', { path, bytesRead, totalBytes, done }))
    this.status = new Coalescer(opts.statusIntervalMs ?? 50,
      (sessionId, status) => this.emit('session.status', { sessionId, status }))
    this.handlers = this.connect().handlers
  }

  /** A new client (a WebSocket, the Electron window): its requests, its events, its sessions. */
  connect(): Connection {
    const connection = new Connection('c' + randomBytes(6).toString('hex'), (c) => this.makeHandlers(c), (c) => this.release(c))
    this.connections.add(connection)
    return connection
  }

  /** A connection's page is gone: its work in flight was cancelled (its signal); it gets no more events. */
  private release(connection: Connection): void {
    this.connections.delete(connection)
  }

  /** Subscribes to every pushed event, of every connection; returns the unsubscribe function. */
  onEvent(sink: EventSink): () => void {
    this.sinks.add(sink)
    return () => { this.sinks.delete(sink) }
  }

  /** Stops every session (window closed, app quitting). */
  async dispose(): Promise<void> {
    for (const [id, s] of this.sessions) { s.stop('the app is closing'); this.sessions.delete(id) }
    this.status.dispose()
    this.keptRuns.dispose()
  }

  private emit<K extends EventName>(event: K, payload: ContractEvents[K]): void {
    for (const sink of this.sinks) {
      try { sink(event, payload) } catch { /* a broken transport must not break the service */ }
    }
    const message = { event, payload } as EventMessage
    for (const c of this.connections) c.deliver(message)
  }

  private session(id: string): SessionHandle {
    const s = this.sessions.get(id)
    if (!s) throw Object.assign(new Error(`No session ${id}: it was stopped or closed.`), { code: 'SESSION_CLOSED' })
    return s
  }

  /** Runs a call on a session; a fatal error ends the session and tells the renderer why. */
  private async call<T>(id: string, fn: (s: SessionHandle) => Promise<T>): Promise<T> {
    const s = this.session(id)
    try {
      return await fn(s)
    } catch (err) {
      const info = toErrorInfo(err)
      if (FATAL_CODES.has(info.code)) this.end(id, info.message, info)
      throw err
    }
  }

  private end(id: string, reason: string, error: ErrorInfo | null): void {
    const s = this.sessions.get(id)
    if (!s) return
    this.sessions.delete(id)
    this.status.flush(id)
    this.status.forget(id)
    this.emit('session.ended', { sessionId: id, reason, error })
  }

  private async startSession(args: SessionStartArgs): Promise<import('../common/contract').SessionStarted> {
    const recordingPath = this.workspace.resolveReadable(args.recordingPath)
    const jobPath = args.jobSource !== undefined
      ? resolveJobName(this.workspace, args.jobPath)
      : this.workspace.resolveReadable(args.jobPath)
    const sessionId = 's' + randomBytes(6).toString('hex')
    const handle = await this.opts.startSession({
      jobPath, jobSource: args.jobSource, recordingPath, backend: args.backend,
      processingTime: args.processingTime, drainProcessingTimers: args.drainProcessingTimers ?? false,
      skipBadLines: args.skipBadLines ?? false, watchdogMs: args.watchdogMs,
    }, { onStatus: (st) => { if (this.sessions.has(sessionId)) this.status.push(sessionId, st) } })
    this.sessions.set(sessionId, handle)
    try {
      const [status, operators] = await Promise.all([handle.status(), handle.operators()])
      return { sessionId, status, operators }
    } catch (err) {
      handle.stop('start failed')
      this.sessions.delete(sessionId)
      throw err
    }
  }

  /** Has the session's worker write its output log for a later Compare; null when it cannot (the worker is gone). */
  private async keepOutputs(id: string, s: SessionHandle): Promise<KeptRun | null> {
    try {
      const n = await need(s, 'saveOutputs').call(s, this.keptRuns.fileFor(id))
      return this.keptRuns.add(id, n)
    } catch {
      this.keptRuns.discard(id)
      return null
    }
  }

  private async jobFromDialog(path: string | null): Promise<JobFile | null> {
    if (!path) return null
    return this.workspace.read(this.workspace.approve(path))
  }

  private makeHandlers(conn: Connection): ContractHandlers {
    const ws = this.workspace
    const dialogs = this.opts.dialogs
    const handlers = {
      'app.info': async (): Promise<AppInfo> => ({
        mode: this.opts.mode, version: this.opts.version, workspace: ws.workspace, nativeDialogs: !!dialogs,
      }),
      // Listings and scans in flight are shared, and stop when every connection that asked has gone.
      'examples.list': async () => this.shared.run('examples.list', () => ws.listExamples(), conn.signal),
      'recordings.list': async () => this.recordings.list(conn.signal),
      'recordings.scan': async (path: string) => this.recordings.scan(ws.resolveReadable(path), conn.signal),
      'files.list': async () => this.shared.run('files.list', () => ws.listJobs(), conn.signal),
      'files.read': async (path: string) => ws.read(path),
      'files.save': async (path: string, source: string) => ws.save(path, source),
      'dialog.openJob': async () => this.jobFromDialog(dialogs ? await dialogs.openJob(ws.workspace) : null),
      'dialog.saveJob': async (suggested: string, source: string) => {
        const path = dialogs ? await dialogs.saveJob(suggested) : null
        return path ? ws.save(ws.approve(path), source) : null
      },
      'dialog.openRecording': async (): Promise<RecordingInfo | null> => {
        const path = dialogs ? await dialogs.openRecording(ws.recordingsDir) : null
        return path ? this.recordings.scan(ws.approve(path)) : null
      },
      'session.start': async (args: SessionStartArgs) => this.startSession(args),
      'session.step': async (id: string, target, maxSteps?: number) => this.call(id, async (s) => {
        const r = await s.step(target, maxSteps)
        this.status.push(id, r.status)
        return r
      }),
      'session.status': async (id: string) => this.call(id, (s) => s.status()),
      'session.operators': async (id: string) => this.call(id, (s) => s.operators()),
      'session.keys': async (id: string, query) => this.call(id, (s) => s.keys(query)),
      'session.keyState': async (id: string, op: string, key: string) => this.call(id, (s) => s.keyState(op, key)),
      'session.timers': async (id: string, offset: number, limit: number) => this.call(id, (s) => s.timers(offset, limit)),
      'session.outputs': async (id: string, offset: number, limit: number, filter) =>
        this.call(id, (s) => s.outputs(offset, limit, filter)),
      // issue 5: time travel moves the run, so it pushes the new status like a step does.
      'session.seek': async (id: string, step: number) => this.call(id, async (s) => {
        const r = await need(s, 'seek').call(s, step)
        this.status.push(id, r.status)
        return r
      }),
      'session.stepBack': async (id: string) => this.call(id, async (s) => {
        const r = await need(s, 'stepBack').call(s)
        this.status.push(id, r.status)
        return r
      }),
      'session.setBreakpoints': async (id: string, list) => this.call(id, (s) => need(s, 'setBreakpoints').call(s, list)),
      'session.logpointHits': async (id: string, bp: string) => this.call(id, (s) => need(s, 'logpointHits').call(s, bp)),
      'session.keyHistory': async (id: string, op: string, key: string) => this.call(id, (s) => need(s, 'keyHistory').call(s, op, key)),
      'session.lineage': async (id: string, seq: number) => this.call(id, (s) => need(s, 'lineage').call(s, seq)),
      'session.keyTimeline': async (id: string, op: string, key: string) => this.call(id, (s) => need(s, 'keyTimeline').call(s, op, key)),
      'session.compareOutputs': async (id: string, previousRunId: string) => {
        const file = this.keptRuns.file(previousRunId)
        if (file === null) {
          throw Object.assign(new Error(`There is no kept output log for run ${previousRunId}: it was closed without keeping its outputs, or newer runs replaced it. Run the job again to compare.`), { code: 'BAD_ARGUMENT' })
        }
        return this.call(id, (s) => need(s, 'compareOutputsWithFile').call(s, file))
      },
      'session.backendCheck': async (id: string) => this.call(id, (s) => need(s, 'backendCheck').call(s)),
      'session.stop': async (id: string) => {
        const s = this.sessions.get(id)
        if (!s) return
        s.stop('stopped by the user')
        this.end(id, 'Stopped by the user.', null)
      },
      'session.close': async (id: string, opts?: CloseOptions) => {
        const s = this.sessions.get(id)
        if (!s) return null
        const kept = opts?.keepOutputs === true ? await this.keepOutputs(id, s) : null
        this.end(id, 'Closed.', null)
        try { await s.close() } catch { s.stop('close failed') }
        return kept
      },
    } satisfies ContractHandlers
    return handlers
  }
}

type OptionalMethod = 'seek' | 'stepBack' | 'setBreakpoints' | 'logpointHits' | 'keyHistory' | 'lineage' | 'keyTimeline'
  | 'saveOutputs' | 'compareOutputsWithFile' | 'backendCheck'

/** An issue-5 method of a session handle (optional in DebugSessionApi); a handle without it is an internal error. */
function need<M extends OptionalMethod>(s: SessionHandle, method: M): NonNullable<SessionHandle[M]> {
  const fn = s[method]
  if (typeof fn !== 'function') throw Object.assign(new Error(`this session does not support ${method}`), { code: 'INTERNAL' })
  return fn as NonNullable<SessionHandle[M]>
}

/** With an unsaved buffer the job path only names the file (for error locations); keep it inside known folders. */
function resolveJobName(ws: Workspace, path: string): string {
  try { return ws.resolveReadable(path) } catch (err) {
    if (err instanceof WorkspaceError) return ws.resolveWritable(path.replace(/^.*[\\/]/, ''))
    throw err
  }
}
