// A Python job's KeyedProcessFunction as the engine's keyed operator calls it: each call crosses into the job's
// RiffleOperator (python/pyflink/datastream/_operator.py), and an error it raised comes back as the bridge names it.
import { KeyedProcessFunction, TimeDomain, type Collector, type OnTimerContext, type RuntimeContext } from '../../engine/api/functions'

type PyCall = (...args: unknown[]) => unknown

/** The Python operator's entry points (_operator.RiffleOperator). */
export interface PyOperator {
  open: PyCall; bind: PyCall; process: PyCall; on_timer: PyCall; close: PyCall
  /** How a debugger expression's `self` names the job's function (python/_riffle_self.py). */
  index: number
}

/** What the function needs of the PythonBridge (python-bridge.ts). */
export interface KeyedBridge {
  /** Whether a debugger may watch the run: unwatched, the record's timestamp comes with the call. */
  readonly watched: boolean
  /** The record as it crosses: its index in the input batch Python holds, or its JSON text. */
  recordText(v: unknown): string | number | null
  /** The error to throw for `e` caught from a call into Python. */
  take(e: unknown): unknown
}

/** A Python KeyedProcessFunction as the engine's keyed operator calls it. */
export class PythonKeyedFunction extends KeyedProcessFunction<unknown, unknown, unknown> {
  private bound: unknown = null
  private readonly pyOpen: PyCall
  private readonly pyBind: PyCall
  private readonly pyProcess: PyCall
  private readonly pyTimer: PyCall
  private readonly pyClose: PyCall
  /** The job's function as a debugger expression's `self` names it (python/_riffle_self.py keyed_functions). */
  readonly pythonSelf: number

  constructor(op: PyOperator, private readonly b: KeyedBridge) {
    super()
    this.pythonSelf = op.index
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
      // Unwatched, the record's timestamp comes with the call, for ctx.timestamp() to answer in Python: no
      // observer sees context reads then (a watched run's read stays the job's traced call, at its line).
      if (this.b.watched) this.pyProcess(this.b.recordText(value))
      else this.pyProcess(this.b.recordText(value), ctx.timestamp())
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
