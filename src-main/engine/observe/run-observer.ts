// The one way to watch a run: an interface of optional hooks that the engine calls where a step delivers a
// record or fires a timer, where the job calls its state, timer service and context, where any operator
// emits, and before any stored state entry changes. The debugger (step recorder, breakpoints, history,
// lineage, timeline) and time travel's journal are observers; so will be the trace and the findings.
//
// Hooks are synchronous and run inside the job's call (a stack taken in a hook shows the job's line). They
// must not call back into the job or change the run; reading state through OperatorState.readRaw or the
// inspector is fine (it has no side effects). A run opened without observation has no hub at all
// (RunContext.observer is null): its state handles, timer service and context are not decorated, and the
// few hook points inside the engine cost one null check.
import type { StateKind, TableMeta } from '../state/backend'

export type TimeDomainName = 'EVENT_TIME' | 'PROCESSING_TIME'

/** What a context read asked for: ctx.timestamp(), currentWatermark(), currentProcessingTime(), getCurrentKey(). */
export type ContextReadKind = 'timestamp' | 'watermark' | 'processingTime' | 'currentKey'

/** A read of the wall clock or a random source in job code (answered from simulated time / a seeded source). */
export type ClockReadKind = 'Date.now' | 'new Date' | 'performance.now' | 'Math.random' | 'time' | 'random'

/** Which operator emitted (a stream node: source, map, process, side-output stream...). */
export interface OutputSource {
  readonly id: string
  readonly name: string
  readonly kind: string
}

/** One method of a state handle, as the job called it. The same object for every call of that method. */
export interface StateMethod {
  readonly kind: StateKind
  /** The method's name on the handle (value, update, add, get, put, entries, clear, ...). */
  readonly name: string
  /** True when the call returns stored content (value(), get(), contains(), entries(), a reducing add()). */
  readonly reads: boolean
  /** True when the call may change the stored entry (the entry's before/after is then worth showing). */
  readonly writes: boolean
}

export interface RunObserver {
  /**
   * A record is about to be processed by a keyed operator for `keyStr` (before processElement).
   * `watermark` is the operator's input watermark: the record is late when its timestamp is at or below it (C6).
   */
  onElement?(operatorId: string, keyStr: string, timestamp: number | null, watermark: number): void
  /** A timer was taken off its queue (T5) and its key set; onTimer is about to run. */
  onTimerFiring?(operatorId: string, domain: TimeDomainName, keyStr: string, timestamp: number): void
  /** The job is calling a state handle's method (`keyStr` null outside a keyed call: the call will throw). */
  beforeStateCall?(meta: TableMeta, keyStr: string | null, method: StateMethod, args: readonly unknown[]): void
  /** ...and it returned `result` (the value handed to the job). Not called when the call threw. */
  afterStateCall?(meta: TableMeta, keyStr: string | null, method: StateMethod, args: readonly unknown[], result: unknown): void
  /**
   * The job registered or deleted a timer of the current key. `effective` is false for a registration of a
   * timer that already existed (T1) and for a delete that found no timer (T2: nothing was deleted).
   */
  onTimerCall?(operatorId: string, action: 'register' | 'delete', domain: TimeDomainName, keyStr: string, timestamp: number, effective: boolean): void
  /** The job read time or its key from the context or the timer service, and got `value`. */
  onContextRead?(operatorId: string, read: ContextReadKind, value: unknown): void
  /** An operator emitted a record: the main output (tag null) or a side output. */
  onOutput?(source: OutputSource, tag: string | null, value: unknown, timestamp: number | null, isJobOutput: boolean): void
  /**
   * A stored entry of the key is about to change, whatever the cause: a job's write, a TTL refresh or
   * clear on read (U3, CL1), incremental cleanup (CL3). Not told of whole-state restores.
   */
  beforeStateWrite?(meta: TableMeta, keyStr: string): void
  /** Job code read the wall clock or a random source; `value` is what Riffle handed it. */
  onClockRead?(read: ClockReadKind, value: unknown): void
}

/** What the engine calls: every hook present (ObserverHub fans each out to the observers that have it). */
export type ObserverSink = Required<RunObserver>
