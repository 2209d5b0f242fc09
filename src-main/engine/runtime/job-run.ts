// One run of a job over a recording: builds the graph, opens the keyed operators on a backend, and
// drives the steps, pulling input batches from the reader. Errors come out as RiffleErrors that name the
// job line and the input record.
import type { ProcessingTimeMode } from '../../common/views'
import type { RecordingItem, RecordingReader } from '../../replay/recording-types'
import type { JobErrorMapper } from '../../sandbox/job-errors'
import { HB_CLOSING, HB_LINE, HB_STEP } from '../../sandbox/gate'
import { RecordingError } from '../../replay/recording-error'
import type { JobMain } from '../../sandbox/load-job'
import type { JobClock } from '../../sandbox/job-globals'
import type { CallSiteLocator } from '../observe/call-site'
import type { LineProbe } from '../observe/line-probe'
import type { StateBackend, TableStreamSource } from '../state/backend'
import type { TtlTimeProvider } from '../state/state-context'
import { Driver, NEED_INPUT, type StepOutcome } from './driver'
import { inputView } from './input-view'
import { buildGraph, type JobGraph } from './graph-builder'
import { graphFields, type JobFields } from './job-fields'
import type { KeyedProcessNode } from './keyed-process-node'
import { nextPass, RunContext } from './run-context'
import { ObserverHub } from '../observe/observer-hub'
import type { RunObserver } from '../observe/run-observer'
import { BackgroundTtlSweep } from './background-ttl-sweep'
import { keyedStreamNames, restoreKeyedState, restoreNodes, restoreTables, snapshotNodes, type KeyedStateSource, type ReaderPosition, type RestorableSnapshot, type RunSnapshot, type TableSources } from './run-snapshot'
import type { StreamSource } from '../state/savepoint'
import { RiffleError } from '../../common/errors'
import type { KeyGroupShare } from './key-group'
import { checkSplittable } from './splittable'
import { BatchSpan, PROGRESS_EVERY_STEPS, type RunProgress } from './run-progress'
import { inputText } from '../../common/input-text'

/** How much of a record an error or a bad-line entry shows: 300 characters, then "…". */
const INPUT_SHOWN = 301

/** Where the job's result records go: the returned stream (tag null) and its operator's side outputs. */
export type JobSink = (tag: string | null, value: unknown, timestamp: number | null) => void

export interface JobRunOptions {
  main: JobMain
  mapper: JobErrorMapper
  /** Which of the job file's lines run, for any line (absent: only call sites' lines are known). */
  lines?: LineProbe
  /** The job's Date/Math/performance (sandbox/job-globals.ts): the run answers them with its simulated time. */
  clock?: JobClock
  backend: StateBackend
  reader: RecordingReader
  /** Reopens the recording at a saved position (for restore). */
  reopenReader?: (start: ReaderPosition) => Promise<RecordingReader>
  processingTime: ProcessingTimeMode
  drainProcessingTimers: boolean
  /** Receives the job's result records (the returned stream, and its operator's side outputs). */
  jobSink?: JobSink
  /**
   * True to let observers watch the run (JobRun.observe: the debugger). False or absent: the run has no
   * observer hub, its state handles and timer services are not decorated, and it pays nothing for it.
   */
  observable?: boolean
  /** Process only these key groups (one subtask of `riffle run --parallelism N`); all when absent. */
  keyGroups?: KeyGroupShare
  /**
   * Sweep expired state out of backends that support it (LevelDB) at flush points. On in the CLI and
   * the app; off by default so storage-level comparisons (heap vs LevelDB dumps) see the same entries.
   */
  backgroundTtlSweep?: boolean
  batchSize?: number
  /**
   * Told of each input batch before its first step (LoadedJob.onInput): a job in another language converts
   * the batch's records in one call instead of one per record. It must not run user code. `watched` is
   * `observable`: while no debugger can watch, a job may compute pure functions of the records ahead (a step
   * would not show it, nor could a breakpoint hit in it).
   */
  onInput?: (items: readonly RecordingItem[], watched: boolean) => void
  /**
   * The job's own end-of-run calls, after the keyed operators' close() (LoadedJob.onClose): a Python job's
   * functions that no keyed operator closes. User code: it runs as close(), through the gate.
   */
  onClose?: () => void
  /** The job's own fields as time travel keeps them, when the job's language keeps them itself (LoadedJob.fields). */
  fields?: () => JobFields
}

