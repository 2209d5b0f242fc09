// The step machine that drives a run: reads the recording, pushes each input through the stateless
// prefix of the graph, advances processing time, fires timers one at a time and delivers records to
// keyed operators. A step is one input record (or control line) or one timer firing, so a debugger
// can stop between any two (docs/job-api.md "Time in a replay").
import type { ProcessingTimeMode } from '../../common/views'
import { TimeDomain } from '../api/functions'
import { MAX_TIMESTAMP } from '../api/time'
import type { RecordingItem } from '../../replay/recording-reader'
import type { Timer } from '../time/timer-queue'
import { HB_LINE } from '../../sandbox/gate'
import { ExchangeQueue, type QueuedItemDump } from './exchange-queue'
import { BadRecordError } from './bad-record'
import type { JobGraph } from './graph-builder'
import type { KeyedProcessNode } from './keyed-process-node'
import type { RunContext } from './run-context'
import { RiffleError } from '../../common/errors'
import { isQuiet } from './skipped-records'

export type StepOutcome =
  | { kind: 'record'; item: RecordingItem }
  | { kind: 'watermark'; item: RecordingItem }
  | { kind: 'processingTime'; item: RecordingItem }
  | { kind: 'timer'; op: KeyedProcessNode; timer: Timer; domain: TimeDomain }
  | { kind: 'end' }

/** Returned by stepSync when it needs the next batch of input before it can continue. */
export const NEED_INPUT = 'need-input' as const

export interface DriverOptions {
  processingTime: ProcessingTimeMode
  drainProcessingTimers: boolean
  /** A record found bad while it entered the job (BadRecordError): returns to skip it, or throws. */
  badRecord?: (item: RecordingItem, reason: string) => void
}

export interface DriverState {
  inputEnded: boolean
  endWatermarkSent: boolean
  finished: boolean
  recordsIn: number
  processingTime: number
  /**
   * A record taken but not yet delivered: processing-time timers its timestamp made due fire first, as
   * steps of their own, and a debugger may snapshot between them. Absent when nothing is in flight.
   */
  inFlight?: { input: RecordingItem; inbox: QueuedItemDump[]; between: QueuedItemDump[]; timerFiredSinceTake: boolean }
}

export class Driver {
  /** Records and watermarks the current input produced for the first keyed operators. */
  private readonly inbox = new ExchangeQueue()
  /** Traffic between keyed operators. */
  private readonly between: ExchangeQueue
  private batch: RecordingItem[] = []
  private batchPos = 0
  private pendingInput: RecordingItem | null = null
  private timerFiredSinceTake = false
  /** Steps still owed to the records of a 'skipped' item after its first (they do nothing else). */
  private skippedSteps = 0
  inputEnded = false
  endWatermarkSent = false
  finished = false
  recordsIn = 0

  constructor(private readonly rc: RunContext, private readonly graph: JobGraph, private readonly opts: DriverOptions) {
    this.between = rc.queue
  }

  /** Gives the driver the next batch from the reader; an empty batch means end of input. */
  supply(items: RecordingItem[]): void {
    if (items.length === 0) this.inputEnded = true
    this.batch = items
    this.batchPos = 0
  }

  needsInput(): boolean {
    return !this.inputEnded && this.batchPos >= this.batch.length
  }

  /** Tells the watchdog this run's line again: a shared thread may have stepped other subtasks while it awaited. */
  resume(): void {
    if (this.rc.currentItem !== null) this.rc.gate.heartbeat[HB_LINE] = this.rc.currentItem.origin.line
  }

