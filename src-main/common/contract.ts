// The one contract between the renderer and the main side: every request (name → args → result) and every
// event the main side pushes. The service's handler object satisfies `ContractHandlers`, the preload
// exposes exactly these channels, the renderer's client is typed from it, and browser mode serves the same
// names over a loopback WebSocket. Only plain JSON crosses it; errors cross as ErrorInfo.
// Argument schemas (zod) live in contract-schemas.ts so the sandboxed preload and the renderer stay zod-free.
import type {
  BackendCheckResult, BreakpointSpec, BreakpointStatus, KeyHistoryView, KeyTimelineView, LineageView, LogpointHit,
  OutputComparison, OutputTail, Page, SeekResult, StepResult, StepTarget, WatchValue,
} from './debug-api'
import type { ErrorInfo } from './errors'
import type { ConsoleView, FailureView, FindingsView, StepTrace } from './trace-api'
import type {
  BackendName, KeyPage, KeyPageQuery, KeyStateView, OperatorView, OutputView, ProcessingTimeMode, RunSeriesView, RunStatusView,
  TimerView,
} from './views'

export interface AppInfo {
  mode: 'electron' | 'browser'
  version: string
  /** Folder where job files are opened and saved in browser mode (and the default folder in Electron). */
  workspace: string
  /** True when open/save use native dialogs (Electron); browser mode uses in-app pickers over the workspace. */
  nativeDialogs: boolean
  /** How long a session waits for a reload to reattach it (session.attach) after its page went away. */
  reattachMs: number
}

export interface ExampleInfo {
  /** File name, e.g. "sessionizer-seed.ts". */
  name: string
  path: string
  /** The first comment line of the file, when there is one. */
  title: string
}

export type RecordingFormat = 'jsonl' | 'csv' | 'kcat'

export interface RecordingInfo {
  path: string
  name: string
  bytes: number
  gzip: boolean
  format: RecordingFormat
  /** Event lines (control lines not counted). */
  events: number
  controlLines: number
  /** Lowest and highest event timestamp seen ('ts'-like field or kcat ts), null when none. */
  firstTimestamp: number | null
  lastTimestamp: number | null
  /** Set when the scan failed; the other numbers are then zero. */
  error?: string
}

export interface JobFile { path: string; source: string }

/** A Python job's SyntaxError found by the editor's live check (1-based line and column; end 0 when unknown). */
export interface SyntaxProblem { type: string; message: string; line: number; column: number; endLine: number; endColumn: number }

export interface SessionStartArgs {
  jobPath: string
  /** The editor's buffer; compiled instead of the file on disk. */
  jobSource?: string
  recordingPath: string
  backend: BackendName
  processingTime: ProcessingTimeMode
  drainProcessingTimers?: boolean
  skipBadLines?: boolean
  watchdogMs?: number
  /** Watch for findings (default true). */
  findings?: boolean
}

export interface SessionStarted {
  sessionId: string
  /** Reattaches the session from a reload of the page that started it (session.attach); keep it in the tab only. */
  secret: string
  status: RunStatusView
  operators: OperatorView[]
}

/**
 * A session taken over by session.attach: where it is, what it was started with, and the step a loaded savepoint put
 * it at (null: none loaded; time travel reaches no step before it).
 */
export interface SessionAttached extends SessionStarted { start: SessionStartArgs; loadedAt: number | null }

export interface OutputFilter { keyStr?: string; tag?: string | null }

export interface CloseOptions {
  /** Keep this run's output log on the service side, for the next run's Compare. */
  keepOutputs?: boolean
}

/** A savepoint a session wrote (session.saveSavepoint): the folder, and the step whose state it holds. */
export interface SavepointSaved { path: string; step: number }

/** A savepoint a session continues from (session.loadSavepoint): the folder, and where the run now stands. */
export interface SavepointLoaded { path: string; status: RunStatusView }

/** A closed session's run whose output log the service kept (named by the session's id). */
export interface KeptRun { runId: string; outputs: number }

