// A debug session's side of the contract, derived from it: every `session.*` request the service does not
// answer itself is a method of the session with the same arguments after the session id ('session.keys'
// (id, query) is keys(query)). The session implements SessionApi, the worker boundary forwards exactly these
// methods, and the service forwards exactly these requests, so a new session request is written once, in
// contract.ts. A few methods no request names directly (close, and the two halves of Compare) are the
// service's to call.
import { REQUEST_NAMES, type RequestArgs, type RequestName, type RequestResult } from './contract'
import type { OutputComparison } from './debug-api'
import type { FailureView } from './trace-api'
import type { RunStatusView } from './views'

/**
 * Session requests the service answers itself: start makes the session, attach hands it to a reloaded page,
 * stop ends its worker, close ends the session (keeping its output log when asked), and compareOutputs finds
 * the kept run's log before it asks the session (compareOutputsWithFile); the savepoint requests have the
 * workspace resolve and check their folder (a session may be asked for a folder only inside it) first.
 */
const SERVICE_ANSWERED = [
  'session.start', 'session.attach', 'session.stop', 'session.close', 'session.compareOutputs', 'session.saveSavepoint', 'session.loadSavepoint',
] as const

/** The requests a session's worker answers. */
export type SessionRequestName = Exclude<Extract<RequestName, `session.${string}`>, typeof SERVICE_ANSWERED[number]>

type MethodOf<K> = K extends `session.${infer M}` ? M : never
type AfterSessionId<A> = A extends [sessionId: string, ...infer Rest] ? Rest : never

/** The session's methods that the service calls and no request names. */
export interface ServiceSideSessionApi {
  /** Ends the run: the job's close(), then the recording and the backend. */
  close(): Promise<void>
  /** Writes this run's output log to a file (JSON lines) for a later run to compare with; returns the count. */
  saveOutputs(file: string): Promise<number>
  /**
   * This session's output log against an earlier run's, saved by saveOutputs (debugger/compare-outputs.ts has
   * the alignment rule); each list is cut to its first 1000 entries, with `totals` when one was longer. Both runs are
   * paired up to the step this one stands at, or to `previousStoppedAt` (the earlier run closed there before its end).
   */
  compareOutputsWithFile(file: string, previousStoppedAt?: number | null): Promise<OutputComparison>
  /**
   * In a fresh worker after the watchdog stopped the old one: goes to the step before the stopped one (a
   * deterministic re-run) and keeps the failure, so the session goes on from where it was.
   */
  resumeAfterStop(failure: FailureView): Promise<RunStatusView>
  /** Writes the run as a savepoint to `dir` (an absolute path the service checked); returns the step it holds. */
  saveSavepoint(dir: string): Promise<number>
  /** Continues from the savepoint in `dir` (an absolute path the service checked). */
  loadSavepoint(dir: string): Promise<RunStatusView>
}

const SERVICE_SIDE_METHODS = ['close', 'saveOutputs', 'compareOutputsWithFile', 'resumeAfterStop', 'saveSavepoint', 'loadSavepoint'] as const satisfies ReadonlyArray<keyof ServiceSideSessionApi>

export type SessionApi = {
  [K in SessionRequestName as MethodOf<K>]: (...args: AfterSessionId<RequestArgs<K>>) => Promise<RequestResult<K>>
} & ServiceSideSessionApi

export type SessionMethod = keyof SessionApi

/** The forwarded requests, in the contract's order. */
export const SESSION_REQUEST_NAMES: readonly SessionRequestName[] = REQUEST_NAMES.filter(
  (n): n is SessionRequestName => n.startsWith('session.') && !(SERVICE_ANSWERED as readonly string[]).includes(n))

/** The session method a forwarded request calls. */
export function sessionMethodOf(name: SessionRequestName): SessionMethod {
  return name.slice('session.'.length) as SessionMethod
}

/** Every method a session's worker answers: the forwarded requests' and the service's own. */
export const SESSION_METHODS: readonly SessionMethod[] = [...SESSION_REQUEST_NAMES.map(sessionMethodOf), ...SERVICE_SIDE_METHODS]

export function isSessionMethod(name: unknown): name is SessionMethod {
  return typeof name === 'string' && (SESSION_METHODS as readonly string[]).includes(name)
}

/** Calls a session method by name with arguments that crossed a boundary (the contract types each method). */
export function invokeSession(session: SessionApi, method: SessionMethod, args: unknown[]): Promise<unknown> {
  return (session[method] as (...a: unknown[]) => Promise<unknown>).apply(session, args)
}
