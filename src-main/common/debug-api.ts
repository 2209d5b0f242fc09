// The debugger session API: what the app (through the service) can ask a running replay.
// The engine's DebugSession implements it inside a worker thread; the service proxies it.
import type {
  BackendName, InputView, KeyPage, KeyPageQuery, KeyStateView, OperatorView, OutputView, ProcessingTimeMode, RunStatusView,
  StateChangeView, StepView, TimeDomainName, TimerView,
} from './views'

export interface SessionOptions {
  /** Path of the job module (.ts/.js). */
  jobPath: string
  /** Job source to use instead of the file's content (the editor's unsaved buffer); jobPath still names it. */
  jobSource?: string
  recordingPath: string
  backend: BackendName
  /** LevelDB folder; a fresh temporary folder when absent. */
  stateDir?: string
  processingTime: ProcessingTimeMode
  drainProcessingTimers: boolean
  skipBadLines: boolean
  /** Milliseconds one call into user code may take before the watchdog stops the worker (default 5000). */
  watchdogMs?: number
}

/** Where to stop when stepping. */
export type StepTarget =
  | { kind: 'step' }        // one step (a record, a control line or one timer firing)
  | { kind: 'record' }      // until an input record has been processed
  | { kind: 'output' }      // until a step emitted at least one output
  | { kind: 'timer' }       // until a timer fired
  | { kind: 'end' }         // to the end of the recording
  | { kind: 'continue' }    // issue 5: until a breakpoint (not a logpoint) hits, else to the end

export interface StepResult {
  /** The steps taken, newest last; long runs return only the last `keepLast` (default 200). */
  steps: StepView[]
  /** Total steps taken by this call. */
  taken: number
  status: RunStatusView
  /** issue 5: the breakpoint that stopped a step call (first hit of the last step), when one did. */
  breakpointHit?: BreakpointHit
}

export interface Page<T> { total: number; offset: number; items: T[] }

/** Errors cross boundaries as plain data with a stable code. */
export interface ErrorInfo {
  code: 'JOB_COMPILE' | 'JOB_THREW' | 'JOB_TIMEOUT' | 'BAD_LINE' | 'RECORDING_NOT_FOUND' | 'RECORDING_UNREADABLE'
    | 'BAD_ARGUMENT' | 'STATE_LOCKED' | 'SESSION_CLOSED' | 'STOPPED' | 'INTERNAL' | 'SAVEPOINT_INVALID'
    | 'WORKER_OUT_OF_MEMORY' | 'WORKER_DIED' | 'TOO_MANY_REQUESTS' | 'TOO_MANY_SESSIONS'
    // Riffle could not finish for a reason outside the job and its input (API.md §3: exit status 3).
    | 'OUTPUT_WRITE_FAILED' | 'STATE_WRITE_FAILED' | 'SAVEPOINT_WRITE_FAILED'
  message: string
  /** File, line and column in the job or recording, where known. */
  where?: { file: string; line: number; column?: number }
  /** The input record being processed when user code threw or hung. */
  input?: { line: number; value: unknown }
}

export interface DebugSessionApi {
  step(target: StepTarget, maxSteps?: number): Promise<StepResult>
  status(): Promise<RunStatusView>
  operators(): Promise<OperatorView[]>
  keys(query: KeyPageQuery): Promise<KeyPage>
  keyState(operatorId: string, keyStr: string): Promise<KeyStateView | null>
  timers(offset: number, limit: number): Promise<Page<TimerView>>
  outputs(offset: number, limit: number, filter?: { keyStr?: string; tag?: string | null }): Promise<Page<OutputView>>
  /** Writes the whole run as a savepoint directory (backend-neutral; docs/savepoint-format.md). */
  saveSavepoint?(dir: string): Promise<void>
  /** Continues from a savepoint taken on this job and recording, from either backend. */
  loadSavepoint?(dir: string): Promise<RunStatusView>
  close(): Promise<void>
  // ---- issue 5 (time travel, breakpoints, lineage): optional, so proxies may add them one by one ----
  /** Go to a step (0 = before the first): state, timers, watermarks, processing time and output log as a sequential run. */
  seek?(step: number): Promise<SeekResult>
  /** seek(current step - 1). */
  stepBack?(): Promise<SeekResult>
  /** Replaces all breakpoints and logpoints; new logpoints are filled in for the steps already taken. */
  setBreakpoints?(list: BreakpointSpec[]): Promise<BreakpointStatus[]>
  /** Every recorded hit of a logpoint (or breakpoint), by step. */
  logpointHits?(id: string): Promise<LogpointHit[]>
  /** Every step so far that changed the key's state, with before/after per state and the key's state after the step. */
  keyHistory?(operatorId: string, keyStr: string): Promise<KeyHistoryView>
  /** The input or timer firing that produced an output, with the step's state reads and writes. */
  lineage?(outputSeq: number): Promise<LineageView>
  /** One key's events, timers, outputs, sessions and the watermark, up to the current step. */
  keyTimeline?(operatorId: string, keyStr: string): Promise<KeyTimelineView>
  /** Writes this run's output log to a file (JSON lines) for a later run to compare with; returns the count. */
  saveOutputs?(file: string): Promise<number>
  /**
   * This session's output log against an earlier run's, saved by saveOutputs (see service/compare-runs.ts for
   * the alignment rule); each list is cut to its first 1000 entries, with `totals` when one was longer.
   */
  compareOutputsWithFile?(file: string): Promise<OutputComparison>
  /** The same job and recording run to the end on heap and on LevelDB: outputs and final state compared. */
  backendCheck?(): Promise<BackendCheckResult>
}