export class JobRun {
  readonly rc: RunContext
  readonly graph: JobGraph
  readonly driver: Driver
  private closed = false
  /** Background TTL cleanup where the backend has it (LevelDB), at flush points. */
  readonly sweep: BackgroundTtlSweep
  private failure: unknown = null
  private fields_: JobFields | null = null
  private reader_: RecordingReader
  /** Reader position at the start of the batch the driver is consuming. */
  private batchStart: ReaderPosition = { line: 0, byteOffset: 0, items: 0 }
  /** Where in the file the batch being consumed lies, for progress by records processed. */
  private readonly span = new BatchSpan()

  private constructor(private readonly o: JobRunOptions) {
    this.rc = new RunContext(o.observable === true ? new ObserverHub() : null)
    if (o.clock !== undefined) {
      const rc = this.rc
      const hub = rc.observer
      o.clock.now = () => rc.processingTime
      o.clock.step = () => rc.step
      o.clock.pass = () => rc.pass
      // Told of reads: the observers (a trace) and the findings, whichever the run has now.
      o.clock.onRead = (read, value) => {
        if (hub !== null) hub.onClockRead(read, value)
        if (rc.findings !== null) rc.findings.clockRead(read)
      }
    }
    this.reader_ = o.reader
    this.graph = this.guard(() => buildGraph(this.rc, o.main))
    if (o.keyGroups !== undefined) {
      checkSplittable(this.graph)
      this.rc.keyGroups = o.keyGroups
    }
    if (o.jobSink) this.graph.result.jobSink = o.jobSink
    this.sweep = new BackgroundTtlSweep(o.backend, this.graph.keyedOps, this.rc)
    this.driver = new Driver(this.rc, this.graph, {
      processingTime: o.processingTime,
      drainProcessingTimers: o.drainProcessingTimers,
      // A record whose assigned timestamp is out of range is a bad line of the recording (recordings/README.md, bad lines).
      badRecord: (item, reason) => this.reader_.badRecord(item.origin.line, reason, inputText(inputView(item), INPUT_SHOWN)),
    })
  }

  static create(o: JobRunOptions): JobRun {
    const run = new JobRun(o)
    run.guard(() => {
      for (const op of run.graph.keyedOps) op.open(o.backend, run.ttlClockFor(op))
    })
    return run
  }

  get keyedOps(): KeyedProcessNode[] { return this.graph.keyedOps }
  /** The job's own fields (job-fields.ts), for time travel's snapshots; made on first use: a plain run never asks. */
  get fields(): JobFields { return (this.fields_ ??= this.o.fields?.() ?? graphFields(this.graph)) }

  /** Where in the job's source the job is (asked inside hooks: trace entries, findings, line breakpoints). */
  get callSites(): CallSiteLocator { return this.o.mapper }

  /** The clock the job's Date/Math/performance read (debugger expressions read it too), or null when it has none. */
  get clock(): JobClock | null { return this.o.clock ?? null }

  /** Which of the job file's lines run (a step's lines, line breakpoints), or null when the runtime cannot tell. */
  get lines(): LineProbe | null { return this.o.lines ?? null }

