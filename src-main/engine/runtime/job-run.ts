// One run of a job over a recording: builds the graph, opens the keyed operators on a backend, and
// drives the steps, pulling input batches from the reader. Errors come out as JobErrors that name the
// job line and the input record.
import type { ProcessingTimeMode } from '../../common/views'
import type { RecordingReader } from '../../replay/recording-reader'
import { JobError, type JobSourceMapper } from '../../sandbox/job-errors'
import type { JobMain } from '../../sandbox/load-job'
import type { StateBackend } from '../state/backend'
import type { StateChangeTracker } from '../state/operator-state'
import type { TtlTimeProvider } from '../state/state-context'
import { Driver, NEED_INPUT, type StepOutcome } from './driver'
import { buildGraph, type JobGraph } from './graph-builder'
import type { KeyedProcessNode } from './keyed-process-node'
import { RunContext } from './run-context'

export interface JobRunOptions {
  main: JobMain
  mapper: JobSourceMapper
  backend: StateBackend
  reader: RecordingReader
  processingTime: ProcessingTimeMode
  drainProcessingTimers: boolean
  /** Receives the job's result records (the returned stream, and its operator's side outputs). */
  jobSink?: (tag: string | null, value: unknown, timestamp: number | null) => void
  tracker?: StateChangeTracker | null
  batchSize?: number
}

export class JobRun {
  readonly rc = new RunContext()
  readonly graph: JobGraph
  readonly driver: Driver
  private closed = false

  private constructor(private readonly o: JobRunOptions) {
    this.graph = this.guard(() => buildGraph(this.rc, o.main))
    if (o.jobSink) this.graph.result.jobSink = o.jobSink
    this.driver = new Driver(this.rc, this.graph, { processingTime: o.processingTime, drainProcessingTimers: o.drainProcessingTimers })
  }

  static create(o: JobRunOptions): JobRun {
    const run = new JobRun(o)
    run.guard(() => {
      for (const op of run.graph.keyedOps) op.open(o.backend, run.ttlClockFor(op), o.tracker ?? null)
    })
    return run
  }

  get keyedOps(): KeyedProcessNode[] { return this.graph.keyedOps }
  get finished(): boolean { return this.driver.finished }
  get reader(): RecordingReader { return this.o.reader }
  get backend(): StateBackend { return this.o.backend }

  /** One step (a record, a control line or a timer firing). */
  async step(): Promise<StepOutcome> {
    for (;;) {
      const r = this.guard(() => this.driver.stepSync())
      if (r !== NEED_INPUT) return r
      this.driver.supply(await this.o.reader.nextBatch(this.o.batchSize))
    }
  }

  /** Runs to the end of input as fast as it can; onBatch is called between input batches. */
  async runToEnd(onBatch?: () => void | Promise<void>): Promise<void> {
    const d = this.driver
    for (;;) {
      const r = this.guard(() => {
        for (;;) {
          const s = d.stepSync()
          if (s === NEED_INPUT || s.kind === 'end') return s
        }
      })
      if (r !== NEED_INPUT) return
      if (onBatch) await onBatch()
      d.supply(await this.o.reader.nextBatch(this.o.batchSize))
    }
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    try {
      this.guard(() => { for (const op of this.graph.keyedOps) if (op.opened) op.close() })
    } finally {
      await this.o.reader.close()
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

  /** TTL's clock (API.md): processing time, or for EventTime TTL the record's timestamp and the watermark. */
  private ttlClockFor(op: KeyedProcessNode): { processing: TtlTimeProvider; event: TtlTimeProvider } {
    const rc = this.rc
    return {
      processing: { stampTime: () => rc.processingTime, now: () => rc.processingTime },
      event: { stampTime: () => op.currentTimestamp ?? op.inputWatermark, now: () => op.inputWatermark },
    }
  }

  private guard<T>(f: () => T): T {
    try {
      return f()
    } catch (e) {
      const err = this.o.mapper.toJobError(e)
      const input = this.rc.currentInput
      if (input !== null && err.input === undefined && err.code !== 'INTERNAL') {
        err.input = { line: input.line, value: input.value }
        err.message += `\n  while processing ${describeInput(this.o.reader.path, input.line, input.value)}`
      }
      throw err
    }
  }
}

function describeInput(path: string, line: number, value: unknown): string {
  let s = JSON.stringify(value) ?? String(value)
  if (s.length > 300) s = `${s.slice(0, 300)}…`
  return `${path}:${line}: ${s}`
}

export { JobError }
