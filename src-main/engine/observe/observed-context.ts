// The timer service and context a keyed operator hands the job in an observed run: each timer call is
// reported with whether it changed anything (a registration that existed, a delete that found no timer),
// and each read of time or of the key with its value. The operator builds the plain ones for a run
// opened without observation, so such a run never calls these.
import type { OnTimerContext, TimerService } from '../api/functions'
import type { ObserverHub } from './observer-hub'
import type { TimeDomainName } from './run-observer'

/** What the decorators need of the keyed operator. */
export interface ObservedOperator {
  readonly id: string
  /** The key being processed (set whenever a timer call can succeed). */
  readonly currentKeyStr: string | null
  /** T1/T2: registers or deletes a timer of the current key; true when the queue changed. */
  registerTimer(domain: TimeDomainName, time: number): boolean
  deleteTimer(domain: TimeDomainName, time: number): boolean
  /** A timer call's time as the queue takes it, or the job's error (time/timestamp-range.ts timerTime). */
  checkedTime(action: 'register' | 'delete', domain: TimeDomainName, t: unknown): number
}

export function observedTimerService(plain: TimerService, op: ObservedOperator, hub: ObserverHub): TimerService {
  const call = (action: 'register' | 'delete', domain: TimeDomainName, t: unknown): void => {
    // Checked before it is reported, so a trace never holds a time the queue refused (or a Python BigInt).
    const time = op.checkedTime(action, domain, t)
    const effective = action === 'register' ? op.registerTimer(domain, time) : op.deleteTimer(domain, time)
    hub.onTimerCall(op.id, action, domain, op.currentKeyStr ?? '', time, effective)
  }
  return {
    currentProcessingTime: () => read(hub, op, 'processingTime', plain.currentProcessingTime()),
    currentWatermark: () => read(hub, op, 'watermark', plain.currentWatermark()),
    registerEventTimeTimer: (t: number) => { call('register', 'EVENT_TIME', t) },
    registerProcessingTimeTimer: (t: number) => { call('register', 'PROCESSING_TIME', t) },
    deleteEventTimeTimer: (t: number) => { call('delete', 'EVENT_TIME', t) },
    deleteProcessingTimeTimer: (t: number) => { call('delete', 'PROCESSING_TIME', t) },
  }
}

export function observedContext(plain: OnTimerContext<unknown>, timerService: TimerService, op: ObservedOperator, hub: ObserverHub): OnTimerContext<unknown> {
  return {
    timestamp: () => read(hub, op, 'timestamp', plain.timestamp()),
    getCurrentKey: () => read(hub, op, 'currentKey', plain.getCurrentKey()),
    timerService: () => timerService,
    output: (tag, value) => plain.output(tag, value),
    timeDomain: () => plain.timeDomain(),
  }
}

function read<T>(hub: ObserverHub, op: ObservedOperator, what: 'timestamp' | 'watermark' | 'processingTime' | 'currentKey', value: T): T {
  hub.onContextRead(op.id, what, value)
  return value
}