  /** Adds an observer of this run's steps and of the job's calls; returns the function that removes it. */
  observe(observer: RunObserver): () => void {
    const hub = this.rc.observer
    if (hub === null) throw new RiffleError('INTERNAL', 'this run was created without observation (JobRunOptions.observable)')
    return hub.add(observer)
  }
  get finished(): boolean { return this.driver.finished }
  get reader(): RecordingReader { return this.reader_ }
  get backend(): StateBackend { return this.o.backend }

  /** One step (a record, a control line or a timer firing). */
  async step(): Promise<StepOutcome> {
    // After a failed step the run is half-way through a delivery (stepping on would skip the rest): stopped until a restore.
    if (this.failure !== null) throw this.failure
    try {
      for (;;) {
        const r = this.stepHeld(true)
        if (r !== NEED_INPUT) {
          if (this.o.backend.needsFlush?.() === true) {
            await this.o.backend.flush()
            if (this.o.backgroundTtlSweep === true) await this.sweep.run()
          }
          return r
        }
        await this.supplyNext()
      }
    } catch (e) {
      this.failure = e
      throw e
    }
  }

  /** One step from the input the driver holds (NEED_INPUT: none), as every step (time travel's fast ones too) is taken:
   *  the watchdog reads which one hung, and a throw is the job's error (its line, the record or timer). */
  stepHeld(resume = false): StepOutcome | typeof NEED_INPUT {
    this.rc.gate.heartbeat[HB_STEP] = this.rc.step + 1
    return this.guard(() => { if (resume) this.driver.resume(); return this.driver.stepSync() })
  }

  get failed(): unknown { return this.failure } // the error that stopped the run, or null (cleared by restore)
  private async supplyNext(): Promise<void> {
    const start = this.reader_.position() // batchStart moves with the batch (supply): a read that fails keeps the batch consumed
    this.supply(await this.span.read(this.reader_, this.o.batchSize), start)
  }

  /** Records processed so far and the file's bytes up to the last of them (the CLI's progress line). */
  progress(): RunProgress {
    return { records: this.driver.recordsIn, ...this.span.bytesAt(this.driver.consumedInBatch()), totalFileBytes: this.reader_.progress().totalFileBytes }
  }

  private supply(batch: RecordingItem[], start: ReaderPosition): void {
    this.batchStart = start
    this.o.onInput?.(batch, this.o.observable === true)
    this.driver.supply(batch)
  }

  /**
   * A snapshot of the whole run, between any two steps: a record whose timestamp made processing-time
   * timers due may still be in flight (Driver.snapshot keeps it). keyedState false leaves out the state
   * tables, timers and key registries (time travel's heap snapshots keep those themselves); tables false
   * leaves out only the tables (savepointParts streams them); streamKeyed marks keys and timers as kept
   * in savepoint streams and leaves them out too.
   */
  async snapshot(opts: { forSavepoint?: boolean; keyedState?: boolean; tables?: boolean; streamKeyed?: boolean } = {}): Promise<RunSnapshot> {
    const keyedState = opts.keyedState !== false
    await this.o.backend.flush()
    let tables = keyedState && opts.tables !== false ? await this.o.backend.dump() : []
    // CL2: cleanupFullSnapshot drops expired entries from savepoints (the live state keeps them).
    if (opts.forSavepoint) for (const op of this.graph.keyedOps) tables = op.state.filterForFullSnapshot(tables)
    return {
      format: 'riffle-run-snapshot',
      version: 1,
      step: this.rc.step,
      driver: this.driver.snapshot(),
      reader: { batchStart: this.batchStart, consumed: this.driver.consumedInBatch() },
      nodes: snapshotNodes(this.graph.nodes, keyedState, opts.streamKeyed === true),
      tables,
    }
  }

