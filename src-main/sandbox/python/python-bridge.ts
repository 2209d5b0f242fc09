// The JavaScript half of the bridge to a Python job (the other half is python/_riffle.py): engine values to
// Python and back as JSON, the engine's calls into Python's functions, and Python exceptions turned into errors
// that name the job's line. One bridge per Pyodide runtime.
import type { PyProxy } from 'pyodide/ffi'
import type { AggregateFunction, ReduceFunction } from '../../engine/api/descriptors'
import type { TypeInfo } from '../../engine/api/types'
import { KeyedProcessFunction, type Collector, type OnTimerContext, type OutputTag } from '../../engine/api/functions'
import { RiffleError } from '../../common/errors'
import { EngineAbort, UserCodeError } from '../gate'
import { watchdogInterrupted } from '../job-interrupt'
import type { JobPosition } from '../job-errors'
import type { RecordingItem } from '../../replay/recording-types'
import { MIN_TIMESTAMP } from '../../engine/api/time'
import { listAdapter, mapAdapter, mergingAdapter, valueAdapter } from './python-state'
import { PythonKeyedFunction, type PyOperator } from './python-keyed-function'
import type { AggregatingState, ListState, MapState, ReducingState, ValueState } from '../../engine/api/state'
import { PLAIN_FIELD } from '../../engine/runtime/route-shape'
import { jobNotice } from '../job-notices'
import { jobOutput } from '../job-console'
import { keepCreationLine } from '../../engine/api/creation-sites'
import { newJobClock, type JobClock } from '../job-globals'
import { engineMessage } from '../../common/job-dialect'
import { pythonRecordText, writesInt } from './record-text'
import { recordHoldsInfinity } from '../../engine/time/timestamp-range'

type PyCall = (...args: unknown[]) => unknown

/**
 * Records per prefetch (a pure function's results computed ahead): one crossing for this many records instead of
 * one each, and little work lost when the run stops in the middle of a block (a job error).
 */
const PREFETCH_BLOCK = 256
/** No prefetched result: the function is called at its step. */
const NONE: unique symbol = Symbol('none')

/** One pure record function's results for a block of the current batch (PythonBridge.prefetched). */
class Prefetch {
  batch = -1
  from = 0
  results: unknown[] = []
  /** The batch in which a block came back empty: no more prefetching in it. */
  stopped = -1
}

/** An exception raised by the job's Python code (or by the engine for a call it made), at its job line. */
export class PythonJobError extends Error {
  constructor(name: string, message: string, readonly where: JobPosition | undefined) {
    super(message)
    this.name = name
  }
}

/** What python/_riffle.py's RiffleOperator exposes to the engine (guarded proxies). */

export class PythonBridge {
  jobPath = ''
  /** The error python/_riffle.py reported for the exception now leaving Python. */
  private pending: Error | null = null
  // The record a step is carrying, sent to Python once for all the functions it passes (assigner, key, process):
  // _riffle.record_proxy keeps the last one decoded, so the same object again crosses as null.
  private lastRecord: object | null = null
  /** The record the timestamp assigner is called with (assignerRecordHoldsInfinity). */
  private assignerRecord: unknown = null
  // The current input batch (onInput): its records go to Python as one JSON array, decoded in one call, when the
  // first of them crosses; each then crosses as its index. A string argument costs Pyodide microseconds, a
  // number a fraction of one, and one json decoding of the batch far less than one per record.
  private batchIndex = new Map<object, number>()
  // Each record's JSON text: a JSON Lines record's own line (RecordingItem.text), so Python decodes what the file
  // says, as PyFlink's json.loads would (3.0 a float, where JSON.parse made it 3); else the engine's JSON of it.
  private batchTexts: string[] = []
  /** 1 for a record of the batch that already crossed as its index: again, it crosses as its text (decoded afresh). */
  private batchCrossed = new Uint8Array(0)
  private batchSent = true
  /** Counts input batches (a prefetched block belongs to one). */
  private batchNumber = 0
  /**
   * Whether a debugger may watch the run (onInput's `watched`). While not, the pure key selectors and timestamp
   * assigners (_riffle.pure) run ahead for a block of records in one crossing: the same results, and no step to
   * show them in or breakpoint to stop in. Watched, every call is its step's, as a TypeScript job's.
   */
  private watchedRun = true
  get watched(): boolean { return this.watchedRun }
  /** _riffle.batch: set once the Python half is installed. */
  sendBatch: ((text: string) => void) | null = null

  /** _riffle.raise_refused: set once the Python half is installed. */
  raiseRefused: ((type: string, message: string) => void) | null = null

  readonly valueAdapter = (h: ValueState<unknown>): object => valueAdapter(h, this.refuse)
  readonly listAdapter = (h: ListState<unknown>): object => listAdapter(h, this.refuse)
  readonly mapAdapter = (h: MapState<unknown, unknown>): object => mapAdapter(h, this.refuse)
  readonly mergingAdapter = (h: ReducingState<unknown> | AggregatingState<unknown, unknown>): object => mergingAdapter(h, this.refuse)

