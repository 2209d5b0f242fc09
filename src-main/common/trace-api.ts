// The code-level debugger's data types: a step's trace (every call the job made, in order, with the job
// file's line and its result), findings (what is legal but almost always a bug, one per kind and line),
// timer lineage (who registered a firing timer, which deletes missed it), line breakpoints and the context a
// failed step keeps. The requests that carry them are in contract.ts (session.trace, session.findings,
// session.failure); line breakpoints travel in session.setBreakpoints (debug-api.ts BreakpointSpec).
import type { ErrorInfo } from './errors'
import type { InputView, OutputView, StepKind, TimeDomainName, TimerView } from './views'

/** A place in the job's source (the job file, or a file it imports). Lines and columns are 1-based. */
export interface SourceLocation { file: string; line: number; column?: number }

/** What a context read asked for: ctx.timestamp(), currentWatermark(), currentProcessingTime(), getCurrentKey(). */
export type TimeReadKind = 'timestamp' | 'watermark' | 'processingTime' | 'currentKey'

/**
 * A read of the wall clock or a random source in job code. Riffle answers it with the simulated processing
 * time or the run's seeded random source (replays stay deterministic) and raises a finding for it.
 */
export type ClockReadKind = 'Date.now' | 'new Date' | 'performance.now' | 'Math.random' | 'time' | 'random'

/** Fields every trace entry has. */
interface TraceEntryBase {
  /** 0-based position of the call in the step. */
  index: number
  /** The keyed operator the call was made in (empty for a call outside one, e.g. a wall-clock read in a map). */
  operatorId: string
  /** The key being processed, null outside a keyed call. */
  keyStr: string | null
  /** The job file's line (and column) of the call; null when no frame of the job was on the stack. */
  where: SourceLocation | null
  /** The call as the job wrote it, e.g. `session_start.update(1700000000000)`, `deleteEventTimeTimer(1700000000000)`. */
  call: string
  /** Its result in a few words for inline hints, e.g. `→ null`, `nothing deleted`, `1 → 2`. */
  result: string
}

export type TraceEntry = TraceEntryBase & (
  /** A state method that only reads (value, get, contains, entries, ...): what it returned (raw, JSON). */
  | { kind: 'stateRead'; stateName: string; method: string; args: unknown[]; value: unknown }
  /** A state method that may write (update, add, put, remove, clear, ...): the stored raw value before and after. */
  | { kind: 'stateWrite'; stateName: string; method: string; args: unknown[]; before: unknown; after: unknown }
  /** registerEventTimeTimer / registerProcessingTimeTimer; alreadyPending: the timer existed (T1), nothing changed. */
  | { kind: 'timerRegister'; domain: TimeDomainName; timestamp: number; alreadyPending: boolean }
  /** deleteEventTimeTimer / deleteProcessingTimeTimer; deleted false: no such timer, nothing was deleted (T2). */
  | { kind: 'timerDelete'; domain: TimeDomainName; timestamp: number; deleted: boolean }
  /** ctx.timestamp(), currentWatermark(), currentProcessingTime(), getCurrentKey(): the value returned. */
  | { kind: 'timeRead'; read: TimeReadKind; value: unknown }
  /** Date.now(), new Date(), performance.now(), Math.random() (Python: time, random): the value Riffle handed back. */
  | { kind: 'clockRead'; read: ClockReadKind; value: unknown }
  /** out.collect / ctx.output: tag null for the main output. `seq` is the output's place in the run's log. */
  | { kind: 'output'; tag: string | null; value: unknown; timestamp: number | null; seq: number }
  /** A line the job's own code printed (console.log/warn/error, print(), sys.stdout/sys.stderr), as the Console keeps it. */
  | { kind: 'console'; stream: ConsoleStream; text: string }
)

export type TraceEntryKind = TraceEntry['kind']

/** One step as the job's code saw it. */
export interface StepTrace {
  step: number
  kind: StepKind
  /** The input record (record / control-line steps). */
  input?: InputView
  /** The timer that fired (timer steps), with where it was registered when known. */
  timer?: TimerView
  timerOrigin?: TimerOrigin
  /** The key the step processed (keyed steps), and its operator. */
  operatorId: string | null
  keyStr: string | null
  /** Watermark and processing time after the step (as StepView has them). */
  watermark: number
  processingTime: number
  /**
   * The watermark before the step: what its code read (a record's own watermark comes after its processElement,
   * so `watermark` is not what currentWatermark() returned there).
   */
  watermarkBefore: number
  /** Every call the job made, in order: the first TRACE_LISTED of them (`notListed` counts the rest). */
  entries: TraceEntry[]
  /**
   * The job file's lines the step ran, any line with code (not only those calling Riffle), distinct, in first-run
   * order (the editor highlights them; `riffle trace` prints them as "lines run").
   */
  lines: number[]
  /** Outputs the step emitted (also as `output` entries): the first TRACE_LISTED of them (`notListed` counts the rest). */
  outputs: OutputView[]
  /**
   * What a step that calls in a loop (100,000 out.collect) made past the first TRACE_LISTED calls and outputs:
   * counted, not listed, so a trace stays quick and readable and says what it left out. Absent when nothing was.
   */
  notListed?: NotListed
  /** Findings raised in this step (count 1 each, first step = this step). */
  findings: FindingView[]
  /** The step threw: the error; `entries` end at the call before the throw and `where` names the throwing line. */
  error?: ErrorInfo
}

