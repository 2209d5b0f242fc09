// The JavaScript half of the bridge to a Python job (the other half is python/_riffle.py): engine values to
// Python and back as JSON, the engine's calls into Python's functions, and Python exceptions turned into errors
// that name the job's line. One bridge per Pyodide runtime.
import type { PyProxy } from 'pyodide/ffi'
import type { AggregateFunction, ReduceFunction } from '../../engine/api/descriptors'
import { KeyedProcessFunction, TimeDomain, type Collector, type OnTimerContext, type OutputTag, type RuntimeContext } from '../../engine/api/functions'
import { RiffleError } from '../../common/errors'
import { EngineAbort, UserCodeError } from '../gate'
import type { JobPosition } from '../job-errors'
import type { RecordingItem } from '../../replay/recording-types'
import { listAdapter, mapAdapter, mergingAdapter, valueAdapter } from './python-state'

type PyCall = (...args: unknown[]) => unknown

/** An exception raised by the job's Python code (or by the engine for a call it made), at its job line. */
export class PythonJobError extends Error {
  constructor(name: string, message: string, readonly where: JobPosition | undefined) {
    super(message)
    this.name = name
  }
}

/** What python/_riffle.py's RiffleOperator exposes to the engine (guarded proxies). */
interface PyOperator { open: PyCall; bind: PyCall; process: PyCall; on_timer: PyCall; close: PyCall }

export class PythonBridge {
  jobPath = ''
  /** The error python/_riffle.py reported for the exception now leaving Python. */
  private pending: Error | null = null
  // The record a step is carrying, sent to Python once for all the functions it passes (assigner, key, process):
  // _riffle.record_proxy keeps the last one decoded, so the same object again crosses as null.
  private lastRecord: object | null = null
  // The current input batch (onInput): its records go to Python as one JSON array, decoded in one call, when the
  // first of them crosses; each then crosses as its index. A string argument costs Pyodide microseconds, a
  // number a fraction of one, and one json decoding of the batch far less than one per record.
  private batchIndex = new Map<object, number>()
  private batchValues: unknown[] = []
  private batchSent = true
  /** _riffle.batch: set once the Python half is installed. */
  sendBatch: ((text: string) => void) | null = null

  readonly valueAdapter = valueAdapter
  readonly listAdapter = listAdapter
  readonly mapAdapter = mapAdapter
  readonly mergingAdapter = mergingAdapter

  readonly parse = (s: string): unknown => JSON.parse(s)
  readonly stringify = (v: unknown): string => JSON.stringify(v)
  readonly jsonOf = (it: Iterable<unknown>): string => JSON.stringify(Array.from(it))

  readonly warn = (message: string, line: number): void => {
    process.stderr.write(`warning: ${this.jobPath}${line > 0 ? `:${line}` : ''}: ${message}\n`)
  }

  readonly pyError = (type: string, message: string, line: number, column: number): void => {
    // The watchdog's interrupt (pyodide-runtime.ts): not the job's error but a stop, at the line the loop was on.
    if (type === 'KeyboardInterrupt') {
      this.pending = new EngineAbort('JOB_TIMEOUT', 'the watchdog interrupted the job', undefined, this.where(line, column))
      return
    }
    this.pending = new PythonJobError(type, message, this.where(line, column))
  }

  /** A JS error that crossed Python: the engine's own (stop, disk) pass as they are; a misuse names the job line. */
  readonly jsError = (err: unknown, line: number, column: number): void => {
    if (err instanceof PythonJobError || err instanceof UserCodeError || err instanceof EngineAbort || err instanceof RiffleError) this.pending = err
    else if (err instanceof Error) this.pending = new PythonJobError(err.name, err.message, this.where(line, column))
    else this.pending = new PythonJobError('Error', String(err), this.where(line, column))
  }

  /** The error to throw for `e` caught from a call into Python. */
  take(e: unknown): unknown {
    const p = this.pending
    this.pending = null
    return p ?? e
  }

  /** Told of each input batch before its steps (LoadedJob.onInput). Runs no user code: the debugger's steps stay as they are. */
  readonly onInput = (items: readonly RecordingItem[]): void => {
    const index = new Map<object, number>()
    const values: unknown[] = []
    for (const item of items) {
      if (item.kind === 'record' && typeof item.value === 'object' && item.value !== null) {
        index.set(item.value, values.length)
        values.push(item.value)
      }
    }
    this.batchIndex = index
    this.batchValues = values
    this.batchSent = false
  }

