// What the service holds of a started session, apart from how it was started: the session's methods (the
// session API derived from the contract), a stop that ends its worker, and word of the worker's death.
// SessionWorkerClient provides it; tests may start sessions another way (SessionStarter).
import type { SessionOptions } from '../common/debug-api'
import type { ErrorInfo } from '../common/errors'
import type { SessionApi } from '../common/session-api'
import type { RunStatusView } from '../common/views'

export type SessionHandle = SessionApi & {
  /** Terminates the worker now; pending calls reject with code STOPPED. */
  stop(reason?: string): void
  /** Called once when the worker is gone for any reason: stopped, timed out, exited, crashed or out of memory. */
  onDeath?(listener: (info: ErrorInfo) => void): void
  /** The step the last loaded savepoint put the session at, or null (absent: the starter does not say). */
  readonly loadedAt?: number | null
}

export type SessionStarter = (
  opts: SessionOptions, hooks: { onStatus?(s: RunStatusView): void },
) => Promise<SessionHandle>
