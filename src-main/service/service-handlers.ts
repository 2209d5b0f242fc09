// The contract's handler table for one connection: each request name mapped onto the workspace, the recording
// catalog and the service's session operations. Listings and scans in flight are shared between connections
// and stop when every connection that asked has gone; session requests reach only the connection's own sessions.
import type { AppInfo, CloseOptions, ContractHandlers, JobFile, RecordingInfo, SessionStartArgs } from '../common/contract'
import type { DebuggerService, SessionHandle } from './debugger-service'
import type { Connection } from './service-connection'

export function makeHandlers(svc: DebuggerService, conn: Connection): ContractHandlers {
  const ws = svc.workspace
  const dialogs = svc.opts.dialogs
  const call = <T>(id: string, fn: (s: SessionHandle) => Promise<T>): Promise<T> => svc.call(conn, id, fn)
  /** A call that moves the run (a step, time travel) pushes the new status. */
  const moving = <T extends { status: import('../common/views').RunStatusView }>(id: string, fn: (s: SessionHandle) => Promise<T>): Promise<T> =>
    call(id, async (s) => {
      const r = await fn(s)
      svc.pushStatus(id, r.status)
      return r
    })
  const fromDialog = async (path: string | null): Promise<JobFile | null> => (path ? ws.read(ws.approve(path)) : null)
  const handlers = {
    'app.info': async (): Promise<AppInfo> => ({
      mode: svc.opts.mode, version: svc.opts.version, workspace: ws.workspace, nativeDialogs: !!dialogs, reattachMs: svc.reattachMs,
    }),
    'examples.list': async () => svc.shared.run('examples.list', () => ws.listExamples(), conn.signal),
    'recordings.list': async () => svc.recordings.list(conn.signal),
    'recordings.scan': async (path: string) => svc.recordings.scan(ws.resolveReadable(path), conn.signal),
    'files.list': async () => svc.shared.run('files.list', () => ws.listJobs(), conn.signal),
    'files.read': async (path: string) => ws.read(path),
    'files.save': async (path: string, source: string) => ws.save(path, source),
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
    'session.step': async (id: string, target, maxSteps?: number) => moving(id, (s) => s.step(target, maxSteps)),
    'session.status': async (id: string) => call(id, (s) => s.status()),
    'session.operators': async (id: string) => call(id, (s) => s.operators()),
    'session.keys': async (id: string, query) => call(id, (s) => s.keys(query)),
    'session.keyState': async (id: string, op: string, key: string) => call(id, (s) => s.keyState(op, key)),
    'session.timers': async (id: string, offset: number, limit: number) => call(id, (s) => s.timers(offset, limit)),
    'session.outputs': async (id: string, offset: number, limit: number, filter) => call(id, (s) => s.outputs(offset, limit, filter)),
    'session.seek': async (id: string, step: number) => moving(id, (s) => need(s, 'seek').call(s, step)),
    'session.stepBack': async (id: string) => moving(id, (s) => need(s, 'stepBack').call(s)),
    'session.setBreakpoints': async (id: string, list) => call(id, (s) => need(s, 'setBreakpoints').call(s, list)),
    'session.logpointHits': async (id: string, bp: string) => call(id, (s) => need(s, 'logpointHits').call(s, bp)),
    'session.keyHistory': async (id: string, op: string, key: string) => call(id, (s) => need(s, 'keyHistory').call(s, op, key)),
    'session.lineage': async (id: string, seq: number) => call(id, (s) => need(s, 'lineage').call(s, seq)),
    'session.keyTimeline': async (id: string, op: string, key: string) => call(id, (s) => need(s, 'keyTimeline').call(s, op, key)),
    'session.compareOutputs': async (id: string, previousRunId: string) => {
      const file = svc.keptRuns.file(previousRunId)
      if (file === null) {
        throw Object.assign(new Error(`There is no kept output log for run ${previousRunId}: it was closed without keeping its outputs, or newer runs replaced it. Run the job again to compare.`), { code: 'BAD_ARGUMENT' })
      }
      return call(id, (s) => need(s, 'compareOutputsWithFile').call(s, file))
    },
    'session.backendCheck': async (id: string) => call(id, (s) => need(s, 'backendCheck').call(s)),
    'session.stop': async (id: string) => svc.stop(conn, id),
    'session.close': async (id: string, opts?: CloseOptions) => svc.close(conn, id, opts),
  } satisfies ContractHandlers
  return handlers
}

type OptionalMethod = 'seek' | 'stepBack' | 'setBreakpoints' | 'logpointHits' | 'keyHistory' | 'lineage' | 'keyTimeline'
  | 'saveOutputs' | 'compareOutputsWithFile' | 'backendCheck'

/** An optional method of a session handle (DebugSessionApi); a handle without it is an internal error. */
export function need<M extends OptionalMethod>(s: SessionHandle, method: M): NonNullable<SessionHandle[M]> {
  const fn = s[method]
  if (typeof fn !== 'function') throw Object.assign(new Error(`this session does not support ${method}`), { code: 'INTERNAL' })
  return fn as NonNullable<SessionHandle[M]>
}