  /** One step, or NEED_INPUT when the driver must be supplied first. After 'end', keeps returning 'end'. */
  stepSync(): StepOutcome | typeof NEED_INPUT {
    const rc = this.rc
    const ops = this.graph.keyedOps
    for (;;) {
      if (this.finished) return { kind: 'end' }
      // 1. Processing-time timers that are due fire first, the earliest of any operator first (P1: in
      //    timestamp order, as one clock triggers them); ties go to the upstream operator.
      //    Not in the middle of an event-time advance, though: Flink runs a watermark's whole timer loop
      //    as one action, and a processing-time timer fires only after it (P2: never re-entrantly).
      let ptOp: KeyedProcessNode | null = null
      let ptTs = Infinity
      let advancing = false
      for (let i = 0; i < ops.length; i++) if (ops[i].hasDueEventTimer()) { advancing = true; break }
      for (let i = 0; i < ops.length && !advancing; i++) {
        const head = ops[i].processingTimers.peek()
        if (head !== undefined && head.timestamp <= rc.processingTime && head.timestamp < ptTs) { ptOp = ops[i]; ptTs = head.timestamp }
      }
      if (ptOp !== null) return this.fire(ptOp, TimeDomain.PROCESSING_TIME, rc.processingTime)
      // 2. Event-time timers due at each operator's watermark (E2, E3), then the watermark moves on (E5).
      let forwarded = false
      for (let i = 0; i < ops.length; i++) {
        const op = ops[i]
        if (op.hasDueEventTimer()) return this.fire(op, TimeDomain.EVENT_TIME, op.inputWatermark)
        if (op.forwardIfDone()) forwarded = true
      }
      if (forwarded) continue
      // 3. Deliveries waiting between keyed operators, then the current input's.
      if (this.between.length > 0) {
        this.drain(this.between)
        continue
      }
      if (this.inbox.length > 0) {
        if (this.timerFiredSinceTake) {
          // Timers made due by this record's timestamp fired first; the record is its own, later step.
          this.timerFiredSinceTake = false
          rc.step++
        }
        this.drain(this.inbox)
        // Blocked at a watermark with due timers, or a control line's watermark: fire them first.
        if (this.inbox.length > 0 || this.pendingInput === null) continue
      }
      if (this.pendingInput !== null) {
        // Let the watermark this record caused travel downstream as far as it can without firing a
        // timer, so the step shows it at every keyed stage (docs/job-api.md: a step shows the watermark its
        // record caused). No user code runs here: only watermark forwarding.
        this.settleWatermarks()
        const input = this.pendingInput
        this.pendingInput = null
        return { kind: 'record', item: input }
      }
      // 4. The next input item. Records of another subtask that raised no time took a step each.
      if (this.skippedSteps > 0) {
        rc.step += this.skippedSteps
        this.skippedSteps = 0
      }
      if (this.batchPos >= this.batch.length) {
        if (!this.inputEnded) return NEED_INPUT
        if (!this.endWatermarkSent) {
          // W7 / docs/job-api.md: end of input sends MAX, so every event-time timer fires.
          this.endWatermarkSent = true
          rc.endOfInput = true
          this.intoInbox()
          this.graph.source.processWatermark(MAX_TIMESTAMP)
          this.outOfInbox()
          continue
        }
        if (this.reopenEndAdvance()) continue
        if (this.opts.drainProcessingTimers && this.advanceToNextProcessingTimer()) continue
        this.finished = true
        return { kind: 'end' }
      }
      let item = this.batch[this.batchPos++]
      // Other subtasks' records that make no timer due leave nothing a later step could see but the time
      // they moved to: each is passed at once, in its steps, and the last of a run is taken as usual.
      while (item.kind === 'skipped' && this.batchPos < this.batch.length && this.batch[this.batchPos].kind === 'skipped' &&
        isQuiet(this.graph, rc, this.opts.processingTime, item)) {
        this.passQuietly(item)
        item = this.batch[this.batchPos++]
      }
      rc.step++
      const outcome = this.take(item)
      if (outcome !== null) return outcome
    }
  }