/** Every request: its positional arguments and its result. */
export interface ContractRequests {
  'app.info': { args: []; result: AppInfo }
  'examples.list': { args: []; result: ExampleInfo[] }
  'recordings.list': { args: []; result: RecordingInfo[] }
  /** A relative path is relative to the workspace folder (what "Open path…" says); absolute paths as they are. */
  'recordings.scan': { args: [path: string]; result: RecordingInfo }
  'files.list': { args: []; result: string[] }
  'files.read': { args: [path: string]; result: JobFile }
  'files.save': { args: [path: string, source: string]; result: JobFile }
  /** The editor's live check of a Python job's syntax (Python's own compile()); null when it compiles. */
  'job.checkSyntax': { args: [path: string, source: string]; result: SyntaxProblem | null }
  /** Native open dialog (Electron); null when cancelled or not available. */
  'dialog.openJob': { args: []; result: JobFile | null }
  'dialog.saveJob': { args: [suggestedPath: string, source: string]; result: JobFile | null }
  'dialog.openRecording': { args: []; result: RecordingInfo | null }
  'session.start': { args: [opts: SessionStartArgs]; result: SessionStarted }
  /**
   * Takes over a session of a page that went away (a reload) with the secret session.start gave it: the same
   * session at the same step. A session waits 30 s for this after its connection closed, then it is closed.
   */
  'session.attach': { args: [sessionId: string, secret: string]; result: SessionAttached }
  'session.step': { args: [sessionId: string, target: StepTarget, maxSteps?: number]; result: StepResult }
  'session.status': { args: [sessionId: string]; result: RunStatusView }
  /** The run sampled by step, in step order, for the charts (at most 2,000 samples). */
  'session.series': { args: [sessionId: string]; result: RunSeriesView }
  'session.operators': { args: [sessionId: string]; result: OperatorView[] }
  'session.keys': { args: [sessionId: string, query: KeyPageQuery]; result: KeyPage }
  'session.keyState': { args: [sessionId: string, operatorId: string, keyStr: string]; result: KeyStateView | null }
  'session.timers': { args: [sessionId: string, offset: number, limit: number]; result: Page<TimerView> }
  'session.outputs': {
    args: [sessionId: string, offset: number, limit: number, filter?: OutputFilter]; result: Page<OutputView>
  }
  /** The newest `limit` outputs and their count, from one read (the output log's view while the run moves on). */
  'session.outputTail': { args: [sessionId: string, limit: number, filter?: OutputFilter]; result: OutputTail }
  /** Terminate the session's worker now (Stop, also for a job that loops forever). */
  'session.stop': { args: [sessionId: string]; result: void }
  /** Ends the session; with keepOutputs, returns the kept run that a later session can compare with. */
  'session.close': { args: [sessionId: string, opts?: CloseOptions]; result: KeptRun | null }
  // ---- time travel, breakpoints, history, lineage, timeline, compare, backend check ----
  /** Go to a step (0 = before the first) with state, timers and outputs as a sequential run has them. */
  'session.seek': { args: [sessionId: string, step: number]; result: SeekResult }
  'session.stepBack': { args: [sessionId: string]; result: SeekResult }
  /** Replaces all breakpoints and logpoints; new logpoints are filled in for the steps already taken. */
  'session.setBreakpoints': { args: [sessionId: string, list: BreakpointSpec[]]; result: BreakpointStatus[] }
  'session.logpointHits': { args: [sessionId: string, id: string]; result: LogpointHit[] }
  'session.keyHistory': { args: [sessionId: string, operatorId: string, keyStr: string]; result: KeyHistoryView }
  'session.lineage': { args: [sessionId: string, outputSeq: number]; result: LineageView }
  'session.keyTimeline': { args: [sessionId: string, operatorId: string, keyStr: string]; result: KeyTimelineView }
  /**
   * Watch expressions (the job's language) evaluated at the current step for one key of one operator, over `key`, its
   * state names, `event` (the step's record; undefined on a timer or control step), `watermark` and `step`; one value
   * or error each, in order. Nothing the expressions do changes the run.
   */
  'session.watch': { args: [sessionId: string, operatorId: string, keyStr: string, expressions: string[]]; result: WatchValue[] }
  /** This session's outputs against a kept run's (session.close with keepOutputs); the service holds both logs. */
  'session.compareOutputs': { args: [sessionId: string, previousRunId: string]; result: OutputComparison }
  /** The session's job and recording run to the end on heap and on LevelDB, compared. */
  'session.backendCheck': { args: [sessionId: string]; result: BackendCheckResult }
  /**
   * Writes the run at its current step as a savepoint (docs/savepoint-format.md) to a folder of the workspace (a
   * relative path is relative to it). A folder that exists must be empty or a savepoint (which is replaced whole);
   * anything else is refused and nothing is written.
   */
  'session.saveSavepoint': { args: [sessionId: string, path: string]; result: SavepointSaved }
  /**
   * Continues from a savepoint of this job and recording (a folder of the workspace or recordings/): state, timers
   * and watermarks as it holds them, the job's fields as open() left them, the output log empty; time travel
   * reaches the steps from there on.
   */
  'session.loadSavepoint': { args: [sessionId: string, path: string]; result: SavepointLoaded }
  // ---- code-level debugging (trace-api.ts) ----
  /**
   * Every call the job made in `step` (1-based, at most the furthest step reached), in order, with lines and
   * results: the step is re-run in a tracing mode from the state before it; the session returns to where it was.
   */
  'session.trace': { args: [sessionId: string, step: number]; result: StepTrace }
  /** The findings over the steps run so far. */
  'session.findings': { args: [sessionId: string]; result: FindingsView }
  /** The failure that stopped the run (the job threw, or the watchdog stopped it), null when none. */
  'session.failure': { args: [sessionId: string]; result: FailureView | null }
  /**
   * What the job's code printed (console.log, print()), each step's lines once however often time travel re-ran
   * it: the kept lines from seq `from` on, at most `limit`.
   */
  'session.console': { args: [sessionId: string, from: number, limit: number]; result: ConsoleView }
}