  /** The run's clock for the job's time and random (python/_riffle_clock.py), as job-globals.ts's for a TypeScript job. */
  clock: JobClock = newJobClock()
  readonly clockNow = (): number => this.clock.now()
  readonly clockStep = (): number => this.clock.step()
  readonly clockPass = (): number => this.clock.pass()
  readonly clockSeed = (): number => this.clock.seed
  readonly clockRead = (read: 'time' | 'random', value: unknown): void => { this.clock.onRead?.(read, value) }

  readonly parse = (s: string): unknown => JSON.parse(s)
  readonly stringify = (v: unknown): string => JSON.stringify(v)
  readonly jsonOf = (it: Iterable<unknown>): string => JSON.stringify(Array.from(it))

  /** False when the notice was dropped (a backend check's run): Python says it again next time. */
  readonly warn = (message: string, line: number): boolean => jobNotice({ file: this.jobPath, line, message })

  /** Text the job wrote (_riffle_streams._JobStream: print(), sys.stdout, sys.stderr), at its job line (0: not known). */
  readonly output = (stream: 'out' | 'err', text: string, line: number): void =>
    jobOutput({ stream, text, where: () => (line > 0 ? { file: this.jobPath, line } : null), chunk: true })

  /**
   * A type label the TypeScript Types has no name for (PyFlink's Types.TUPLE, a ROW's named fields): the inspector
   * writes it as NAME<params>, as LIST<...> and MAP<...> (descriptors.ts).
   */
  readonly typeInfo = (name: string, ...params: TypeInfo[]): TypeInfo =>
    Object.freeze(params.length > 0 ? { name, params: Object.freeze(params) } : { name })

  /** Where the job made a state descriptor or set a timestamp assigner (findings name it): its line, from Python. */
  readonly createdAt = (obj: object, line: number): void => { if (line > 0) keepCreationLine(obj, line) }

  readonly pyError = (type: string, message: string, line: number, column: number, fn = ''): void => {
    // The watchdog's interrupt (pyodide-runtime.ts): not the job's error but a stop, at the line the loop was on.
    if (type === 'KeyboardInterrupt') {
      this.pending = watchdogInterrupted(this.where(line, column), fn)
      return
    }
    this.pending = new PythonJobError(type, message, this.where(line, column))
  }

  /** A JS error that crossed Python: the engine's own (stop, disk) pass as they are; a misuse names the job line. */
  readonly jsError = (err: unknown, line: number, column: number): void => {
    if (err instanceof PythonJobError || err instanceof UserCodeError || err instanceof EngineAbort || err instanceof RiffleError) this.pending = err
    else if (err instanceof Error) this.pending = new PythonJobError(err.name, engineMessage('python', err.message), this.where(line, column))
    else this.pending = new PythonJobError('Error', String(err), this.where(line, column))
  }

  /**
   * The Python exception type a PyFlink user would catch for an engine's refusal of a job's call (a state call,
   * a state registration): TypeError for a JS TypeError, ValueError for any other misuse; '' for the engine's own
   * errors (stop, disk, the job's own Python exception coming back), which pass as they are (_riffle.refused).
   */
  readonly refusalType = (err: unknown): string => {
    if (!(err instanceof Error) || err instanceof PythonJobError || err instanceof UserCodeError ||
      err instanceof EngineAbort || err instanceof RiffleError) return ''
    return err instanceof TypeError ? 'TypeError' : 'ValueError'
  }

  /** A refusal's message as an uncaught one reports it (jsError): in the Python job's words. */
  readonly refusalMessage = (err: Error): string => engineMessage('python', err.message)

  /**
   * A state call's error, thrown back into Python: a refusal raised as its Python exception by _riffle.raise_refused
   * (Pyodide gives the job that very exception when the error crosses back), anything else as it is.
   */
  readonly refuse = (err: unknown): never => {
    const type = this.refusalType(err)
    if (type !== '' && this.raiseRefused !== null) this.raiseRefused(type, this.refusalMessage(err as Error))
    throw err
  }

  /** The error to throw for `e` caught from a call into Python. */
  take(e: unknown): unknown {
    const p = this.pending
    this.pending = null
    return p ?? e
  }

  /** Told of each input batch before its steps (LoadedJob.onInput). Runs no user code: the debugger's steps stay as they are. */
  readonly onInput = (items: readonly RecordingItem[], watched: boolean): void => {
    const index = new Map<object, number>()
    const texts: string[] = []
    for (const item of items) {
      if (item.kind === 'record' && typeof item.value === 'object' && item.value !== null) {
        index.set(item.value, texts.length)
        texts.push(pythonRecordText(item))
      }
    }
    this.batchIndex = index
    this.batchTexts = texts
    this.batchCrossed = new Uint8Array(texts.length)
    this.batchSent = false
    this.batchNumber++
    this.watchedRun = watched
  }

  private sendBatchOnce(): void {
    if (!this.batchSent && this.sendBatch !== null) {
      this.batchSent = true
      this.sendBatch(`[${this.batchTexts.join(',')}]`)
    }
  }