  private take(item: RecordingItem): StepOutcome | null {
    const rc = this.rc
    rc.currentItem = item
    rc.gate.heartbeat[HB_LINE] = item.origin.line
    if (item.kind === 'watermark') {
      // docs/job-api.md: control lines raise the watermark every operator sees; it never goes back.
      this.intoInbox()
      this.graph.source.processWatermark(item.watermark)
      this.outOfInbox()
      this.drain(this.inbox)
      return { kind: 'watermark', item }
    }
    if (item.kind === 'processingTime') {
      if (item.time > rc.processingTime) rc.processingTime = item.time
      return { kind: 'processingTime', item }
    }
    if (item.kind === 'skipped') return this.takeSkipped(item)
    this.recordsIn++
    const partition = item.origin.partition
    rc.currentPartition = partition === undefined || partition === null ? null : String(partition)
    rc.skippedTimestamp = null
    this.intoInbox()
    try {
      this.graph.source.processRecord(item.value, item.sourceTimestamp)
    } catch (e) {
      if (!(e instanceof BadRecordError) || this.opts.badRecord === undefined) throw e
      // A bad line after all: nothing of it goes on; skipped, it takes no step and counts as no record.
      this.outOfInbox()
      this.inbox.clear()
      this.opts.badRecord(item, e.reason)
      this.recordsIn--
      rc.step--
      rc.currentItem = null
      return null
    }
    this.outOfInbox()
    if (this.opts.processingTime === 'follow') {
      // docs/job-api.md: processing time follows the records; timers it makes due fire before the record is processed.
      // A record keyBy left to another subtask moves processing time as it does in a single run.
      const ts = this.firstRecordTimestamp() ?? rc.skippedTimestamp ?? item.sourceTimestamp
      if (ts !== null && ts > rc.processingTime) rc.processingTime = ts
    }
    this.pendingInput = item
    this.timerFiredSinceTake = false
    return null
  }

  /**
   * Records another subtask owns (`--parallelism N` with the reader routing lines): the first moves the
   * watermark and processing time as it would in one run, through the same nodes but without user code
   * (route-shape.ts: the prefix is plain property reads); the rest raise neither, each only takes a step.
   */
  private takeSkipped(item: RecordingItem & { kind: 'skipped' }): null {
    this.enterSkipped(item)
    this.skippedSteps = item.count - 1
    this.pendingInput = item
    this.timerFiredSinceTake = false
    return null
  }

  /** A skipped record that makes no timer due (isQuiet): its steps and its time, delivered at once. */
  private passQuietly(item: RecordingItem & { kind: 'skipped' }): void {
    this.enterSkipped(item)
    this.rc.step += item.count
    this.drain(this.inbox)
    this.settleWatermarks()
  }

  private enterSkipped(item: RecordingItem & { kind: 'skipped' }): void {
    const rc = this.rc
    this.recordsIn += item.count
    rc.currentPartition = null
    rc.skippedTimestamp = null
    this.intoInbox()
    this.graph.source.processSkipped(item.timestamp)
    this.outOfInbox()
    const ts = rc.skippedTimestamp
    if (this.opts.processingTime === 'follow' && ts !== null && ts > rc.processingTime) rc.processingTime = ts
  }

  private fire(op: KeyedProcessNode, domain: TimeDomain, now: number): StepOutcome {
    // The first timer that a just-taken record makes due uses the step number the take reserved, and
    // the record gets the next one when it is delivered, so step numbers have no gaps.
    if (this.pendingInput !== null && !this.timerFiredSinceTake) this.timerFiredSinceTake = true
    else this.rc.step++
    const timer = op.fireNext(domain, now)!
    this.drain(this.between)
    return { kind: 'timer', op, timer, domain }
  }

  /**
   * Forwards watermarks of operators whose due timers have all fired, and delivers the watermarks that
   * travel between keyed operators, until nothing moves or some operator has due timers (they fire
   * first, as their own steps after this one: E2, E5).
   */
  private settleWatermarks(): void {
    const ops = this.graph.keyedOps
    for (;;) {
      for (let i = 0; i < ops.length; i++) if (ops[i].hasDueEventTimer()) return
      let moved = false
      for (let i = 0; i < ops.length; i++) if (ops[i].forwardIfDone()) moved = true
      if (this.between.length > 0) {
        this.drain(this.between)
        moved = true
      }
      if (!moved) return
    }
  }

  /** Delivers queued items in order; stops at a watermark that makes timers due, so they fire first (E2). */
  private drain(q: ExchangeQueue): void {
    while (q.head < q.tail) {
      const i = q.head
      const op = q.ops[i]
      if (q.kinds[i] === 0) {
        const value = q.values[i]
        const ts = q.timestamps[i]
        const key = q.keys[i]
        const keyStr = q.keyStrs[i]
        q.advance()
        op.processElement(value, ts, key, keyStr)
        if (q !== this.between && this.between.length > 0) this.drain(this.between)
      } else {
        const w = q.watermarks[i]
        q.advance()
        op.receiveWatermark(w)
        if (op.hasDueEventTimer()) return
      }
    }
  }

