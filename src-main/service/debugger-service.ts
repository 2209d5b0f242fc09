// DebuggerService: the main side of the contract. Holds sessions by id (each a worker thread behind
// SessionWorkerClient), lists examples and recordings, reads and saves job files in the workspace, and pushes
// coalesced status events. Its `handlers` object satisfies ContractHandlers; Electron IPC and the browser
// server both serve exactly that object.
import { randomBytes } from 'node:crypto'
import type {
  AppInfo, ContractEvents, ContractHandlers, EventName, JobFile, RecordingInfo, SessionStartArgs, SessionStarted,
} from '../common/contract'
import type { SessionOptions } from '../common/debug-api'
import { type ErrorInfo, RiffleError, toErrorInfo } from '../common/errors'
import {
  invokeSession, SESSION_REQUEST_NAMES, sessionMethodOf, type SessionApi, type SessionRequestName,
} from '../common/session-api'
import type { RunStatusView } from '../common/views'
import { Coalescer } from './coalesce'
import { RecordingCatalog, type RecordingScanner } from './recording-catalog'
import { Workspace, WorkspaceError } from './workspace'

/** What the service needs from a started session (SessionWorkerClient provides it). */
export type SessionHandle = SessionApi & {
  /** Terminates the worker now; pending calls reject with code STOPPED. */
  stop(reason?: string): void
}

/** The session requests the service answers itself rather than forwarding (it also ends the session on close). */
type OwnSessionRequest = 'session.start' | 'session.stop' | 'session.close'
type ForwardedRequest = Exclude<SessionRequestName, OwnSessionRequest>

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
  readonly handlers: ContractHandlers
  private readonly sessions = new Map<string, SessionHandle>()
  private readonly recordings: RecordingCatalog
  private readonly status: Coalescer<RunStatusView>
  private readonly sinks = new Set<EventSink>()

  constructor(private readonly opts: DebuggerServiceOptions) {
    this.workspace = new Workspace({ projectRoot: opts.projectRoot, workspace: opts.workspace })
    this.recordings = new RecordingCatalog(this.workspace.recordingsDir, opts.scanRecording,
      (path, bytesRead, totalBytes, done) => this.emit('recordings.progress', { path, bytesRead, totalBytes, done }))
    this.status = new Coalescer(opts.statusIntervalMs ?? 50,
      (sessionId, status) => this.emit('session.status', { sessionId, status }))
    this.handlers = this.makeHandlers()
  }

  /** Subscribes to pushed events; returns the unsubscribe function. */
  onEvent(sink: EventSink): () => void {
    this.sinks.add(sink)
    return () => { this.sinks.delete(sink) }
  }

  /** Stops every session (window closed, app quitting). */
  async dispose(): Promise<void> {
    for (const [id, s] of this.sessions) { s.stop('the app is closing'); this.sessions.delete(id) }
    this.status.dispose()
  }

  private emit<K extends EventName>(event: K, payload: ContractEvents[K]): void {
    for (const sink of this.sinks) {
      try { sink(event, payload) } catch { /* a broken transport must not break the service */ }
    }
  }

  private session(id: string): SessionHandle {
    const s = this.sessions.get(id)
    if (!s) throw new RiffleError('SESSION_CLOSED', `No session ${id}: it was stopped or closed.`)
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

  private async startSession(args: SessionStartArgs): Promise<SessionStarted> {
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

  private async jobFromDialog(path: string | null): Promise<JobFile | null> {
    if (!path) return null
    return this.workspace.read(this.workspace.approve(path))
  }

  /**
   * Every session request but start, stop and close goes to the session's worker as the method of the
   * same name (common/session-api.ts). A result that carries the run's status (a step, a seek) moved the
   * run: that status is pushed to the window too.
   */
  private forwardedHandlers(): Pick<ContractHandlers, ForwardedRequest> {
    const handlers: Record<string, (id: string, ...args: unknown[]) => Promise<unknown>> = {}
    for (const name of SESSION_REQUEST_NAMES) {
      if (name === 'session.close') continue
      const method = sessionMethodOf(name)
      handlers[name] = (id, ...args) => this.call(id, async (s) => {
        const result = await invokeSession(s, method, args)
        const status = (result as { status?: RunStatusView } | null)?.status
        if (status !== undefined) this.status.push(id, status)
        return result
      })
    }
    return handlers as unknown as Pick<ContractHandlers, ForwardedRequest>
  }

  private makeHandlers(): ContractHandlers {
    const ws = this.workspace
    const dialogs = this.opts.dialogs
    const handlers = {
      'app.info': async (): Promise<AppInfo> => ({
        mode: this.opts.mode, version: this.opts.version, workspace: ws.workspace, nativeDialogs: !!dialogs,
      }),
      'examples.list': async () => ws.listExamples(),
      'recordings.list': async () => this.recordings.list(),
      'recordings.scan': async (path: string) => this.recordings.scan(ws.resolveReadable(path)),
      'files.list': async () => ws.listJobs(),
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
      ...this.forwardedHandlers(),
      'session.stop': async (id: string) => {
        const s = this.sessions.get(id)
        if (!s) return
        s.stop('stopped by the user')
        this.end(id, 'Stopped by the user.', null)
      },
      'session.close': async (id: string) => {
        const s = this.sessions.get(id)
        if (!s) return
        this.end(id, 'Closed.', null)
        try { await s.close() } catch { s.stop('close failed') }
      },
    } satisfies ContractHandlers
    return handlers
  }
}

/** With an unsaved buffer the job path only names the file (for error locations); keep it inside known folders. */
function resolveJobName(ws: Workspace, path: string): string {
  try { return ws.resolveReadable(path) } catch (err) {
    if (err instanceof WorkspaceError) return ws.resolveWritable(path.replace(/^.*[\\/]/, ''))
    throw err
  }
}
