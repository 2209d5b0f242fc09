// DebuggerService: the main side of the contract. Clients connect (a browser-mode WebSocket, the Electron
// window per page load); each session is a worker thread behind SessionWorkerClient that belongs to the
// connection that started it (SessionRegistry: reattach after a reload, the cap on sessions). The service
// lists examples and recordings, reads and saves job files in the workspace, keeps finished runs' output logs
// for Compare, and pushes coalesced status events to each session's owner. The contract's handler table is
// in service-handlers.ts; `handlers` is the table of one connection that is never released.
import { randomBytes } from 'node:crypto'
import type {
  AppInfo, CloseOptions, ContractEvents, ContractHandlers, EventMessage, EventName, KeptRun, SessionAttached,
  SessionStartArgs, SessionStarted, SyntaxProblem,
} from '../common/contract'
import { type ErrorInfo, toErrorInfo } from '../common/errors'
import type { RunStatusView } from '../common/views'
import { Coalescer } from './coalesce'
import { KeptRuns } from './kept-runs'
import { RecordingCatalog, type RecordingScanner } from './recording-catalog'
import { Connection } from './service-connection'
import { type DialogProvider, makeHandlers } from './service-handlers'
import type { SessionHandle, SessionStarter } from './session-handle'
import { DEFAULT_MAX_SESSIONS, DEFAULT_REATTACH_MS, SessionRegistry, type Owner, type SessionEntry } from './session-registry'
import { SharedWork } from './shared-work'
import { Workspace, WorkspaceError } from './workspace'

export type { DialogProvider } from './service-handlers'
export type { SessionHandle, SessionStarter } from './session-handle'

export type EventSink = <K extends EventName>(event: K, payload: ContractEvents[K]) => void

export interface DebuggerServiceOptions {
  mode: AppInfo['mode']
  version: string
  projectRoot: string
  workspace: string
  startSession: SessionStarter
  scanRecording: RecordingScanner
  dialogs?: DialogProvider
  /** The editor's live check of a Python job's syntax (job.checkSyntax); absent, the check answers null. */
  checkSyntax?: (path: string, source: string) => Promise<SyntaxProblem | null>
  /** Status pushes per session are coalesced to at most one per this many ms (default 50). */
  statusIntervalMs?: number
  /** How long a session waits for a page to reattach it after its connection went (default 30 s). */
  reattachMs?: number
  /** Sessions open at once (default 8). */
  maxSessions?: number
}

/**
 * Codes after which the worker is gone and the session cannot continue. Not JOB_TIMEOUT: after a watchdog stop
 * the session goes on at the step before the stopped one, in a fresh worker or (Python) the same one
 * (session-worker-client.ts); if that fails, the handle's death ends the session.
 */
const FATAL_CODES = new Set<ErrorInfo['code']>(['STOPPED', 'SESSION_CLOSED', 'WORKER_DIED', 'WORKER_OUT_OF_MEMORY'])

export class DebuggerService {
  readonly workspace: Workspace
  /** The handlers of one connection that is never released (tests; the service's own callers). */
  readonly handlers: ContractHandlers
  readonly recordings: RecordingCatalog
  readonly shared = new SharedWork()
  readonly keptRuns = new KeptRuns()
  private readonly registry: SessionRegistry
  private readonly status: Coalescer<RunStatusView>
  private readonly sinks = new Set<EventSink>()
  private readonly connections = new Set<Connection>()
  readonly reattachMs: number

  constructor(readonly opts: DebuggerServiceOptions) {
    this.workspace = new Workspace({ projectRoot: opts.projectRoot, workspace: opts.workspace })
    this.recordings = new RecordingCatalog(this.workspace.recordingsDir, opts.scanRecording,
      (path, bytesRead, totalBytes, done) => this.emit('recordings.progress', { path, bytesRead, totalBytes, done }),
      (path) => this.workspace.resolveReadable(path))
    this.status = new Coalescer(opts.statusIntervalMs ?? 50,
      (sessionId, status) => this.emit('session.status', { sessionId, status }, this.registry.peek(sessionId)?.owner ?? null))
    this.reattachMs = opts.reattachMs ?? DEFAULT_REATTACH_MS
    this.registry = new SessionRegistry(opts.maxSessions ?? DEFAULT_MAX_SESSIONS, this.reattachMs, (e) => this.expire(e))
    this.handlers = this.connect().handlers
  }

  /** A new client (a WebSocket, the Electron window): its requests, its events, its sessions. */
  connect(): Connection {
    const connection = new Connection('c' + randomBytes(6).toString('hex'), (c) => makeHandlers(this, c), (c) => this.release(c))
    this.connections.add(connection)
    return connection
  }

  /** Subscribes to every pushed event, of every connection; returns the unsubscribe function. */
  onEvent(sink: EventSink): () => void {
    this.sinks.add(sink)
    return () => { this.sinks.delete(sink) }
  }

  /** Stops every session (window closed, app quitting). */
  async dispose(): Promise<void> {
    for (const e of this.registry.all()) { this.registry.delete(e.id); e.handle.stop('the app is closing') }
    this.status.dispose()
    this.keptRuns.dispose()
  }

  // ---- what the handlers use (service-handlers.ts) ----

