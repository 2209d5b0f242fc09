// The debugger session API: what the app (through the service) can ask a running replay.
// The engine's DebugSession implements it inside a worker thread; the service proxies it.
import type {
  BackendName, KeyPage, KeyPageQuery, KeyStateView, OperatorView, OutputView, ProcessingTimeMode, RunStatusView,
  StepView, TimerView,
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

export interface StepResult {
  /** The steps taken, newest last; long runs return only the last `keepLast` (default 200). */
  steps: StepView[]
  /** Total steps taken by this call. */
  taken: number
  status: RunStatusView
}

export interface Page<T> { total: number; offset: number; items: T[] }

/** Errors cross boundaries as plain data with a stable code. */
export interface ErrorInfo {
  code: 'JOB_COMPILE' | 'JOB_THREW' | 'JOB_TIMEOUT' | 'BAD_LINE' | 'RECORDING_NOT_FOUND' | 'RECORDING_UNREADABLE'
    | 'BAD_ARGUMENT' | 'STATE_LOCKED' | 'SESSION_CLOSED' | 'STOPPED' | 'INTERNAL' | 'SAVEPOINT_INVALID'
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
  close(): Promise<void>
}