  /**
   * What a savepoint writes: the run snapshot without its tables, and the tables streamed from the
   * backend where it can (LevelDB), with CL2's cleanupFullSnapshot applied entry by entry. The run must
   * not step until the tables were consumed.
   */
  async savepointParts(): Promise<{ snapshot: Omit<RunSnapshot, 'tables'>; tables: TableSources; streams: StreamSource[] }> {
    const backend = this.o.backend
    // Keys and timers go to streams of their own (one value per line), not into the snapshot's JSON.
    const streams: StreamSource[] = []
    for (const op of this.graph.keyedOps) {
      const names = keyedStreamNames(op.id)
      streams.push({ name: names.keys, items: op.keys.dumpStream() })
      streams.push({ name: names.eventTimers, items: op.eventTimers.dumpStream() })
      streams.push({ name: names.processingTimers, items: op.processingTimers.dumpStream() })
    }
    const streamTables = backend.streamTables?.bind(backend)
    const { tables: dumped, ...snapshot } = await this.snapshot({ forSavepoint: true, tables: streamTables === undefined, streamKeyed: true })
    if (streamTables === undefined) return { snapshot, tables: dumped, streams }
    let tables: AsyncIterable<TableStreamSource> = streamTables()
    for (const op of this.graph.keyedOps) tables = op.state.filterStreamForFullSnapshot(tables)
    return { snapshot, tables, streams }
  }

  /**
   * Replaces this run's state with the snapshot's and repositions the reader. keyedState false leaves
   * the state tables, timers and key registries to the caller (time travel restores them itself).
   */
  async restore(s: RestorableSnapshot, opts: { keyedState?: boolean; streams?: KeyedStateSource } = {}): Promise<void> {
    const keyedState = opts.keyedState !== false
    if (s?.format !== 'riffle-run-snapshot' || s.version !== 1) {
      throw new RiffleError('SAVEPOINT_INVALID', 'not a Riffle run snapshot (format/version mismatch)')
    }
    if (this.o.reopenReader === undefined) throw new Error('internal: this run cannot reopen its recording')
    this.failure = null
    restoreNodes(this.graph.nodes, s.nodes)
    if (keyedState) {
      const backend = this.o.backend
      const maybeFlush = backend.needsFlush === undefined ? undefined : () => (backend.needsFlush!() ? backend.flush() : null)
      await restoreKeyedState(this.graph.nodes, s.nodes, maybeFlush, opts.streams)
      await restoreTables(backend, s.tables)
    }
    // CL3 cursors where the snapshot found them (read lazily, so after whatever restores the tables).
    for (const op of this.graph.keyedOps) op.state.restoreCleanupPositions(s.nodes.find((n) => n.id === op.id)?.keyed?.cleanup)
    this.rc.currentItem = null
    this.rc.currentTimer = null
    this.driver.restore(s.driver)
    this.rc.step = s.step
    this.rc.pass = nextPass() // the steps from here draw afresh, as they did the first time (job-globals.ts)
    this.sweep.countedAtStep = null // a sweep's count from elsewhere on the run says nothing about this step
    await this.reader_.close()
    this.reader_ = await this.o.reopenReader(s.reader.batchStart)
    this.batchStart = s.reader.batchStart
    // Re-read and drop what was consumed; batch boundaries may differ from the first read.
    let toSkip = s.reader.consumed
    while (toSkip > 0) {
      const start = this.reader_.position()
      const batch = await this.span.read(this.reader_, this.o.batchSize)
      if (batch.length === 0) throw new RiffleError('SAVEPOINT_INVALID', 'the recording is shorter than the snapshot says: it changed since')
      if (batch.length <= toSkip) { toSkip -= batch.length; continue }
      this.supply(batch, start)
      this.driver.skip(toSkip)
      toSkip = 0
    }
  }

