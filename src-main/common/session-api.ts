// A debug session's side of the contract, derived from it: every `session.*` request except start and stop
// is a method of the session with the same arguments after the session id ('session.keys' (id, query) is
// keys(query)). The session implements SessionApi, the worker boundary forwards exactly these methods, and
// the service forwards exactly these requests, so a new session request is written once, in contract.ts.
import { REQUEST_NAMES, type RequestArgs, type RequestName, type RequestResult } from './contract'

/** The requests a session's worker answers: start makes the session and stop ends its worker, in the service. */
export type SessionRequestName = Exclude<Extract<RequestName, `session.${string}`>, 'session.start' | 'session.stop'>

type MethodOf<K> = K extends `session.${infer M}` ? M : never
type AfterSessionId<A> = A extends [sessionId: string, ...infer Rest] ? Rest : never

export type SessionApi = {
  [K in SessionRequestName as MethodOf<K>]: (...args: AfterSessionId<RequestArgs<K>>) => Promise<RequestResult<K>>
}

export type SessionMethod = keyof SessionApi

const NOT_FORWARDED: readonly string[] = ['session.start', 'session.stop']

/** The forwarded requests, in the contract's order. */
export const SESSION_REQUEST_NAMES: readonly SessionRequestName[] = REQUEST_NAMES.filter(
  (n): n is SessionRequestName => n.startsWith('session.') && !NOT_FORWARDED.includes(n))

/** The session method a forwarded request calls. */
export function sessionMethodOf(name: SessionRequestName): SessionMethod {
  return name.slice('session.'.length) as SessionMethod
}

export const SESSION_METHODS: readonly SessionMethod[] = SESSION_REQUEST_NAMES.map(sessionMethodOf)

export function isSessionMethod(name: unknown): name is SessionMethod {
  return typeof name === 'string' && (SESSION_METHODS as readonly string[]).includes(name)
}

/** Calls a session method by name with arguments that crossed a boundary (the contract types each method). */
export function invokeSession(session: SessionApi, method: SessionMethod, args: unknown[]): Promise<unknown> {
  return (session[method] as (...a: unknown[]) => Promise<unknown>).apply(session, args)
}
