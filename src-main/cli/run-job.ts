// Runs a job over a recording to the end (what `riffle run` does inside its worker) and returns the
// summary; the job's result goes to the --out writer.
import type { BackendName, BadLineView, ProcessingTimeMode } from '../common/views'
import { openRun } from '../engine/runtime/open-run'
import type { UserCodeGate } from '../sandbox/gate'
import { OutputWriter } from './output-writer'
import { restoreSavepoint, writeRunSavepoint } from '../engine/runtime/run-savepoint'

export interface RunJobOptions {
  jobPath: string
  recordingPath: string
  backend: BackendName
  stateDir?: string
  out: string | null
  processingTime: ProcessingTimeMode
  drainProcessingTimers: boolean
  skipBadLines: boolean
  /** Write a savepoint here at the end, or after stopAfter records. */
  savepointOut?: string
  /** Start from this savepoint instead of the beginning of the recording. */
  fromSavepoint?: string
  /** Stop after this many input records (with savepointOut, to continue later). */
  stopAfter?: number
  /** Run over what --state-dir already holds instead of clearing it (the LevelDB bench pre-fills it). */
  keepState?: boolean
}

export interface RunSummary {
  recordsIn: number
  recordsOut: number
  sideOutputs: number
  keys: number
  pendingEventTimers: number
  pendingProcessingTimers: number
  badLines: BadLineView[]
  /** All skipped bad lines, also past the first MAX_LISTED_BAD_LINES listed in badLines. */
  badLineCount: number
  millis: number
  backend: BackendName
  stateDir: string | null
  /** True when the run stopped early (--stop-after) rather than at the end of the recording. */
  stoppedEarly: boolean
  savepoint: string | null
}

export async function runJob(o: RunJobOptions, onGate?: (gate: UserCodeGate) => void): Promise<RunSummary> {
  const started = performance.now()
  const made: { writer: OutputWriter | null } = { writer: null }
  // Without --out the summary still counts the records out (docs/command-line.md: "records out").
  const counted = { records: 0, sideRecords: 0 }
  const countOnly = (tag: string | null): void => { if (tag === null) counted.records++; else counted.sideRecords++ }
  const opened = await openRun({
    jobPath: o.jobPath, recordingPath: o.recordingPath, skipBadLines: o.skipBadLines,
    backend: o.backend, stateDir: o.stateDir, keepState: o.keepState === true || o.fromSavepoint !== undefined,
    processingTime: o.processingTime, drainProcessingTimers: o.drainProcessingTimers,
    batchSize: 8192,
    sink: () => {
      if (o.out === null) return countOnly
      const w = new OutputWriter(o.out)
      made.writer = w
      return (tag, v, ts) => w.write(tag, v, ts)
    },
  })
  const { run } = opened
  try {
    onGate?.(run.rc.gate)
    if (o.fromSavepoint !== undefined) await restoreSavepoint(run, o.fromSavepoint, o.recordingPath)
    await run.runToEnd(undefined, o.stopAfter ?? Infinity)
    const stoppedEarly = !run.finished
    if (o.savepointOut !== undefined) await writeRunSavepoint(run, o.savepointOut, o.recordingPath, o.backend)
    let eventTimers = 0
    let processingTimers = 0
    for (const op of run.keyedOps) {
      eventTimers += op.eventTimers.size
      processingTimers += op.processingTimers.size
    }
    // The job's close() and the backend's last writes may fail: before the summary, not after it.
    await run.close()
    await run.backend.flush()
    const out = made.writer ?? counted
    return {
      recordsIn: run.driver.recordsIn,
      recordsOut: out.records,
      sideOutputs: out.sideRecords,
      keys: run.keyCount(),
      pendingEventTimers: eventTimers,
      pendingProcessingTimers: processingTimers,
      badLines: run.reader.badLines(),
      badLineCount: run.reader.badLineCount(),
      millis: performance.now() - started,
      backend: o.backend,
      stateDir: opened.stateDir,
      stoppedEarly,
      savepoint: o.savepointOut ?? null,
    }
  } finally {
    made.writer?.close()
    // After a failure the job's close() runs too, but its own error must not hide the one that stopped the run.
    await run.close().catch(() => undefined)
    await opened.close()
  }
}
