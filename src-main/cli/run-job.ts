// Runs a job over a recording to the end (what `riffle run` does inside its worker) and returns the
// summary; the job's result goes to the --out writer.
import { RiffleError } from '../common/errors'
import type { BackendName, BadLineView, ProcessingTimeMode } from '../common/views'
import type { FindingView } from '../common/trace-api'
import { FindingsCollector } from '../engine/findings/findings-collector'
import type { JobRun } from '../engine/runtime/job-run'
import { openRun, type OpenedRun } from '../engine/runtime/open-run'
import { HB_WAITED, type UserCodeGate } from '../sandbox/gate'
import { OutputFile } from './output-file'
import { OutputPump, withKeptOutput } from './output-pump'
import { createOutputRing, RingWriter } from './output-ring'
import { OutputWriter } from './output-writer'
import { PROGRESS_FILE_BYTES, PROGRESS_RECORDS, PROGRESS_START_BYTES, PROGRESS_TOTAL_BYTES } from './progress'
import { restoreSavepoint, writeRunSavepoint } from '../engine/runtime/run-savepoint'
import type { KeyGroupShare } from '../engine/runtime/key-group'
import type { CompiledJob } from '../sandbox/compile-job'
import { routeShape, type RouteShape } from '../engine/runtime/route-shape'
import type { RecordingReader } from '../replay/recording-types'
import { attachSkipped } from './skipped-lines'
import { storedEntries } from '../engine/state/stored-entries'

export interface RunJobOptions {
  jobPath: string
  recordingPath: string
  backend: BackendName
  stateDir?: string
  /** --out written by this thread (runJob called in-process); ignored when outRing is given. */
  out: string | null
  /** The output ring of the thread that owns --out (`riffle run` runs the job in a worker: main.ts). */
  outRing?: SharedArrayBuffer
  processingTime: ProcessingTimeMode
  drainProcessingTimers: boolean
  skipBadLines: boolean
  /** How a savepoint and its messages name the recording: "standard input" or a pipe's path for a copied pipe (main.ts); default its path. */
  recordingName?: string
  /** Write a savepoint here at the end, or after stopAfter records. */
  savepointOut?: string
  /** Start from this savepoint instead of the beginning of the recording. */
  fromSavepoint?: string
  /** Stop after this many input records (with savepointOut, to continue later). */
  stopAfter?: number
  /** Run over what --state-dir already holds instead of clearing it (the LevelDB bench pre-fills it). */
  keepState?: boolean
  /** Process only these key groups: one subtask of `--parallelism N` (run-parallel.ts). */
  keyGroups?: KeyGroupShare
  /** Watch for findings (API.md "Findings"; default true, --no-findings turns them off). */
  findings?: boolean
  /** The job compiled by the owning thread (run-in-worker.ts), so the worker starts no esbuild of its own. */
  compiled?: CompiledJob
  /** Where to count progress every few steps (JobRun.runToEnd, cli/progress.ts), for the owner's progress line. */
  progress?: SharedArrayBuffer
  /**
   * A subtask whose lines the main thread may read and route (cli/route-feed.ts): the worker says the job's
   * shape and its reader waits to be told (session-worker.ts). Needs keyGroups.
   */
  route?: boolean
}

/** How a routed subtask (RunJobOptions.route) talks to the main thread: its reader, and the job's shape. */
export interface RouteChannel {
  reader: (openFile: () => Promise<RecordingReader>) => RecordingReader
  announce: (shape: RouteShape | null) => void
}

export interface RunSummary {
  /** Records read of the whole recording, the savepoint's included when resumed from one. */
  recordsIn: number
  /** Records the savepoint of --from-savepoint had read (0 without one): this run read recordsIn - resumedAfter. */
  resumedAfter: number
  recordsOut: number
  sideOutputs: number
  keys: number
  /** State entries stored at the end (expired TTL entries not yet cleaned included): what the keys seen still hold. */
  stateEntries: number
  pendingEventTimers: number
  pendingProcessingTimers: number
  badLines: BadLineView[]
  /** All skipped bad lines, also past the first MAX_LISTED_BAD_LINES listed in badLines. */
  badLineCount: number
  millis: number
  /** The run's own part of millis, from the first record read to the last (start-up left out): the throughput's. */
  runMillis: number
  backend: BackendName
  stateDir: string | null
  /** True when the run stopped early (--stop-after) rather than at the end of the recording. */
  stoppedEarly: boolean
  savepoint: string | null
  /** The run's findings, warnings first; null when findings were off. */
  findings: FindingView[] | null
  /** --parallelism N: true when the main thread routed the lines (each subtask read only its own). */
  routed?: boolean
}

/** The job's output: the writer the job's sink feeds, and the pump when this thread owns the --out file. */
interface RunOutput { writer: OutputWriter; pump: OutputPump | null }