  /** Runs a call on one of the connection's sessions; a fatal error ends the session and tells its owner why. */
  async call<T>(conn: Connection, id: string, fn: (s: SessionHandle) => Promise<T>): Promise<T> {
    const s = this.registry.get(id, conn).handle
    try {
      return await fn(s)
    } catch (err) {
      const info = toErrorInfo(err)
      if (FATAL_CODES.has(info.code)) this.end(id, info.message, info)
      throw err
    }
  }

  pushStatus(id: string, status: RunStatusView): void {
    if (this.registry.peek(id) !== undefined) this.status.push(id, status)
  }

  async start(conn: Connection, args: SessionStartArgs): Promise<SessionStarted> {
    const recordingPath = this.workspace.resolveReadable(args.recordingPath)
    const jobPath = args.jobSource !== undefined
      ? resolveJobName(this.workspace, args.jobPath)
      : this.workspace.resolveReadable(args.jobPath)
    const sessionId = 's' + randomBytes(6).toString('hex')
    const giveBack = this.registry.reserve()
    let handle: SessionHandle
    try {
      handle = await this.opts.startSession({
        jobPath, jobSource: args.jobSource, recordingPath, backend: args.backend,
        processingTime: args.processingTime, drainProcessingTimers: args.drainProcessingTimers ?? false,
        skipBadLines: args.skipBadLines ?? false, watchdogMs: args.watchdogMs, findings: args.findings,
      }, { onStatus: (st) => this.pushStatus(sessionId, st) })
    } finally {
      giveBack()
    }
    // A connection that went while the worker started leaves the session waiting for a reattach like the rest.
    const entry = this.registry.add(sessionId, handle, args, conn.released ? null : conn)
    handle.onDeath?.((info) => { if (this.registry.peek(sessionId) === entry) this.end(sessionId, info.message, info) })
    try {
      const [status, operators] = await Promise.all([handle.status(), handle.operators()])
      return { sessionId, secret: entry.secret, status, operators }
    } catch (err) {
      this.registry.delete(sessionId)
      handle.stop('start failed')
      throw err
    }
  }

  /** A page (a reload of the one that started it) takes a session over with its secret. */
  async attach(conn: Connection, id: string, secret: string): Promise<SessionAttached> {
    const { entry: e, previous } = this.registry.attach(id, secret, conn)
    if (previous !== null) {
      this.emit('session.ended', { sessionId: id, reason: 'This session was opened in another window.', error: null }, previous)
    }
    const [status, operators] = await Promise.all([e.handle.status(), e.handle.operators()])
    return { sessionId: id, secret: e.secret, status, operators, start: e.start, loadedAt: e.handle.loadedAt ?? null }
  }

  stop(conn: Connection, id: string): void {
    const e = this.registry.get(id, conn)
    e.handle.stop('stopped by the user')
    this.end(id, 'Stopped by the user.', null)
  }

  async close(conn: Connection, id: string, opts?: CloseOptions): Promise<KeptRun | null> {
    const s = this.registry.get(id, conn).handle
    const kept = opts?.keepOutputs === true ? await this.keepOutputs(id, s) : null
    this.end(id, 'Closed.', null)
    try { await s.close() } catch { s.stop('close failed') }
    return kept
  }

  // ---- private ----

  /** A connection's page is gone: its work in flight was cancelled (its signal); its sessions wait for a reattach. */
  private release(connection: Connection): void {
    this.connections.delete(connection)
    this.registry.release(connection)
  }

  /** `owner`: undefined for app-wide events (every connection), else only that connection (none while orphaned). */
  private emit<K extends EventName>(event: K, payload: ContractEvents[K], owner?: Owner | null): void {
    for (const sink of this.sinks) {
      try { sink(event, payload) } catch { /* a broken transport must not break the service */ }
    }
    const message = { event, payload } as EventMessage
    for (const c of this.connections) if (owner === undefined || owner === c) c.deliver(message)
  }

  private end(id: string, reason: string, error: ErrorInfo | null): void {
    const e = this.registry.delete(id)
    if (e === undefined) return
    this.status.flush(id)
    this.status.forget(id)
    this.emit('session.ended', { sessionId: id, reason, error }, e.owner)
  }

  /** Nobody reattached an orphan in time: close it and its worker. */
  private expire(e: SessionEntry): void {
    this.end(e.id, `Closed: no window reattached it within ${seconds(this.reattachMs)} after its page went away.`, null)
    void e.handle.close().catch(() => e.handle.stop('closed after its page went away'))
  }

  /** Has the session's worker write its output log for a later Compare; null when it cannot (the worker is gone). */
  private async keepOutputs(id: string, s: SessionHandle): Promise<KeptRun | null> {
    try {
      const status = await s.status()
      const n = await s.saveOutputs(this.keptRuns.fileFor(id))
      return this.keptRuns.add(id, n, status.finished ? null : status.step)
    } catch {
      this.keptRuns.discard(id)
      return null
    }
  }
}

/** With an unsaved buffer the job path only names the file (for error locations); keep it inside known folders. */
function resolveJobName(ws: Workspace, path: string): string {
  try { return ws.resolveReadable(path) } catch (err) {
    if (err instanceof WorkspaceError) return ws.resolveWritable(path.replace(/^.*[\\/]/, ''))
    throw err
  }
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`
}