  /**
   * The record for _riffle.record_proxy: null when Python decoded this very object last, its index in the input
   * batch the first time it crosses, else JSON text (decoded afresh, as a record that is not the input's).
   */
  recordText(v: unknown): string | number | null {
    if (typeof v === 'object' && v !== null) {
      if (v === this.lastRecord) return null
      this.lastRecord = v
      const i = this.batchIndex.get(v)
      if (i !== undefined && this.sendBatch !== null) {
        // Once only: the same object crossing again after another is decoded afresh, as before batches.
        this.batchIndex.delete(v)
        if (!this.batchSent) {
          this.batchSent = true
          this.sendBatch(JSON.stringify(this.batchValues))
        }
        return i
      }
    } else {
      this.lastRecord = null
    }
    return JSON.stringify(v) ?? 'null'
  }

  /** Outputs of one keyed operator: primitives as they are, anything else as JSON text. */
  readonly emitter = (ctx: OnTimerContext<unknown>, out: Collector<unknown>): object => ({
    collect: (v: unknown): void => out.collect(v ?? null), // None arrives as undefined
    collectJson: (s: string): void => out.collect(JSON.parse(s)),
    outputJson: (tag: OutputTag<unknown>, s: string): void => ctx.output(tag, JSON.parse(s)),
  })

  readonly recordFunction = (fn: PyCall) => (v: unknown): unknown => {
    try {
      return fn(this.recordText(v)) ?? null // None arrives as undefined
    } catch (e) {
      throw this.take(e)
    }
  }

  readonly assignerFunction = (fn: PyCall) => (v: unknown, previous: number): unknown => {
    try {
      return fn(this.recordText(v), previous) ?? null
    } catch (e) {
      throw this.take(e)
    }
  }

  readonly pyFunction = (fn: PyCall): ReduceFunction<unknown> => (a: unknown, b: unknown): unknown => {
    try {
      return fn(a, b) ?? null
    } catch (e) {
      throw this.take(e)
    }
  }

  readonly pyAggregate = (create: PyCall, add: PyCall, result: PyCall, merge: PyCall | undefined): AggregateFunction<unknown, unknown, unknown> => {
    const call = (f: PyCall, ...args: unknown[]): unknown => {
      try {
        return f(...args) ?? null
      } catch (e) {
        throw this.take(e)
      }
    }
    return {
      createAccumulator: () => call(create),
      add: (v, acc) => call(add, v, acc),
      getResult: (acc) => call(result, acc),
      ...(merge === undefined ? {} : { merge: (a: unknown, b: unknown) => call(merge, a, b) }),
    }
  }

  readonly keyedFunction = (op: PyProxy): KeyedProcessFunction<unknown, unknown, unknown> =>
    // A copy: the argument proxy (and attributes borrowed from it) dies when this call returns.
    new PythonKeyedFunction(op.copy() as unknown as PyOperator, this)

  private where(line: number, column: number): JobPosition | undefined {
    return line > 0 ? { file: this.jobPath, line, column: column > 0 ? column : 1 } : undefined
  }
}

/** A Python KeyedProcessFunction as the engine's keyed operator calls it. */
class PythonKeyedFunction extends KeyedProcessFunction<unknown, unknown, unknown> {
  private bound: unknown = null
  private readonly pyOpen: PyCall
  private readonly pyBind: PyCall
  private readonly pyProcess: PyCall
  private readonly pyTimer: PyCall
  private readonly pyClose: PyCall

  constructor(op: PyOperator, private readonly b: PythonBridge) {
    super()
    this.pyOpen = op.open
    this.pyBind = op.bind
    this.pyProcess = op.process
    this.pyTimer = op.on_timer
    this.pyClose = op.close
  }

  open(ctx: RuntimeContext): void {
    try {
      this.pyOpen(ctx)
    } catch (e) {
      throw this.b.take(e)
    }
  }

  processElement(value: unknown, ctx: OnTimerContext<unknown>, out: Collector<unknown>): void {
    try {
      // The operator's context and collector are the same objects on every call: handed to Python once.
      if (this.bound !== ctx) { this.pyBind(ctx, out); this.bound = ctx }
      this.pyProcess(this.b.recordText(value))
    } catch (e) {
      throw this.b.take(e)
    }
  }

  onTimer(timestamp: number, ctx: OnTimerContext<unknown>, out: Collector<unknown>): void {
    try {
      if (this.bound !== ctx) { this.pyBind(ctx, out); this.bound = ctx }
      this.pyTimer(timestamp, ctx.timeDomain() === TimeDomain.EVENT_TIME)
    } catch (e) {
      throw this.b.take(e)
    }
  }

  close(): void {
    try {
      this.pyClose()
    } catch (e) {
      throw this.b.take(e)
    }
  }
}