  /**
   * Runs to the end of input as fast as it can. onProgress (may read progress()) is called between input
   * batches and every PROGRESS_EVERY_STEPS steps, so that a slow job's progress moves within a batch.
   */
  async runToEnd(onProgress?: () => void, stopAfterRecords = Infinity): Promise<void> {
    const d = this.driver
    const backend = this.o.backend
    // LevelDB keeps writes in a bounded write-back buffer: leave the synchronous loop to flush it.
    const needsFlush = backend.needsFlush === undefined ? null : () => backend.needsFlush!()
    const FLUSH = 'flush' as const
    const STOP = 'stop' as const
    const tick = onProgress ?? null
    for (;;) {
      const r = this.guard(() => {
        d.resume()
        // A counter compare per step is all the hot loop pays for progress.
        let untilTick = PROGRESS_EVERY_STEPS
        for (;;) {
          // --stop-after: once that many records were processed and none is half-delivered; before the step, so 0 stops at once.
          if (d.recordsIn >= stopAfterRecords && d.isQuiescent()) return STOP
          const s = d.stepSync()
          if (s === NEED_INPUT || s.kind === 'end') return s
          if (needsFlush !== null && needsFlush()) return FLUSH
          if (--untilTick === 0) {
            untilTick = PROGRESS_EVERY_STEPS
            if (tick !== null) tick()
          }
        }
      })
      if (r === FLUSH) {
        await backend.flush()
        if (this.o.backgroundTtlSweep === true) await this.sweep.run()
        continue
      }
      if (r !== NEED_INPUT) return
      if (tick !== null) tick()
      await this.supplyNext()
    }
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    // close() processes no record: an error or the watchdog says "at the end of the run", not the last record's line.
    this.rc.currentItem = null
    this.rc.currentTimer = null
    this.rc.gate.heartbeat[HB_LINE] = HB_CLOSING
    try {
      this.guard(() => {
        for (const op of this.graph.keyedOps) if (op.opened) op.close()
        if (this.o.onClose !== undefined) this.rc.gate.call1('close', this.o.onClose, undefined, undefined)
      }, '\n  at the end of the run (close)')
    } finally {
      await this.reader_.close()
    }
  }

  pendingTimers(): number {
    let n = 0
    for (const op of this.graph.keyedOps) n += op.pendingTimers()
    return n
  }

  keyCount(): number {
    let n = 0
    for (const op of this.graph.keyedOps) n += op.keys.size
    return n
  }

  /** The watermark of the last keyed operator (what the job's output has seen). */
  watermark(): number {
    const ops = this.graph.keyedOps
    return ops.length > 0 ? ops[ops.length - 1].inputWatermark : this.graph.result.watermark
  }

  /** TTL's clock (docs/job-api.md): processing time, or for EventTime TTL the record's timestamp and the watermark. */
  private ttlClockFor(op: KeyedProcessNode): { processing: TtlTimeProvider; event: TtlTimeProvider } {
    const rc = this.rc
    return {
      processing: { stampTime: () => rc.processingTime, now: () => rc.processingTime },
      event: { stampTime: () => op.currentTimestamp ?? op.inputWatermark, now: () => op.inputWatermark },
    }
  }

  private guard<T>(f: () => T, context = ''): T {
    try {
      return f()
    } catch (e) {
      if (e instanceof RecordingError) throw e // a bad line: the recording's file and line, not the job's
      const err = this.o.mapper.toJobError(e)
      if (context !== '' && err.code !== 'INTERNAL') err.message += context
      const item = this.rc.currentItem
      if (item !== null && err.input === undefined && err.code !== 'INTERNAL') {
        const input = inputView(item)
        const timer = this.rc.currentTimer
        if (timer !== null) {
          // onTimer threw: the timer firing is what was processed; the input before it only made it due.
          err.input = { line: input.line, value: input.value, text: input.text, timer }
          err.message += `\n  while firing the ${timer.domain} timer at ${timer.timestamp} for key ${timer.keyStr}, after ${this.reader_.path}:${input.line}`
        } else {
          err.input = { line: input.line, value: input.value, text: input.text }
          err.message += `\n  while processing ${this.reader_.path}:${input.line}: ${inputText(input, INPUT_SHOWN)}`
        }
      }
      throw err
    }
  }
}
