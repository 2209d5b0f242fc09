// What every operator of one run shares: simulated processing time, the current step and input, the
// user-code gate, the exchange queue and the observer hub. Time is injected from here only.
import type { ErrorTimer } from '../../common/errors'
import type { JobLanguage } from '../../common/job-dialect'
import type { RecordingItem } from '../../replay/recording-types'
import { UserCodeGate } from '../../sandbox/gate'
import type { ObserverHub } from '../observe/observer-hub'
import type { FindingsSink } from '../findings/findings-sink'
import { ExchangeQueue } from './exchange-queue'
import type { KeyGroupShare } from './key-group'

let passes = 0
/** A pass number no run of this thread has had (RunContext.pass). */
export function nextPass(): number { return ++passes }

export class RunContext {
  /** Simulated processing time (docs/job-api.md: starts at 0; follows records or control lines). */
  processingTime = 0
  /** Steps taken so far; the current step's number while it runs. */
  step = 0
  /** Which pass over the steps this is (JobClock.pass): a new one for every run and every restore, never repeated. */
  pass = nextPass()
  /** The input record (or control line) the current step started from. */
  currentItem: RecordingItem | null = null
  /** The timer whose onTimer is running (an error names it rather than the input before it), or null. */
  currentTimer: ErrorTimer | null = null
  /** Source partition of the current input (kcat -J), for per-partition watermarks. */
  currentPartition: string | null = null
  readonly gate = new UserCodeGate()
  queue = new ExchangeQueue()
  /** The key the running keyed operator is processing, for output attribution. */
  currentKeyStr: string | null = null
  currentKey: unknown = null
  /**
   * The key groups this run processes (one subtask of `--parallelism N`), or null for all. Every subtask
   * reads every record and runs the stateless prefix on it, so watermarks and processing time are the
   * same as in one run; keyBy passes on only the records of its own key groups.
   */
  keyGroups: KeyGroupShare | null = null
  /** The timestamp of the current record when keyBy left it to another subtask (processing time follows it). */
  skippedTimestamp: number | null = null
  /** The job's language: an error names a call as the job writes it (register_event_time_timer in Python). */
  jobLanguage: JobLanguage = 'typescript'
  /** The input has ended: the end-of-input watermark was sent, so every event-time timer fires (W7). */
  endOfInput = false
  /** Where the engine reports findings' conditions (findings/findings-sink.ts), or null: findings off. */
  findings: FindingsSink | null = null

  /**
   * The hub the run's hook points call (observe/run-observer.ts), or null for a run nobody can observe:
   * then state handles, timer services and contexts are left undecorated and each hook point is one
   * null check.
   */
  constructor(readonly observer: ObserverHub | null = null) {}
}