/** `onSkipped`: told each time the reader skipped more bad lines (the worker says them to its owner: skipped-lines.ts). */
export async function runJob(o: RunJobOptions, onGate?: (gate: UserCodeGate) => void, route?: RouteChannel, onSkipped?: (reader: RecordingReader) => void): Promise<RunSummary> {
  const started = performance.now()
  const made: { output: RunOutput | null; run: JobRun | null } = { output: null, run: null }
  // Without --out the summary still counts the records out (docs/command-line.md: "records out").
  const counted = { records: 0, sideRecords: 0 }
  const countOnly = (tag: string | null): void => { if (tag === null) counted.records++; else counted.sideRecords++ }
  let opened: OpenedRun
  try {
    opened = await openRun({
      jobPath: o.jobPath, compiled: o.compiled, recordingPath: o.recordingPath, skipBadLines: o.skipBadLines,
      backend: o.backend, stateDir: o.stateDir, keepState: o.keepState === true || o.fromSavepoint !== undefined,
      processingTime: o.processingTime, drainProcessingTimers: o.drainProcessingTimers,
      batchSize: 8192,
      keyGroups: o.keyGroups,
      reader: route?.reader,
      onSkipped,
      sink: () => {
        // Waiting for the owner to write (a slow pipe or disk) is not the job's code hanging: the watchdog leaves it out.
        const onWaited = (millis: number): void => { if (made.run !== null) Atomics.add(made.run.rc.gate.heartbeat, HB_WAITED, millis) }
        const output = made.output = openOutput(o, onWaited)
        if (output === null) return countOnly
        return (tag, v, ts) => output.writer.write(tag, v, ts)
      },
    })
  } catch (e) {
    throw await keepOutputOnFailure(e, made.output)
  }
  const run = made.run = opened.run
  // The main thread waits for this before it reads the recording (or tells the reader to read it).
  route?.announce(routeShape(run.graph))
  // The engine reports findings' conditions only when they hold (engine/findings/findings-sink.ts).
  let findings: FindingsCollector | null = null
  if (o.findings !== false) run.rc.findings = findings = new FindingsCollector(run, opened.jobPath)
  try {
    onGate?.(run.rc.gate)
    if (o.fromSavepoint !== undefined) await restoreSavepoint(run, o.fromSavepoint, o.recordingPath, o.recordingName)
    // The driver goes on counting from the savepoint's records (--stop-after N is of the whole recording).
    const resumedAfter = run.driver.recordsIn
    // At or before the savepoint's own position no record would run, and the run would say "done" (the same position
    // with --savepoint-out writes the savepoint again, as --stop-after 0 does before the first record).
    if (o.stopAfter !== undefined && (o.stopAfter < resumedAfter || (o.stopAfter === resumedAfter && o.savepointOut === undefined))) {
      throw new RiffleError('BAD_ARGUMENT', `--stop-after ${o.stopAfter} counts the records of the whole recording, and the savepoint of --from-savepoint ` +
        `had read ${resumedAfter} already: no record would run; give more than ${resumedAfter}`)
    }
    const running = performance.now()
    await run.runToEnd(o.progress === undefined ? undefined : countProgress(run, new Float64Array(o.progress)), o.stopAfter ?? Infinity)
    const runMillis = performance.now() - running
    const stoppedEarly = !run.finished
    const found = findings === null ? null : findings.list()
    if (o.savepointOut !== undefined) await writeRunSavepoint(run, o.savepointOut, o.recordingPath, o.backend, o.recordingName)
    let eventTimers = 0
    let processingTimers = 0
    for (const op of run.keyedOps) {
      eventTimers += op.eventTimers.size
      processingTimers += op.processingTimers.size
    }
    // The job's close() and the backend's last writes may fail: before the summary, not after it.
    await run.close()
    await run.backend.flush()
    const output = made.output
    output?.writer.flush()
    const kept = await output?.pump?.finish(true)
    if (kept?.failure) {
      kept.failure.message = withKeptOutput(kept.failure.message, output!.pump!.file, kept.partial)
      throw kept.failure
    }
    const out = output?.writer ?? counted
    return {
      recordsIn: run.driver.recordsIn,
      resumedAfter,
      recordsOut: out.records,
      sideOutputs: out.sideRecords,
      keys: run.keyCount(),
      stateEntries: storedEntries(run.backend),
      pendingEventTimers: eventTimers,
      pendingProcessingTimers: processingTimers,
      badLines: run.reader.badLines(),
      badLineCount: run.reader.badLineCount(),
      millis: performance.now() - started,
      runMillis,
      backend: o.backend,
      stateDir: opened.stateDir,
      stoppedEarly,
      savepoint: o.savepointOut ?? null,
      findings: found,
    }
  } catch (e) {
    // A --skip-bad-lines run that fails still says which lines it skipped (main.ts prints them after the error).
    attachSkipped(e, run.reader)
    throw await keepOutputOnFailure(e, made.output)
  } finally {
    // After a failure the job's close() runs too, but its own error must not hide the one that stopped the run.
    await run.close().catch(() => undefined)
    await opened.close()
  }
}

/** Every few steps: records processed and the file's bytes up to the last of them, into the shared progress array. */
function countProgress(run: JobRun, slots: Float64Array): () => void {
  return () => {
    const p = run.progress()
    slots[PROGRESS_RECORDS] = p.records
    slots[PROGRESS_FILE_BYTES] = p.fileBytes
    slots[PROGRESS_TOTAL_BYTES] = p.totalFileBytes
    slots[PROGRESS_START_BYTES] = p.startFileBytes
  }
}

/** The job's output: into the owner's ring (in a worker), into a file written by this thread, or none. */
function openOutput(o: RunJobOptions, onWaited: (millis: number) => void): RunOutput | null {
  if (o.outRing !== undefined) {
    return { writer: new OutputWriter(new RingWriter(o.outRing, { onWaited }), () => 'the output could not be written'), pump: null }
  }
  if (o.out === null) return null
  const ring = createOutputRing(1 << 18)
  const pump = new OutputPump(ring, OutputFile.open(o.out))
  return { writer: new OutputWriter(new RingWriter(ring, { drainInline: () => pump.drain() }), () => pump.failureMessage()), pump }
}

/** A failed run keeps the output written so far (OUT.partial) and says where, in the error's message. */
async function keepOutputOnFailure(e: unknown, output: RunOutput | null): Promise<unknown> {
  const pump = output?.pump
  if (pump != null && !pump.finished) {
    const kept = await pump.finish(false)
    if (e instanceof Error) e.message = withKeptOutput(e.message, pump.file, kept.partial)
  }
  return e
}
