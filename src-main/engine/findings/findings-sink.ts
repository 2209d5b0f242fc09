// What the engine tells findings, at the few places a finding's condition is checked (a cheap compare in
// the keyed operator, the job's clock): only when the condition holds. A run without findings has no
// sink (RunContext.findings null), so an ordinary run pays one null check at those places.
import type { ClockReadKind, TimeDomainName } from '../observe/run-observer'

/** Which call into the job is running: processElement, onTimer (event / processing time), or none. */
export type CallbackTag = 'e' | 'te' | 'tp' | ''

export interface FindingsSink {
  /** A timer delete of the current key found no timer (T2). */
  noOpDelete(operatorId: string, domain: TimeDomainName, keyStr: string, callback: CallbackTag): void
  /** A new timer at or behind the watermark (event time) or processing time: it fires at once. */
  timerNotAhead(operatorId: string, domain: TimeDomainName, keyStr: string, callback: CallbackTag): void
  /** The key has just gone past the pending-timer limit. */
  timerPileUp(operatorId: string, keyStr: string, callback: CallbackTag): void
  /** A record reached a keyed operator at or behind its watermark (late, C6). */
  lateRecord(operatorId: string, keyStr: string): void
  /** Job code read the wall clock or a random source. */
  clockRead(read: ClockReadKind): void
  /** A state without TTL has just come to be held by more than GROWING_STATE_KEYS keys (once per state and run). */
  stateKeysPast(operatorId: string, stateName: string, createdAt: Error | undefined): void
}
