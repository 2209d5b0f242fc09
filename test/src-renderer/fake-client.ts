// A scripted stand-in for the service client (the real one is exercised end to end in test/e2e): answers
// each request from a table, records every call, and lets a test push events.
import type { ContractEvents, EventName, RequestName } from '../../src-main/common/contract'
import type { RiffleClient } from '../../src-renderer/src/client'
import type { RunStatusView } from '../../src-main/common/views'

type Answer = (...args: unknown[]) => unknown

export interface FakeClient extends RiffleClient {
  calls: { name: RequestName; args: unknown[] }[]
  answers: Partial<Record<RequestName, Answer>>
  emit<E extends EventName>(event: E, payload: ContractEvents[E]): void
  /** As when the WebSocket closes. */
  disconnect(reason: string): void
}

export function fakeClient(answers: Partial<Record<RequestName, Answer>> = {}): FakeClient {
  const listeners = new Map<string, Set<(p: unknown) => void>>()
  const lost = new Set<(reason: string) => void>()
  const client: FakeClient = {
    transport: 'websocket',
    calls: [],
    answers,
    async call(name, ...args) {
      client.calls.push({ name, args })
      const a = client.answers[name]
      if (!a) throw new Error(`fake client: no answer for ${name}`)
      return (await a(...args)) as never
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set()
      set.add(listener as (p: unknown) => void)
      listeners.set(event, set)
      return () => set.delete(listener as (p: unknown) => void)
    },
    emit(event, payload) { for (const l of listeners.get(event) ?? []) l(payload) },
    onDisconnect(listener) { lost.add(listener); return () => lost.delete(listener) },
    disconnect(reason) { for (const l of lost) l(reason) },
  }
  return client
}

export function status(step: number, extra: Partial<RunStatusView> = {}): RunStatusView {
  return {
    step, recordsIn: step, recordsOut: 0, totalRecords: 40, watermark: 1708848000000 + step * 1000,
    processingTime: 1708848005000 + step * 1000, keys: 1, pendingTimers: 1, finished: false, badLines: [], ...extra,
  }
}
