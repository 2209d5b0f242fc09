// Messages between a session worker and the thread that owns it (the CLI or the DebuggerService).
import type { SyntaxProblem } from '../common/contract'
import type { SessionOptions } from '../common/debug-api'
import type { ErrorInfo } from '../common/errors'
import type { SessionMethod } from '../common/session-api'
import type { RunStatusView } from '../common/views'
import type { JobNoticeView } from '../common/trace-api'
import type { RunJobOptions, RunSummary } from '../cli/run-job'
import type { SkippedLines, SkippedNews } from '../cli/skipped-lines'
import type { RouteShape } from '../engine/runtime/route-shape'
import type { RouteInput } from '../replay/routed-reader'

export type ToWorker =
  | { type: 'open'; options: SessionOptions }
  /** A command-line run; `id` tells its messages apart from those of other runs in the same worker (subtasks). */
  | { type: 'run'; id: number; options: RunJobOptions }
  /**
   * A session call. `first`: the call that puts the session back after a watchdog interrupt ('failed' with `held`),
   * run ahead of the calls the worker holds meanwhile, which then go on.
   */
  | { type: 'call'; id: number; method: SessionMethod; args: unknown[]; first?: boolean }
  /** Load Python (Pyodide) now, so a Python session started in this worker later starts warm. */
  | { type: 'warm' }
  /** The editor's live syntax check of a Python job (a worker kept for it alone: service/python-syntax.ts). */
  | { type: 'checkSyntax'; id: number; path: string; source: string }
  /** Input for a routed run's reader (RunJobOptions.route; replay/routed-reader.ts). */
  | { type: 'routeInput'; id: number; input: RouteInput }

export type FromWorker =
  | { type: 'opened' }
  | { type: 'openFailed'; error: ErrorInfo }
  | { type: 'ran'; id: number; summary: RunSummary }
  | { type: 'runFailed'; id: number; error: ErrorInfo; skipped?: SkippedLines }
  | { type: 'result'; id: number; value: unknown }
  /**
   * A session call failed. `held`: the watchdog's interrupt stopped it (a Python loop) and the worker lives on, holding
   * later calls until a `first` call has put the session back.
   */
  | { type: 'failed'; id: number; error: ErrorInfo; held?: boolean }
  | { type: 'status'; status: RunStatusView }
  /** A routed run (RunJobOptions.route) has built its graph: whether its records can be routed, and how. */
  | { type: 'routeShape'; id: number; shape: RouteShape | null }
  /** A routed run's reader used up one batch. */
  | { type: 'routeAck'; id: number }
  /** A run's job said a notice (sandbox/job-notices.ts): the command line prints it. */
  | { type: 'jobNotice'; notice: JobNoticeView }
  /** The answer to 'checkSyntax': the source's SyntaxError, or null when it compiles. */
  | { type: 'syntaxChecked'; id: number; problem: SyntaxProblem | null; error?: ErrorInfo }
  /** A run's reader skipped more bad lines (--skip-bad-lines): said as read, for a run stopped from outside. */
  | { type: 'skipped'; id: number; news: SkippedNews }
  /** Whole lines a run's job printed (sandbox/job-console.ts): the command line writes them to standard error. */
  | { type: 'jobOutput'; text: string }

export interface WorkerData {
  /** SharedArrayBuffer behind the gate's heartbeat (sandbox/gate.ts HB_* slots). */
  heartbeat: SharedArrayBuffer
  /** Pyodide's interrupt buffer (one Int32 slot): the watchdog writes 2 to raise KeyboardInterrupt in a runaway Python job. */
  interrupt: SharedArrayBuffer
  /** Where the worker makes its temporary state folders; the owner removes it when the worker ends. */
  scratch: string
}
