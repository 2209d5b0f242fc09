// The debugger's data types: a session's options, step targets and results, breakpoints and their hits,
// time travel, history, lineage, timeline and comparison views. The requests that carry them are listed in
// contract.ts; the session's methods are derived from it (session-api.ts).
import type {
  BackendName, InputView, OutputView, ProcessingTimeMode, RunStatusView, StateChangeView, StepView, TimeDomainName, TimerView,
} from './views'
import type { FailureView, LineBreakpointFields, SourceLocation, TimerOrigin } from './trace-api'

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
  /** Watch for findings (default true; session.findings answers `enabled: false` when off). */
  findings?: boolean
  /**
   * Whether the job's output also goes to the terminal running the session (default true: the app's service
   * echoes it); `riffle trace` lists the traced steps' lines in their traces instead.
   */
  echoJobOutput?: boolean
  /**
   * The job already compiled (by the service's thread, whose one esbuild process is reused), so the session
   * worker starts no esbuild process of its own; compiled from jobPath/jobSource when absent.
   */
  compiled?: { path: string; code: string; sourceMap: string }
}

/** Where to stop when stepping. */
export type StepTarget =
  | { kind: 'step' }        // one step (a record, a control line or one timer firing)
  | { kind: 'record' }      // until an input record has been processed
  | { kind: 'output' }      // until a step emitted at least one output
  | { kind: 'timer' }       // until a timer fired
  | { kind: 'end' }         // to the end of the recording
  | { kind: 'continue' }    // until a breakpoint (not a logpoint) hits, else to the end

export interface StepResult {
  /** The steps taken, newest last; long runs return only the last `keepLast` (default 200). */
  steps: StepView[]
  /** Total steps taken by this call. */
  taken: number
  status: RunStatusView
  /** The breakpoint that stopped a step call (first hit of the last step), when one did. */
  breakpointHit?: BreakpointHit
  /**
   * Reserved: a step call whose job threw rejects with the error (JOB_THREW) as before; the run then stands
   * at the step before the failing one, with time travel, and session.failure() answers the context
   * (session.trace(failure.step) shows the calls up to the throw).
   */
  failure?: FailureView
}

export interface Page<T> { total: number; offset: number; items: T[] }

/** The output log's newest outputs, read at one point of the run: `step` is the run's step then. */
export interface OutputTail extends Page<OutputView> { step: number }

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
  | ({ kind: 'line' } & LineBreakpointFields)                         // a step in which the job file's line ran (condition: over event, key, state names)
)

export interface BreakpointStatus {
  id: string
  ok: boolean
  error?: string
  /** A line breakpoint that can never hit (no code on its line), and why: the editor shows it grey, as VS Code does. */
  unverified?: string
}

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
  /**
   * The log expression's value as text: a string as it is (like console.log, or Python's print), anything else as JSON
   * (String() when not JSON) in a TypeScript job, as its repr in a Python job (None, 3.0, {'a': 1}).
   */
  value: string
}

/**
 * One watch expression's value at the session's step for one key (session.watch), in the job's language: `value` when
 * a TypeScript value is JSON data (shown as state values are), else `text` (how the language writes it: undefined, NaN,
 * a function; a Python value always, as its repr: None, 3.0, {'a': 1}), or `error` (it does not compile, or it threw).
 * `cut`: the value was too long and `text` is its JSON's (or repr's) beginning. `stopped`: it never returned and the watchdog stopped it (`error` says so); the list's others were
 * evaluated again after the stop, so they have their values.
 */
/** Watch expressions one session.watch evaluates at most, and the longest one (the Watch list is typed by hand). */
export const MAX_WATCHES = 100
export const MAX_WATCH_LENGTH = 10_000

export interface WatchValue {
  expression: string
  value?: unknown
  text?: string
  error?: string
  cut?: true
  stopped?: true
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
  /** The key's state after the step, by state name, as the job's values (as StateChangeView's); absent names had no value. */
  stateAfter: Record<string, unknown>
}

