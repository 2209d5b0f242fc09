// One client of the service: a browser-mode WebSocket, or the Electron window. Requests run through it with
// at most MAX_IN_FLIGHT at once (more are refused with TOO_MANY_REQUESTS, so one client cannot queue unbounded
// work); it receives the app-wide events and those of its own sessions; and when the page behind it goes
// away, release() cancels its work in flight (its signal aborts) and hands its sessions to the reattach wait.
import type { ContractHandlers, Envelope, EventMessage } from '../common/contract'
import { dispatch } from './dispatch'

export const MAX_IN_FLIGHT = 64

/** What a transport (the WebSocket server, Electron IPC) needs of a connection. */
export interface ServiceConnection {
  /** Validates and runs one request, counted against the in-flight limit. */
  dispatch(name: unknown, args: unknown): Promise<Envelope<unknown>>
  /** Subscribes to the events for this connection; returns the unsubscribe function. */
  onEvent(listener: (message: EventMessage) => void): () => void
  /** The page behind the connection is gone (socket closed, window reloaded). */
  release(): void
}

export class Connection implements ServiceConnection {
  readonly handlers: ContractHandlers
  private inFlight = 0
  private readonly controller = new AbortController()
  private readonly listeners = new Set<(message: EventMessage) => void>()

  constructor(
    readonly id: string,
    makeHandlers: (connection: Connection) => ContractHandlers,
    private readonly onRelease: (connection: Connection) => void,
    private readonly maxInFlight = MAX_IN_FLIGHT,
  ) {
    this.handlers = makeHandlers(this)
  }

  /** Aborts when the connection is released: work started for it stops. */
  get signal(): AbortSignal { return this.controller.signal }

  async dispatch(name: unknown, args: unknown): Promise<Envelope<unknown>> {
    if (this.inFlight >= this.maxInFlight) {
      const what = typeof name === 'string' ? name.slice(0, 80) : 'the request'
      return { ok: false, error: { code: 'TOO_MANY_REQUESTS', message:
        `Refused ${what}: this connection already has ${this.maxInFlight} requests in flight, the most one connection may have. Wait for their answers before sending more.` } }
    }
    this.inFlight++
    try {
      return await dispatch(this.handlers, name, args)
    } finally {
      this.inFlight--
    }
  }

  onEvent(listener: (message: EventMessage) => void): () => void {
    this.listeners.add(listener)
    return () => { this.listeners.delete(listener) }
  }

  /** Hands an event to this connection's listeners (a broken transport must not break the service). */
  deliver(message: EventMessage): void {
    for (const l of this.listeners) {
      try { l(message) } catch { /* the transport reports its own failures */ }
    }
  }

  /** True once released: the page behind it is gone for good (a reload makes a new connection). */
  get released(): boolean { return this.controller.signal.aborted }

  release(): void {
    if (this.released) return
    this.controller.abort()
    this.onRelease(this)
  }
}
