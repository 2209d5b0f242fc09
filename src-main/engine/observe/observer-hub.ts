// The hub a run's hook points call: it holds the observers added to the run and fans each hook out to
// the ones that have it, in the order they were added. With none added a hook is a call over an empty
// list. One hub per observable run, made when the run is created and kept for its life.
import type { TableMeta } from '../state/backend'
import type {
  ClockReadKind, ContextReadKind, ObserverSink, OutputSource, RunObserver, StateMethod, TimeDomainName,
} from './run-observer'

type Hook = keyof RunObserver

export class ObserverHub implements ObserverSink {
  private readonly observers: RunObserver[] = []
  private element: RunObserver[] = []
  private firing: RunObserver[] = []
  private beforeCall: RunObserver[] = []
  private afterCall: RunObserver[] = []
  private timerCall: RunObserver[] = []
  private contextRead: RunObserver[] = []
  private output: RunObserver[] = []
  private write: RunObserver[] = []
  private clock: RunObserver[] = []

  /** Adds an observer; returns the function that removes it again. */
  add(observer: RunObserver): () => void {
    this.observers.push(observer)
    this.rebuild()
    return () => {
      const i = this.observers.indexOf(observer)
      if (i >= 0) {
        this.observers.splice(i, 1)
        this.rebuild()
      }
    }
  }

  /** True when some observer watches state calls (the state decorators skip building arguments otherwise). */
  get watchesStateCalls(): boolean {
    return this.beforeCall.length > 0 || this.afterCall.length > 0
  }

  onElement(operatorId: string, keyStr: string, timestamp: number | null, watermark: number): void {
    const l = this.element
    for (let i = 0; i < l.length; i++) l[i].onElement!(operatorId, keyStr, timestamp, watermark)
  }

  onTimerFiring(operatorId: string, domain: TimeDomainName, keyStr: string, timestamp: number): void {
    const l = this.firing
    for (let i = 0; i < l.length; i++) l[i].onTimerFiring!(operatorId, domain, keyStr, timestamp)
  }

  beforeStateCall(meta: TableMeta, keyStr: string | null, method: StateMethod, args: readonly unknown[]): void {
    const l = this.beforeCall
    for (let i = 0; i < l.length; i++) l[i].beforeStateCall!(meta, keyStr, method, args)
  }

  afterStateCall(meta: TableMeta, keyStr: string | null, method: StateMethod, args: readonly unknown[], result: unknown): void {
    const l = this.afterCall
    for (let i = 0; i < l.length; i++) l[i].afterStateCall!(meta, keyStr, method, args, result)
  }

  onTimerCall(operatorId: string, action: 'register' | 'delete', domain: TimeDomainName, keyStr: string, timestamp: number, effective: boolean): void {
    const l = this.timerCall
    for (let i = 0; i < l.length; i++) l[i].onTimerCall!(operatorId, action, domain, keyStr, timestamp, effective)
  }

  onContextRead(operatorId: string, read: ContextReadKind, value: unknown): void {
    const l = this.contextRead
    for (let i = 0; i < l.length; i++) l[i].onContextRead!(operatorId, read, value)
  }

  onOutput(source: OutputSource, tag: string | null, value: unknown, timestamp: number | null, isJobOutput: boolean): void {
    const l = this.output
    for (let i = 0; i < l.length; i++) l[i].onOutput!(source, tag, value, timestamp, isJobOutput)
  }

  beforeStateWrite(meta: TableMeta, keyStr: string): void {
    const l = this.write
    for (let i = 0; i < l.length; i++) l[i].beforeStateWrite!(meta, keyStr)
  }

  onClockRead(read: ClockReadKind, value: unknown): void {
    const l = this.clock
    for (let i = 0; i < l.length; i++) l[i].onClockRead!(read, value)
  }

  // Lists per hook are replaced, not edited: an observer added or removed inside a hook leaves the
  // loop that is running untouched.
  private rebuild(): void {
    const having = (hook: Hook): RunObserver[] => this.observers.filter((o) => typeof o[hook] === 'function')
    this.element = having('onElement')
    this.firing = having('onTimerFiring')
    this.beforeCall = having('beforeStateCall')
    this.afterCall = having('afterStateCall')
    this.timerCall = having('onTimerCall')
    this.contextRead = having('onContextRead')
    this.output = having('onOutput')
    this.write = having('beforeStateWrite')
    this.clock = having('onClockRead')
  }
}
