// The service's sessions and who owns them. A session belongs to the connection that started it; when that
// connection goes, the session waits `reattachMs` for a page to reattach it with its secret (a reload: the same
// session at the same step), then it is closed. At most `max` sessions exist at once, counting starts under
// way, so racing starts cannot overshoot.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { SessionStartArgs } from '../common/contract'
import { RiffleError } from '../common/errors'
import type { SessionHandle } from './session-handle'

export const DEFAULT_REATTACH_MS = 30_000
export const DEFAULT_MAX_SESSIONS = 8

/** Who a session belongs to: any object standing for a connection. */
export type Owner = object

export interface SessionEntry {
  readonly id: string
  readonly handle: SessionHandle
  readonly secret: string
  readonly start: SessionStartArgs
  owner: Owner | null
  orphanTimer: NodeJS.Timeout | null
}

export class SessionRegistry {
  private readonly entries = new Map<string, SessionEntry>()
  private starting = 0

  constructor(
    private readonly max: number,
    private readonly reattachMs: number,
    /** Called when an orphan's wait is over (the service closes it). */
    private readonly expire: (entry: SessionEntry) => void,
  ) {}

  /** Takes a place for a session about to start; returns the function that gives it back. */
  reserve(): () => void {
    if (this.entries.size + this.starting >= this.max) {
      throw new RiffleError('TOO_MANY_SESSIONS', `${this.max} sessions are open already, the most Riffle runs at once. Stop or close one (or close another window's) and start again.`)
    }
    this.starting++
    let given = false
    return () => { if (!given) { given = true; this.starting-- } }
  }

  add(id: string, handle: SessionHandle, start: SessionStartArgs, owner: Owner | null): SessionEntry {
    const entry: SessionEntry = { id, handle, start, owner: null, orphanTimer: null, secret: randomBytes(24).toString('base64url') }
    this.entries.set(id, entry)
    if (owner === null) this.orphan(entry)
    else entry.owner = owner
    return entry
  }

  /** The owner's session; anything else (gone, or another connection's) is SESSION_CLOSED. */
  get(id: string, owner: Owner): SessionEntry {
    const e = this.entries.get(id)
    if (e === undefined || e.owner !== owner) throw closed(id)
    return e
  }

  /** Any session by id, whoever owns it (the service's own bookkeeping). */
  peek(id: string): SessionEntry | undefined {
    return this.entries.get(id)
  }

  /**
   * Hands a session to `owner` when the secret is its own (a wrong secret looks exactly like a gone session);
   * returns it with the owner it had, if another page still held it (a duplicated tab).
   */
  attach(id: string, secret: string, owner: Owner): { entry: SessionEntry; previous: Owner | null } {
    const e = this.entries.get(id)
    if (e === undefined || !sameSecret(secret, e.secret)) throw closed(id)
    if (e.orphanTimer !== null) clearTimeout(e.orphanTimer)
    e.orphanTimer = null
    const previous = e.owner !== owner ? e.owner : null
    e.owner = owner
    return { entry: e, previous }
  }

  /** The owner went: each of its sessions waits for a reattach. */
  release(owner: Owner): void {
    for (const e of this.entries.values()) if (e.owner === owner) this.orphan(e)
  }

  delete(id: string): SessionEntry | undefined {
    const e = this.entries.get(id)
    if (e === undefined) return undefined
    if (e.orphanTimer !== null) clearTimeout(e.orphanTimer)
    this.entries.delete(id)
    return e
  }

  all(): SessionEntry[] { return [...this.entries.values()] }

  private orphan(e: SessionEntry): void {
    e.owner = null
    if (e.orphanTimer !== null) clearTimeout(e.orphanTimer)
    e.orphanTimer = setTimeout(() => { e.orphanTimer = null; if (this.entries.get(e.id) === e && e.owner === null) this.expire(e) }, this.reattachMs)
    e.orphanTimer.unref()
  }
}

function closed(id: string): RiffleError {
  return new RiffleError('SESSION_CLOSED', `No session ${id} here: it was stopped or closed, or it belongs to another window.`)
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}