/**
 * How many calls and outputs a step's trace lists one by one; the rest are counted (a step's printed lines are
 * calls too). The CLI, its --json and the app's Trace view all show the same cut.
 */
export const TRACE_LISTED = 1000

/** The calls and outputs past TRACE_LISTED: how many, and the calls by kind. */
export interface NotListed {
  entries: number
  byKind: Partial<Record<TraceEntryKind, number>>
  outputs: number
}

/** Warnings are likely bugs; hints are risks. */
export type FindingSeverity = 'warning' | 'hint'

export type FindingKind =
  | 'noOpTimerDelete'     // a timer delete that deleted nothing
  | 'timerNotAhead'       // an event-time timer at/behind the watermark, a processing-time timer at/behind processing time
  | 'timerPileUp'         // a key holding more than 100 pending timers at once
  | 'wallClockRead'       // Date.now(), new Date(), performance.now(), Python time
  | 'randomRead'          // Math.random(), Python random
  | 'stateGrowsForever'   // a state never cleared on any key, no TTL, held by more than 10,000 keys
  | 'lateRecords'         // records at/behind the watermark, per line of the timestamp assigner

export interface FindingView {
  kind: FindingKind
  severity: FindingSeverity
  /** The job file (absolute path) and line the finding is about. */
  file: string
  line: number
  column?: number
  /** One line, as the command line prints it, e.g. `deleteEventTimeTimer(t) found no timer at t: nothing was deleted`. */
  message: string
  /** How many times it happened so far. */
  count: number
  firstStep: number
  /** The key of the first occurrence (null when there was none, e.g. a wall-clock read outside a keyed call). */
  firstKey: string | null
  operatorId: string | null
}

export interface FindingsView {
  /** False when the session runs with findings off. */
  enabled: boolean
  /** Findings over the steps run so far (the furthest step reached), warnings first, then by line. */
  findings: FindingView[]
  /** The furthest step the findings cover. */
  throughStep: number
  /** What the job's code was told that is not a finding (shown whether findings are on or off), in the order said. */
  notices: JobNoticeView[]
}

/**
 * A form of a Python job that runs in Riffle but not on a Flink cluster (API.md 1b: the seed article's
 * `out.collect`, event-time TTL), said once per line of the job file.
 */
export interface JobNoticeView {
  /** The job file (absolute path) and line. */
  file: string
  line: number
  message: string
}

/** Which of the job's streams a console line went to: log/info/debug and print() 'out', warn 'warn', error and sys.stderr 'err'. */
export type ConsoleStream = 'out' | 'warn' | 'err'

/** A line the job's own code printed (console.log in TypeScript, print() in Python), kept once for its step. */
export interface ConsoleLineView {
  /** 0-based position in everything the session kept (dropped lines keep their numbers). */
  seq: number
  /** The step it was printed in (0: while the job loaded, before the first step). */
  step: number
  stream: ConsoleStream
  text: string
  /** The job line of the call that printed it, when known. */
  where: SourceLocation | null
}

/** The job's console from a position on (session.console). */
export interface ConsoleView {
  /** Kept lines with seq >= the asked position, oldest first, at most the asked limit. */
  lines: ConsoleLineView[]
  /** Lines printed so far (the next line's seq). */
  total: number
  /** Lines dropped from the start: only the newest `keep` are kept. */
  dropped: number
  /** How many lines the session keeps. */
  keep: number
}

/** Where a timer came from: the step and line that registered it, and the deletes that missed it. */
export interface TimerOrigin {
  /** The registration that made the timer pending (null when it was pending before a savepoint the run resumed). */
  registered: { step: number; where: SourceLocation | null } | null
  /**
   * Deletes of the same key and domain, made while the timer was pending, that deleted nothing (they named
   * another timestamp): the deletes that most likely meant to remove it.
   */
  missedDeletes: Array<{ step: number; where: SourceLocation | null; timestamp: number }>
}

/** Why a failed step stopped the run, with what is still inspectable. */
export interface FailureView {
  /** The step that threw or was stopped (the run stands at the step before it: state before the step). */
  step: number
  error: ErrorInfo
  /** job threw: where; watchdog: where the loop was when it was stopped (sampled stack, innermost job frame first). */
  where: SourceLocation | null
  /** For a watchdog stop: the job's frames on the stack when it was stopped, innermost first. */
  stack?: SourceLocation[]
  /** For a watchdog stop: the limit, in ms, the call ran past. */
  watchdogMs?: number
  /** The failing step's trace up to the throwing call (absent for a watchdog stop). */
  trace?: StepTrace
}

/** A line breakpoint as the app sends it (inside session.setBreakpoints; debug-api.ts BreakpointSpec kind 'line'). */
export interface LineBreakpointFields {
  /** The job file's 1-based line. */
  line: number
  /** The file; absent = the job file. */
  file?: string
  /** A TypeScript expression over `event`, `key` and the state names; the breakpoint hits only when it is truthy. */
  condition?: string
}