  // While the source prefix runs, keyBy hands records to the inbox; otherwise to `between`.
  // (No try/finally: an exception ends the run, and restore() resets the queues.)
  private intoInbox(): void { this.rc.queue = this.inbox }
  private outOfInbox(): void { this.rc.queue = this.between }

  private firstRecordTimestamp(): number | null {
    return this.inbox.headRecordTimestamp()
  }

  /**
   * W7 / docs/job-api.md "every event-time timer fires": after the end-of-input watermark, an event-time timer
   * registered by a drained processing-time timer is due at MAX at once. There is no later watermark
   * to carry it (E6), so the finished MAX advance is reopened for it.
   */
  private reopenEndAdvance(): boolean {
    let reopened = false
    for (const op of this.graph.keyedOps) {
      if (op.inputWatermark === MAX_TIMESTAMP && !op.forwardPending && op.eventTimers.dueAt(MAX_TIMESTAMP)) {
        op.forwardPending = true
        reopened = true
      }
    }
    return reopened
  }

  /** --drain-processing-timers: after the input, move processing time to the next pending timer. */
  private advanceToNextProcessingTimer(): boolean {
    let next = Infinity
    for (const op of this.graph.keyedOps) {
      const t = op.processingTimers.peek()
      if (t !== undefined && t.timestamp < next) next = t.timestamp
    }
    if (next === Infinity) return false
    if (next > this.rc.processingTime) this.rc.processingTime = next
    return true
  }

  snapshot(): DriverState {
    const s: DriverState = { inputEnded: this.inputEnded, endWatermarkSent: this.endWatermarkSent, finished: this.finished, recordsIn: this.recordsIn, processingTime: this.rc.processingTime }
    if (!this.isQuiescent()) {
      if (this.pendingInput === null) throw new Error('internal: items in flight without an input record')
      s.inFlight = { input: this.pendingInput, inbox: this.inbox.dump(), between: this.between.dump(), timerFiredSinceTake: this.timerFiredSinceTake }
    }
    return s
  }

  restore(s: DriverState): void {
    this.timerFiredSinceTake = false
    this.inputEnded = s.inputEnded
    this.endWatermarkSent = s.endWatermarkSent
    this.rc.endOfInput = s.endWatermarkSent
    this.finished = s.finished
    this.recordsIn = s.recordsIn
    this.rc.processingTime = s.processingTime
    this.batch = []
    this.batchPos = 0
    this.pendingInput = null
    this.rc.queue = this.between
    this.inbox.clear()
    this.between.clear()
    if (s.inFlight !== undefined) {
      const byId = new Map(this.graph.keyedOps.map((o) => [o.id, o]))
      const opById = (id: string): KeyedProcessNode => {
        const op = byId.get(id)
        if (op === undefined) throw new RiffleError('SAVEPOINT_INVALID', `the snapshot has records in flight to an unknown operator "${id}"`)
        return op
      }
      this.inbox.load(s.inFlight.inbox, opById)
      this.between.load(s.inFlight.between, opById)
      this.pendingInput = s.inFlight.input
      this.timerFiredSinceTake = s.inFlight.timerFiredSinceTake
      this.rc.currentItem = s.inFlight.input
    }
  }

  /** True between steps when nothing is half-delivered, so a snapshot is consistent. */
  isQuiescent(): boolean {
    return this.inbox.length === 0 && this.between.length === 0 && this.pendingInput === null
  }

  consumedInBatch(): number { return this.batchPos }

  /** After a restore: drop the items of the re-read batch that were consumed before the snapshot. */
  skip(n: number): void {
    if (this.batch.length < n) throw new Error(`internal: cannot skip ${n} items of a batch of ${this.batch.length}`)
    this.batchPos = n
  }

  /** Items taken from the current batch but not yet consumed remain for the next step. */
  bufferedItems(): number { return this.batch.length - this.batchPos }
}
