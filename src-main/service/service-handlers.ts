// The contract's handler table for one connection: each request name mapped onto the workspace, the recording
// catalog and the service's session operations. Listings and scans in flight are shared between connections
// and stop when every connection that asked has gone; session requests reach only the connection's own sessions.
// Every session request the service does not answer itself goes to the session's worker as the method of the
// same name (common/session-api.ts), so a new session request needs no handler here.
import type {
  AppInfo, CloseOptions, ContractHandlers, JobFile, KeptRun, RecordingInfo, SessionAttached, SessionStartArgs, SessionStarted,
  SyntaxProblem,
} from '../common/contract'
import { RiffleError } from '../common/errors'
import { invokeSession, SESSION_REQUEST_NAMES, sessionMethodOf, type SessionRequestName } from '../common/session-api'
import type { RunStatusView } from '../common/views'
import type { KeptRuns } from './kept-runs'
import type { RecordingCatalog } from './recording-catalog'
import type { Connection } from './service-connection'
import type { SessionHandle } from './session-handle'
import type { SharedWork } from './shared-work'
import type { Workspace } from './workspace'

/** Native dialogs, present only in Electron. Each returns an absolute path, or null when cancelled. */
export interface DialogProvider {
  openJob(defaultDir: string): Promise<string | null>
  saveJob(suggestedPath: string): Promise<string | null>
  openRecording(defaultDir: string): Promise<string | null>
}

/** What the handlers use of the service (DebuggerService): its parts and its session operations. */
export interface HandlerHost {
  readonly opts: {
    readonly mode: AppInfo['mode']; readonly version: string; readonly dialogs?: DialogProvider
    /** Python's compile() of a job's source (worker/python-syntax-checker.ts); absent, no live check is made. */
    readonly checkSyntax?: (path: string, source: string) => Promise<SyntaxProblem | null>
  }
  readonly workspace: Workspace
  readonly recordings: RecordingCatalog
  readonly shared: SharedWork
  readonly keptRuns: KeptRuns
  readonly reattachMs: number
  call<T>(conn: Connection, id: string, fn: (s: SessionHandle) => Promise<T>): Promise<T>
  pushStatus(id: string, status: RunStatusView): void
  start(conn: Connection, args: SessionStartArgs): Promise<SessionStarted>
  attach(conn: Connection, id: string, secret: string): Promise<SessionAttached>
  stop(conn: Connection, id: string): void
  close(conn: Connection, id: string, opts?: CloseOptions): Promise<KeptRun | null>
}

export function makeHandlers(svc: HandlerHost, conn: Connection): ContractHandlers {
  const ws = svc.workspace
  const dialogs = svc.opts.dialogs
  const call = <T>(id: string, fn: (s: SessionHandle) => Promise<T>): Promise<T> => svc.call(conn, id, fn)
  const fromDialog = async (path: string | null): Promise<JobFile | null> => (path ? ws.read(ws.approve(path)) : null)
  const handlers = {
    'app.info': async (): Promise<AppInfo> => ({
      mode: svc.opts.mode, version: svc.opts.version, workspace: ws.workspace, nativeDialogs: !!dialogs, reattachMs: svc.reattachMs,
    }),
    'examples.list': async () => svc.shared.run('examples.list', () => ws.listExamples(), conn.signal),
    'recordings.list': async () => svc.recordings.list(conn.signal),
    'recordings.scan': async (path: string) => svc.recordings.scan(ws.resolveReadable(path, 'workspace'), conn.signal),
    'files.list': async () => svc.shared.run('files.list', () => ws.listJobs(), conn.signal),
    'files.read': async (path: string) => ws.read(path),
    'files.save': async (path: string, source: string) => ws.save(path, source),
    // A TypeScript job's live diagnostics are Monaco's own: only a Python job is checked here.
    'job.checkSyntax': async (path: string, source: string) =>
      (/\.py$/i.test(path) && svc.opts.checkSyntax ? svc.opts.checkSyntax(path, source) : null),
    'dialog.openJob': async () => fromDialog(dialogs ? await dialogs.openJob(ws.workspace) : null),
    'dialog.saveJob': async (suggested: string, source: string) => {
      const path = dialogs ? await dialogs.saveJob(suggested) : null
      return path ? ws.save(ws.approve(path), source) : null
    },
    'dialog.openRecording': async (): Promise<RecordingInfo | null> => {
      const path = dialogs ? await dialogs.openRecording(ws.recordingsDir) : null
      return path ? svc.recordings.scan(ws.approve(path)) : null
    },
    'session.start': async (args: SessionStartArgs) => svc.start(conn, args),
    'session.attach': async (id: string, secret: string) => svc.attach(conn, id, secret),
    ...forwardedHandlers(svc, call),
    'session.compareOutputs': async (id: string, previousRunId: string) => {
      const file = svc.keptRuns.file(previousRunId)
      if (file === null) {
        throw new RiffleError('BAD_ARGUMENT', `There is no kept output log for run ${previousRunId}: it was closed without keeping its outputs, or newer runs replaced it. Run the job again to compare.`)
      }
      return call(id, (s) => s.compareOutputsWithFile(file, svc.keptRuns.stoppedAt(previousRunId)))
    },
    'session.saveSavepoint': async (id: string, path: string) => {
      const dir = ws.resolveSavepointDir(path, 'write')
      return { path: dir, step: await call(id, (s) => s.saveSavepoint(dir)) }
    },
    'session.loadSavepoint': async (id: string, path: string) => {
      const dir = ws.resolveSavepointDir(path, 'read')
      const status = await call(id, (s) => s.loadSavepoint(dir))
      svc.pushStatus(id, status)
      return { path: dir, status }
    },
    'session.stop': async (id: string) => svc.stop(conn, id),
    'session.close': async (id: string, opts?: CloseOptions) => svc.close(conn, id, opts),
  } satisfies ContractHandlers
  return handlers
}

/**
 * The forwarded session requests: each calls the session method of its name (common/session-api.ts). A result
 * that carries the run's status (a step, a seek) moved the run: that status is pushed to the owner too.
 */
function forwardedHandlers(
  svc: HandlerHost, call: <T>(id: string, fn: (s: SessionHandle) => Promise<T>) => Promise<T>,
): Pick<ContractHandlers, SessionRequestName> {
  const handlers: Record<string, (id: string, ...args: unknown[]) => Promise<unknown>> = {}
  for (const name of SESSION_REQUEST_NAMES) {
    const method = sessionMethodOf(name)
    handlers[name] = (id, ...args) => call(id, async (s) => {
      const result = await invokeSession(s, method, args)
      const status = (result as { status?: RunStatusView } | null)?.status
      if (status !== undefined) svc.pushStatus(id, status)
      return result
    })
  }
  return handlers as unknown as Pick<ContractHandlers, SessionRequestName>
}