  /**
   * A pure function's result for record `v` from its block computed ahead (block: _riffle.prefetch_proxy), or
   * NONE: the run is watched, `v` is not a record of the input batch still uncrossed, or the block stopped before it.
   */
  private prefetched(p: Prefetch, block: PyCall, v: unknown, previous: number): unknown {
    if (this.watchedRun || typeof v !== 'object' || v === null) return NONE
    const i = this.batchIndex.get(v)
    if (i === undefined || this.batchCrossed[i] === 1) return NONE
    if (p.batch !== this.batchNumber || i < p.from || i >= p.from + p.results.length) {
      if (p.stopped === this.batchNumber) return NONE
      this.sendBatchOnce()
      p.batch = this.batchNumber
      p.from = i
      p.results = JSON.parse(block(i, PREFETCH_BLOCK, previous) as string) as unknown[]
      if (p.results.length === 0) {
        p.stopped = this.batchNumber
        return NONE
      }
    }
    return p.results[i - p.from]
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
        // Once only: the same object crossing again after another is decoded afresh (the job may have changed
        // the one it was given), from its own text.
        if (this.batchCrossed[i] === 1) return this.batchTexts[i]
        this.batchCrossed[i] = 1
        this.sendBatchOnce()
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

  /**
   * A key selector; `block` (when it is pure) gives its results ahead while the run is not watched; `field` (when it
   * only reads record[field], _riffle.plain_read) lets the line router of `--parallelism N` read the key itself.
   */
  readonly keyFunction = (fn: PyCall, block: PyCall | undefined, field: string | undefined): ((v: unknown) => unknown) => {
    const p = new Prefetch()
    return plainRead(field, (v: unknown): unknown => {
      if (typeof field === 'string' && !this.watchedRun) {
        const r = fieldAsPython(v, field, true)
        if (r !== NONE) return r
      }
      try {
        if (block !== undefined) {
          const r = this.prefetched(p, block, v, 0)
          if (r !== NONE) return r
        }
        return fn(this.recordText(v)) ?? null // None arrives as undefined
      } catch (e) {
        throw this.take(e)
      }
    })
  }

  /** A timestamp assigner; as keyFunction for the records that had no timestamp (previous is MIN_TIMESTAMP). */
  readonly assignerFunction = (fn: PyCall, block: PyCall | undefined, field: string | undefined): ((v: unknown, previous: number) => unknown) => {
    const p = new Prefetch()
    return plainRead(field, (v: unknown, previous: number): unknown => {
      if (typeof field === 'string' && !this.watchedRun) {
        const r = fieldAsPython(v, field, false)
        if (r !== NONE && this.readsAsInt(v, field, r as number)) return r
      }
      try {
        if (block !== undefined && previous === MIN_TIMESTAMP) {
          const r = this.prefetched(p, block, v, previous)
          if (r !== NONE) return r
        }
        this.assignerRecord = v
        return fn(this.recordText(v), previous) ?? null
      } catch (e) {
        throw this.take(e)
      }
    })
  }

  /**
   * Asked by _riffle.assigner_proxy when the assigner returned an infinite float: whether the record holds it (a line's
   * 1e400), so the engine's timestamp rule makes the line a bad line as for a TypeScript job, or the code made it.
   */
  readonly assignerRecordHoldsInfinity = (): boolean => recordHoldsInfinity(this.assignerRecord)

  /**
   * Whether Python reads record `v`'s property `field` as the int `n` JavaScript read (a record of the input batch
   * crosses as its line, where `1000.0` is a float); another record crosses as the engine's JSON of it, an int.
   */
  private readsAsInt(v: unknown, field: string, n: number): boolean {
    const i = this.batchIndex.get(v as object)
    return i === undefined || writesInt(this.batchTexts[i], field, n)
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

/**
 * record[field] read here, for a function that only returns it (_riffle.plain_read), when Python would hand back
 * the very same value: for a key, a string or a finite number that is exact in both languages; for a timestamp
 * (key false), an exact integer (the caller checks that Python reads it as an int: PythonBridge.readsAsInt); NONE
 * for anything else (a missing field, null, a large integer, -0, a nested value, a timestamp's fraction), which the
 * Python function then reads at its step and, where it must, raises at its line. Used only while no debugger
 * watches: the call runs no job line.
 */
function fieldAsPython(v: unknown, field: string, key: boolean): unknown {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || !Object.prototype.hasOwnProperty.call(v, field)) return NONE
  const x = (v as Record<string, unknown>)[field]
  if (typeof x === 'number') {
    if (!Number.isFinite(x) || Object.is(x, -0)) return NONE
    return Number.isSafeInteger(x) || (key && !Number.isInteger(x)) ? x : NONE
  }
  return key && typeof x === 'string' ? x : NONE
}

/** `f`, marked as reading only record[field] when field is given (route-shape.ts PLAIN_FIELD). */
function plainRead<F extends (...args: never[]) => unknown>(field: string | undefined, f: F): F {
  if (typeof field === 'string') Object.defineProperty(f, PLAIN_FIELD, { value: field })
  return f
}
