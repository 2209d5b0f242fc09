// Test fixture for the state behaviour suite: a fresh backend, a key context, a manual TTL clock, an
// observer that records writes, and an OperatorState over them (observed, so the job-facing handles are
// the decorated ones the debugger gets). Uses only the StateBackend interface.
import type { StateBackend, TableMeta } from '../../../../src-main/engine/state/backend'
import { OperatorState } from '../../../../src-main/engine/state/operator-state'
import { ObserverHub } from '../../../../src-main/engine/observe/observer-hub'
import type { RunObserver } from '../../../../src-main/engine/observe/run-observer'
import type { KeyContext, TtlTimeProvider } from '../../../../src-main/engine/state/state-context'
import { keyToString } from '../../../../src-main/engine/runtime/key-codec'

/** A TTL clock the test moves by hand. stamp and now are equal unless a test splits them (U4). */
export class ManualTtlClock implements TtlTimeProvider {
  stamp = 0
  current = 0
  set(t: number): void { this.stamp = t; this.current = t }
  stampTime(): number { return this.stamp }
  now(): number { return this.current }
}

export interface TrackedWrite {
  operatorId: string
  stateName: string
  ttl: boolean
  keyStr: string
  /** The raw stored value at the moment of the call (proves the call comes before the write). */
  before: unknown
}

/** Records every beforeStateWrite call with the raw value stored at that moment. */
export class RecordingTracker implements RunObserver {
  calls: TrackedWrite[] = []
  ops: OperatorState | null = null
  beforeStateWrite(meta: TableMeta, keyStr: string): void {
    const before = this.ops === null ? undefined : this.ops.readRaw(meta.stateName, keyStr)
    this.calls.push({ operatorId: meta.operatorId, stateName: meta.stateName, ttl: meta.ttl, keyStr, before })
  }
  reset(): void { this.calls = [] }
}

export class StateFixture {
  readonly keyContext: KeyContext = { keyStr: null }
  readonly clock = new ManualTtlClock()
  /** The TTL clock of EventTime-characteristic states (docs/job-api.md: record timestamp / watermark). */
  readonly eventClock = new ManualTtlClock()
  readonly tracker = new RecordingTracker()
  readonly ops: OperatorState

  constructor(readonly backend: StateBackend, operatorId = 'op-1') {
    this.ops = this.operator(operatorId, this.tracker)
    this.tracker.ops = this.ops
  }

  /** Another operator (or the same id again, e.g. after a restore) over the same backend and clock. */
  operator(operatorId: string, tracker: RunObserver | null = null): OperatorState {
    let observer: ObserverHub | null = null
    if (tracker !== null) {
      observer = new ObserverHub()
      observer.add(tracker)
    }
    return new OperatorState({
      operatorId, backend: this.backend, keyContext: this.keyContext, ttlTime: this.clock, eventTtlTime: this.eventClock, observer,
    })
  }

  /** Makes `key` the current key, as the operator does before calling user code. */
  as(key: unknown): this {
    this.keyContext.keyStr = keyToString(key)
    return this
  }

  /** Leaves the keyed call (no current key). */
  noKey(): this {
    this.keyContext.keyStr = null
    return this
  }
}

/** The fixture of the running test; set by the suite's beforeEach. */
export type UseFixture = () => StateFixture