/** Every event the main side pushes. */
export interface ContractEvents {
  /** Coalesced: at most one per session every ~50 ms. */
  'session.status': { sessionId: string; status: RunStatusView }
  /** The session's worker is gone (stopped, watchdog, crashed or closed). */
  'session.ended': { sessionId: string; reason: string; error: ErrorInfo | null }
  /** Progress while a recording is scanned (bytes read of total). */
  'recordings.progress': { path: string; bytesRead: number; totalBytes: number; done: boolean }
  /** A menu item or accelerator in the Electron shell (the renderer runs the same action as its button). */
  'app.command': { command: AppCommand }
}

export type AppCommand =
  | 'openJob' | 'saveJob' | 'saveJobAs' | 'openRecording'
  | 'start' | 'step' | 'stepOutput' | 'stepTimer' | 'continue' | 'pause' | 'runToEnd' | 'stop' | 'restart'
  | 'stepBack' | 'saveSavepoint' | 'loadSavepoint'

export type RequestName = keyof ContractRequests
export type EventName = keyof ContractEvents
export type RequestArgs<K extends RequestName> = ContractRequests[K]['args']
export type RequestResult<K extends RequestName> = ContractRequests[K]['result']

/** The main side's handler object must satisfy this. */
export type ContractHandlers = { [K in RequestName]: (...args: RequestArgs<K>) => Promise<RequestResult<K>> }

/** What a transport returns for one request: errors never throw across the boundary. */
export type Envelope<T> = { ok: true; result: T } | { ok: false; error: ErrorInfo }

export type EventMessage = { [K in EventName]: { event: K; payload: ContractEvents[K] } }[EventName]

/** The channel names, listed once (the preload and the IPC layer accept nothing else). */
export const REQUEST_NAMES = [
  'app.info', 'examples.list', 'recordings.list', 'recordings.scan', 'files.list', 'files.read', 'files.save', 'job.checkSyntax',
  'dialog.openJob', 'dialog.saveJob', 'dialog.openRecording',
  'session.start', 'session.attach', 'session.step', 'session.status', 'session.series', 'session.operators', 'session.keys', 'session.keyState',
  'session.timers', 'session.outputs', 'session.outputTail', 'session.stop', 'session.close',
  'session.seek', 'session.stepBack', 'session.setBreakpoints', 'session.logpointHits', 'session.keyHistory',
  'session.lineage', 'session.keyTimeline', 'session.watch', 'session.compareOutputs', 'session.backendCheck',
  'session.trace', 'session.findings', 'session.failure', 'session.console', 'session.saveSavepoint', 'session.loadSavepoint',
] as const satisfies readonly RequestName[]

export const EVENT_NAMES = ['session.status', 'session.ended', 'recordings.progress', 'app.command'] as const satisfies readonly EventName[]

/** What the preload exposes as `window.riffle` (exactly the contract, nothing else). */
export interface RiffleBridge {
  invoke<K extends RequestName>(name: K, ...args: RequestArgs<K>): Promise<Envelope<RequestResult<K>>>
  /** Subscribes to every pushed event; returns the unsubscribe function. */
  onEvent(listener: (message: EventMessage) => void): () => void
}

/** The largest request (bytes of its JSON) browser mode's WebSocket accepts; a larger frame closes the connection. */
export const MAX_MESSAGE_BYTES = 8 * 1024 * 1024

/** The IPC channel prefix for requests, and the one channel events travel on. */
export const IPC_REQUEST_PREFIX = 'riffle:'
export const IPC_EVENT_CHANNEL = 'riffle:event'

// Compile-time check that REQUEST_NAMES lists every request exactly (a missing name is a type error here).
type Missing = Exclude<RequestName, (typeof REQUEST_NAMES)[number]>
const _allListed: Missing extends never ? true : Missing = true
void _allListed

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && (REQUEST_NAMES as readonly string[]).includes(name)
}
