// The session store's hooks for the other stores (which register them, or connect-stores.ts does), so the session
// store imports none of them: what runs once a new session exists and before it is ready to step (beforeReady), and
// what a store takes from a session this page took back after a reload (onAttached, given the reattach's result).
import type { Ref } from 'vue'
import type { SessionAttached } from '@common/contract'

export interface SessionHooks {
  /** Awaited once a new session exists and before it is ready to step. */
  beforeReady(hook: () => Promise<void>): void
  /**
   * Calls `hook` with each reattach's result once the session id is the reattached one. A store made after the
   * reattach (nothing had used it yet) is called at once with that result, while its session is still the one shown.
   */
  onAttached(hook: (a: SessionAttached) => void): void
  /** Runs the beforeReady hooks, one after the other. */
  ready(): Promise<void>
  /** The session `a` was taken back and its id is now the store's: the onAttached hooks are told. */
  attached(a: SessionAttached): void
}

export function sessionHooks(sessionId: Ref<string | null>): SessionHooks {
  const readyHooks: Array<() => Promise<void>> = []
  const attachedHooks: Array<(a: SessionAttached) => void> = []
  /** The reattach that gave the page its session, while that session is the one shown (a start replaces it). */
  let last: SessionAttached | null = null
  return {
    beforeReady: (hook) => { readyHooks.push(hook) },
    onAttached: (hook) => {
      attachedHooks.push(hook)
      if (last !== null && last.sessionId === sessionId.value) hook(last)
    },
    ready: async () => { for (const hook of readyHooks) await hook() },
    attached: (a) => {
      last = a
      for (const hook of attachedHooks) hook(a)
    },
  }
}