// ---- issue 5 types ----

/** Fields every breakpoint has. With `log` set it is a logpoint: the expression is recorded at each hit, it never stops. */
interface BreakpointBase {
  id: string
  enabled?: boolean
  /** Logpoint expression (TypeScript) over the hit's context: event, key, state, output, timer, step, watermark. */
  log?: string
  /** Restrict to one keyed operator (its id). */
  operatorId?: string
}

export type BreakpointSpec = BreakpointBase & (
  | { kind: 'key'; keyStr: string }                                  // a record for, timer of or write to the key
  | { kind: 'event'; expression: string }                            // an input record for which `expression` (over `event`) is truthy
  | { kind: 'timer'; domain?: TimeDomainName; keyStr?: string }      // a timer firing
  | { kind: 'output'; tag?: string | null }                          // an output (tag: null = main output only; absent = any)
  | { kind: 'late' }                                                 // a record with timestamp <= its keyed operator's watermark
  | { kind: 'ttlExpiry'; stateName?: string }                        // a read or cleanup found an expired TTL value
  | { kind: 'state'; expression: string }                            // over one touched key's state {stateName: value}; names are also variables
)

export interface BreakpointStatus { id: string; ok: boolean; error?: string }

export interface BreakpointHit {
  id: string
  kind: BreakpointSpec['kind']
  step: number
  keyStr: string | null
  /** What hit (for a late event: its timestamp and the watermark; for an output: its seq). */
  detail: string
  /** The condition or log expression threw: the message (the hit is reported rather than the run crashing). */
  error?: string
}

export interface LogpointHit extends BreakpointHit {
  /** The log expression's value as text: a string as it is (like console.log), anything else as JSON (String() when not JSON). */
  value: string
}

export interface SeekResult {
  status: RunStatusView
  /** The step just reached (with its changes), or null at step 0. */
  last: StepView | null
  /** Milliseconds taken, and the snapshot it started from (-1 = went forward from where it was). */
  millis: number
  fromSnapshot: number
}

export interface KeyHistoryEntry {
  step: number
  kind: StepView['kind']
  changes: StateChangeView[]
  /** The key's raw state after the step, by state name (TTL values as {v, t}); absent names had no value. */
  stateAfter: Record<string, unknown>
}

export interface KeyHistoryView { operatorId: string; keyStr: string; entries: KeyHistoryEntry[] }

export interface StateAccessView {
  operatorId: string
  stateName: string
  keyStr: string
  /** For writes: raw value before and after; for reads: the raw value read. */
  value?: unknown
  before?: unknown
  after?: unknown
}

export interface LineageView {
  output: OutputView
  step: number
  kind: StepView['kind']
  input?: InputView
  timer?: TimerView
  reads: StateAccessView[]
  writes: StateAccessView[]
}

export interface KeyTimelineView {
  operatorId: string
  keyStr: string
  /** Records delivered to the key: step, timestamp, and whether it was late (ts <= watermark). */
  events: Array<{ step: number; ts: number | null; late: boolean }>
  timers: Array<{ step: number; action: 'registered' | 'deleted' | 'fired'; domain: TimeDomainName; timestamp: number }>
  outputs: OutputView[]
  /** Spans from outputs whose value has numeric start and end (or windowStart/windowEnd) fields. */
  sessions: Array<{ start: number; end: number; outputSeq: number }>
  /** The watermark (of the key's operator) at each step it changed, as (step, watermark) points. */
  watermark: Array<{ step: number; watermark: number }>
}

export interface OutputComparison {
  added: OutputView[]
  removed: OutputView[]
  changed: Array<{ previous: OutputView; current: OutputView }>
  unchanged: number
  /** Present when a list was cut: how many entries each list had in full. */
  totals?: { added: number; removed: number; changed: number }
}

export interface BackendCheckResult {
  same: boolean
  outputs: OutputComparison
  /** Tables whose final content differs: table id and the first differing keys. */
  stateDiffs: Array<{ table: string; keys: string[] }>
  heapSteps: number
  leveldbSteps: number
}
