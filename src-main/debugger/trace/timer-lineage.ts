// Timer lineage, kept while a session steps: for each timer that fires, the step that registered it and
// the deletes of the same key and domain that deleted nothing while it was pending (the deletes that most
// likely meant to remove it). A pending timer is identified by (operator, domain, key, timestamp) (T1).
// It records steps only; the lines come from tracing those steps when asked (session-trace.ts), so the
// ordinary stepping cost is a Map update per timer call. Re-executed steps (time travel) are not recorded
// again: the run is deterministic, and the first pass already did.
import type { RunObserver, TimeDomainName } from '../../engine/observe/run-observer'
import type { RunContext } from '../../engine/runtime/run-context'

/** Per key, at most this many recent no-op deletes are kept. */
const MISSED_PER_KEY = 1000

export interface TimerFiringOrigin {
  /** The fired timer's timestamp. */
  timestamp: number
  registeredStep: number | null
  /** Steps and timestamps of the no-op deletes made while the timer was pending. */
  missed: Array<{ step: number; timestamp: number }>
}

export class TimerLineage implements RunObserver {
  /** Pending timers by identity → the step that registered them. */
  private readonly pending = new Map<string, number>()
  /** No-op deletes by (operator, domain, key), oldest first. */
  private readonly noOps = new Map<string, Array<{ step: number; timestamp: number }>>()
  /** Firings by step. */
  private readonly fired = new Map<number, TimerFiringOrigin>()
  private highest = 0

  constructor(private readonly rc: RunContext) {}

  onTimerCall(operatorId: string, action: 'register' | 'delete', domain: TimeDomainName, keyStr: string, timestamp: number, effective: boolean): void {
    if (this.replaying()) return
    const id = `${operatorId}\u0000${domain}\u0000${keyStr}\u0000${timestamp}`
    if (action === 'register') {
      if (effective) this.pending.set(id, this.rc.step)
      return
    }
    if (effective) { this.pending.delete(id); return }
    const k = `${operatorId}\u0000${domain}\u0000${keyStr}`
    let list = this.noOps.get(k)
    if (list === undefined) this.noOps.set(k, list = [])
    for (let i = list.length - 1; i >= 0 && list[i].step >= this.rc.step; i--) {
      if (list[i].step === this.rc.step && list[i].timestamp === timestamp) return // the same step again
    }
    list.push({ step: this.rc.step, timestamp })
    if (list.length > MISSED_PER_KEY) list.splice(0, list.length - MISSED_PER_KEY)
  }

  onTimerFiring(operatorId: string, domain: TimeDomainName, keyStr: string, timestamp: number): void {
    if (this.replaying() || this.fired.has(this.rc.step)) return
    const id = `${operatorId}\u0000${domain}\u0000${keyStr}\u0000${timestamp}`
    const registeredStep = this.pending.get(id) ?? null
    this.pending.delete(id)
    const from = registeredStep ?? 0
    const missed = (this.noOps.get(`${operatorId}\u0000${domain}\u0000${keyStr}`) ?? []).filter((d) => d.step > from && d.step < this.rc.step)
    this.fired.set(this.rc.step, { timestamp, registeredStep, missed })
  }

  /** The origin of the timer fired at `step`, when that step was a firing this session recorded. */
  firingAt(step: number): TimerFiringOrigin | undefined {
    return this.fired.get(step)
  }

  // Steps before the highest one seen were recorded whole; the highest may be re-run (a trace of the
  // current step), so what it records is idempotent (see the guards above).
  private replaying(): boolean {
    const step = this.rc.step
    if (step < this.highest) return true
    this.highest = step
    return false
  }
}