export interface KeyHistoryView { operatorId: string; keyStr: string; entries: KeyHistoryEntry[] }

export interface StateAccessView {
  operatorId: string
  stateName: string
  keyStr: string
  /** For writes: the value before and after; for reads: the value read (as the job holds it, as StateChangeView's). */
  value?: unknown
  before?: unknown
  after?: unknown
  /** A write's before and after as Python writes them, where they hold bytes (StateChangeView.beforeText). */
  beforeText?: string
  afterText?: string
  /** A write that only refreshed TTL stamps (StateChangeView.ttlRefreshed). */
  ttlRefreshed?: { expiresAt: number }
  /** An expired entry TTL removed, not the job's write (StateChangeView.ttlExpired). */
  ttlExpired?: { expiresAt: number }
}

export interface LineageView {
  output: OutputView
  step: number
  kind: StepView['kind']
  input?: InputView
  timer?: TimerView
  reads: StateAccessView[]
  writes: StateAccessView[]
  /** For an output of a timer step: the step and line that registered the timer, and the deletes that missed it. */
  timerOrigin?: TimerOrigin
  /** The job file's line of the out.collect / ctx.output call that emitted it, when known. */
  emittedAt?: SourceLocation | null
}

export interface KeyTimelineView {
  operatorId: string
  keyStr: string
  /** Records delivered to the key: step, timestamp, and whether it was late (ts <= watermark). */
  events: Array<{ step: number; ts: number | null; late: boolean }>
  /**
   * Timer calls and firings of the key. 'deleteFoundNothing' is a delete that deleted nothing (no timer at that
   * timestamp). `line` is the job file's line of the call (absent for firings and when unknown); a firing
   * carries `registeredStep`, the step whose registration it is, when known.
   */
  timers: Array<{
    step: number; action: 'registered' | 'deleted' | 'fired' | 'deleteFoundNothing'; domain: TimeDomainName; timestamp: number
    line?: number; registeredStep?: number
  }>
  outputs: OutputView[]
  /** Spans from outputs whose value has numeric start and end (or windowStart/windowEnd) fields. */
  sessions: Array<{ start: number; end: number; outputSeq: number }>
  /** The watermark (of the key's operator) at each step it changed, as (step, watermark) points. */
  watermark: Array<{ step: number; watermark: number }>
}

/** One difference inside a changed output: a field path of the value ("" for the value itself), or "timestamp". */
export interface OutputFieldDiff { path: string; previous?: unknown; current?: unknown }

/** Two runs' job outputs paired by (key, tag, timestamp, then order): see debugger/output-pairing.ts. */
export interface OutputComparison {
  added: OutputView[]
  removed: OutputView[]
  changed: Array<{ previous: OutputView; current: OutputView; fields: OutputFieldDiff[] }>
  /** Equal outputs that changed place among the others (not a change of content). */
  moved: Array<{ previous: OutputView; current: OutputView }>
  unchanged: number
  /** Present when a list was cut: how many entries each list had in full. */
  totals?: { added: number; removed: number; changed: number; moved: number }
  /**
   * A session's comparison with a kept run: both runs' outputs were taken up to this step, where the session stands
   * or the previous run was closed, whichever is earlier (after a seek back, the previous run's later outputs are not
   * "removed": this run has not got there yet).
   */
  throughStep?: number
  /** The previous run's job outputs after `throughStep`, left out of the comparison. */
  previousLater?: number
  /**
   * This run's job outputs after `throughStep`, left out: the previous run was closed at that step before its end
   * (a Restart mid-run), so its outputs after it are unknown.
   */
  currentLater?: number
}

export interface BackendCheckResult {
  same: boolean
  outputs: OutputComparison
  /** Tables whose final content differs: table id and the first differing keys. */
  stateDiffs: Array<{ table: string; keys: string[] }>
  heapSteps: number
  leveldbSteps: number
}
