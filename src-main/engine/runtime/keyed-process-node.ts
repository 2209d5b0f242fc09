// The keyed process operator (Flink's KeyedProcessOperator): sets the current key, calls
// processElement / onTimer through the gate, owns the operator's state and both timer queues, and
// stamps outputs as rules C1-C6, E4, E7, P4 and SO2 say.
import type { KeyedProcessFunction, OnTimerContext, TimerService } from '../api/functions'
import { OutputTag, TimeDomain } from '../api/functions'
import type { StateBackend } from '../state/backend'
import type { KeyContext, TtlTimeProvider } from '../state/state-context'
import { OperatorState } from '../state/operator-state'
import { toOutputData } from '../state/json-data'
import { observedContext, observedTimerService, type ObservedOperator } from '../observe/observed-context'
import type { TimeDomainName } from '../observe/run-observer'
import { TimerQueue, type Timer, type TimerHolder } from '../time/timer-queue'
import type { TimerQueueStore } from '../time/timer-queue-store'
import { KeyRegistry, RegistryEntry, type KeyInfo } from './key-registry'
import type { KeyRegistryStore } from './key-registry-store'
import type { RunContext } from './run-context'
import { StreamNode } from './stream-node'
import { MIN_TIMESTAMP } from '../api/time'
import { timerTime } from '../time/timestamp-range'
import { TimerChains } from '../time/timer-chain'
import { timerMethod } from '../../common/job-dialect'
import type { CallbackTag } from '../findings/findings-sink'
import { GROWING_STATE_KEYS, PILE_UP_TIMERS } from '../findings/finding-rules'
import { clearTimerFiring, noteTimerFiring } from '../../sandbox/gate'

export interface TtlClockChoice { eventTime: boolean }

export class KeyedProcessNode extends StreamNode implements ObservedOperator {
  // In memory until open() swaps in the backend's own stores when it offers them (LevelDB keeps timers
  // and the key registry on disk, so a run with millions of keys stays within its caches).
  private eventTimers_: TimerQueueStore = new TimerQueue()
  private processingTimers_: TimerQueueStore = new TimerQueue()
  private keys_: KeyRegistryStore = new KeyRegistry()
  state!: OperatorState
  /** The watermark this operator has received; timers due at it fire before it is forwarded (E2, E5). */
  inputWatermark = MIN_TIMESTAMP
  /** A received watermark not yet forwarded downstream. */
  forwardPending = false
  opened = false

  private readonly keyCtx: KeyContext = { keyStr: null, cells: null }
  private key: unknown = null
  /** The timestamp of the record or timer being processed (C1, E4, P4). */
  private currentTs: number | null = null
  private outTs: number | null = null
  private sideTs: number | null = null
  private domain: TimeDomain = TimeDomain.EVENT_TIME
  // docs/job-api.md: an emitted value is checked (and copied) like a state value; thrown inside the job's own
  // call, the error names its line.
  private readonly collector = { collect: (v: unknown): void => this.emit(toOutputData(v, 'out.collect(value)'), this.outTs) }
  private readonly ctx: OnTimerContext<unknown>
  private readonly hasOnTimer: boolean
  /** The registry entry of the key being processed, or null outside a keyed call. */
  private info: KeyInfo | null = null
  /** Endless onTimer chains, stopped at the registering line (time/timer-chain.ts). */
  private readonly chains = new TimerChains()
  /** Which call into the job runs (a finding's cheap call-site identity). */
  private callback: CallbackTag = ''

  constructor(rc: RunContext, index: number, parent: StreamNode, readonly fn: KeyedProcessFunction<unknown, unknown, unknown>) {
    super(rc, index, 'process', parent)
    if (fn === null || typeof fn !== 'object' || typeof (fn as { processElement?: unknown }).processElement !== 'function') {
      throw new TypeError('process() expects a KeyedProcessFunction instance (an object with processElement(value, ctx, out))')
    }
    this.hasOnTimer = typeof fn.onTimer === 'function'
    const timerService: TimerService = {
      currentProcessingTime: () => rc.processingTime,
      currentWatermark: () => this.inputWatermark,
      registerEventTimeTimer: (t: number) => { this.registerTimer('EVENT_TIME', t) },
      registerProcessingTimeTimer: (t: number) => { this.registerTimer('PROCESSING_TIME', t) },
      deleteEventTimeTimer: (t: number) => { this.deleteTimer('EVENT_TIME', t) },
      deleteProcessingTimeTimer: (t: number) => { this.deleteTimer('PROCESSING_TIME', t) },
    }
    const ctx: OnTimerContext<unknown> = {
      timestamp: () => this.currentTs,
      timerService: () => timerService,
      output: (tag: OutputTag<unknown>, value: unknown) => {
        // C4
        if (tag === null || tag === undefined) throw new TypeError('OutputTag must not be null.')
        if (!(tag instanceof OutputTag)) throw new TypeError('ctx.output expects an OutputTag as its first argument')
        this.emitSide(tag.id, toOutputData(value, `ctx.output(${JSON.stringify(tag.id)}, value)`), this.sideTs)
      },
      getCurrentKey: () => this.key,
      timeDomain: () => this.domain,
    }
    // An observed run hands the job decorated ones; a plain run the plain ones, which report nothing.
    const hub = rc.observer
    this.ctx = hub === null ? ctx : observedContext(ctx, observedTimerService(timerService, this, hub), this, hub)
  }

  /** T1 for the current key: true when a timer was added. */
  registerTimer(domain: TimeDomainName, t: unknown): boolean {
    const eventTime = domain === 'EVENT_TIME'
    const time = this.checkedTime('register', domain, t)
    const q = eventTime ? this.eventTimers_ : this.processingTimers_
    const holder = eventTime ? this.etHolder() : this.ptHolder()
    // In onTimer, a timer that fires in the same advance (E3), or at all once the input has ended (W7), continues a chain.
    const end = this.rc.endOfInput
    if ((this.callback === 'te' || this.callback === 'tp') &&
      (end || (eventTime ? this.forwardPending && time <= this.inputWatermark : time <= this.rc.processingTime))) {
      this.chains.registered(domain, this.keyCtx.keyStr as string, time, end, this.rc.jobLanguage === 'python' ? 'on_timer' : 'onTimer')
    }
    const added = q.registerIn(holder, time, this.key)
    const f = this.rc.findings
    if (f !== null && added) {
      const keyStr = this.keyCtx.keyStr as string
      if (time <= (eventTime ? this.inputWatermark : this.rc.processingTime)) f.timerNotAhead(this.id, domain, keyStr, this.callback)
      // Counted through the holder in hand: findings on by default must not cost a lookup by key per timer.
      if (q.countIn(holder) === PILE_UP_TIMERS + 1) f.timerPileUp(this.id, keyStr, this.callback)
    }
    return added
  }

  /** A timer call's time as the queue takes it, or the job's error naming the call as the job wrote it. */
  checkedTime(action: 'register' | 'delete', domain: TimeDomainName, t: unknown): number {
    return timerTime(t, () => timerMethod(this.rc.jobLanguage, action, domain), this.rc.jobLanguage === 'python')
  }

  /** T2 for the current key: true when a timer was deleted. */
  deleteTimer(domain: TimeDomainName, t: unknown): boolean {
    const time = this.checkedTime('delete', domain, t)
    const deleted = domain === 'EVENT_TIME'
      ? this.eventTimers_.deleteIn(this.etHolder(), time)
      : this.processingTimers_.deleteIn(this.ptHolder(), time)
    if (deleted) this.chains.deleted(domain, this.keyCtx.keyStr as string, time)
    if (!deleted && this.rc.findings !== null) this.rc.findings.noOpDelete(this.id, domain, this.keyCtx.keyStr as string, this.callback)
    return deleted
  }

  /** Creates the operator's state and calls open() (once, before the first record). */
  open(backend: StateBackend, clocks: { processing: TtlTimeProvider; event: TtlTimeProvider }): void {
    // Named by operator id and domain, so a reopened state directory finds them again.
    if (backend.timerQueue !== undefined) {
      this.eventTimers_ = backend.timerQueue(`${this.id}/event`)
      this.processingTimers_ = backend.timerQueue(`${this.id}/processing`)
    }
    if (backend.keyRegistry !== undefined) this.keys_ = backend.keyRegistry(this.id)
    this.state = new OperatorState({
      operatorId: this.id, backend, keyContext: this.keyCtx, ttlTime: clocks.processing, eventTtlTime: clocks.event, observer: this.rc.observer,
      taskName: this.name, subtask: this.rc.keyGroups,
      keysPast: { limit: GROWING_STATE_KEYS, tell: (stateName, createdAt) => this.rc.findings?.stateKeysPast(this.id, stateName, createdAt) },
    })
    this.rc.gate.call1('open', this.fn.open, this.fn, this.state)
    this.opened = true
  }

  close(): void {
    if (typeof this.fn.close === 'function') this.rc.gate.call1('close', this.fn.close as (a: unknown) => void, this.fn, undefined)
  }

  get eventTimers(): TimerQueueStore { return this.eventTimers_ }
  get processingTimers(): TimerQueueStore { return this.processingTimers_ }
  get keys(): KeyRegistryStore { return this.keys_ }

  get currentKeyStr(): string | null { return this.keyCtx.keyStr }
  /** The timestamp of the record or timer being processed, for event-time TTL stamps. */
  get currentTimestamp(): number | null { return this.currentTs }

  userObjects(): object[] { return [this.fn] }

  /**
   * The engine's objects the job may keep in its fields (the RuntimeContext open() got, the context and collector
   * its calls get, the timer service): time travel keeps such a field as it is, never a copy (job-fields.ts).
   */
  engineObjects(): object[] { return [this.state, this.ctx, this.ctx.timerService(), this.collector] }

  processRecord(): void {
    throw new Error('internal: a keyed operator receives records through the exchange queue')
  }

  /** One record for this operator (from the exchange queue). */
  processElement(value: unknown, timestamp: number | null, key: unknown, keyStr: string): void {
    const hub = this.rc.observer
    if (hub !== null) hub.onElement(this.id, keyStr, timestamp, this.inputWatermark)
    if (timestamp !== null && timestamp <= this.inputWatermark && this.rc.findings !== null) this.rc.findings.lateRecord(this.id, keyStr)
    this.callback = 'e'
    this.setKey(key, keyStr)
    this.info = this.keyCtx.cells = this.keys_.touch(key, keyStr, this.rc.step, true)
    this.currentTs = timestamp
    this.outTs = timestamp // C2
    this.sideTs = timestamp // SO2 (docs/job-api.md: no timestamp stays none, C3's MIN is not carried)
    this.domain = TimeDomain.EVENT_TIME
    this.state.onRecord()
    this.rc.gate.call3('processElement', this.fn.processElement, this.fn, value, this.ctx, this.collector)
    this.clearKey()
  }

  /** E2: the watermark is set first; due timers fire later, one per step, before it is forwarded. */
  receiveWatermark(w: number): void {
    if (w <= this.inputWatermark) return
    this.inputWatermark = w
    this.forwardPending = true
  }

  /**
   * E2/E6: event-time timers fire only while a watermark advance is in progress (received, not yet
   * forwarded). A timer that processElement registers at or below the current watermark waits for the
   * next advance instead of firing at once; timers registered in onTimer during an advance still fire
   * in it (E3).
   */
  hasDueEventTimer(): boolean { return this.forwardPending && this.eventTimers_.dueAt(this.inputWatermark) }

  /** Fires the earliest due timer of the domain. Returns it, or undefined when none is due. */
  fireNext(domain: TimeDomain, now: number): Timer | undefined {
    const q = domain === TimeDomain.EVENT_TIME ? this.eventTimers_ : this.processingTimers_
    if (!q.dueAt(now)) return undefined
    const t = q.poll()! // T5: removed before onTimer runs
    this.setKey(t.key, t.keyStr) // T4
    this.info = this.keyCtx.cells = this.keys_.touch(t.key, t.keyStr, this.rc.step, false)
    this.currentTs = t.timestamp // E4, P4
    this.outTs = domain === TimeDomain.EVENT_TIME ? t.timestamp : null // E7, P4
    this.sideTs = t.timestamp // SO2
    this.domain = domain
    this.callback = domain === TimeDomain.EVENT_TIME ? 'te' : 'tp'
    const hub = this.rc.observer
    if (hub !== null) hub.onTimerFiring(this.id, domain === TimeDomain.EVENT_TIME ? 'EVENT_TIME' : 'PROCESSING_TIME', t.keyStr, t.timestamp)
    if (this.hasOnTimer) {
      // Left set when onTimer throws: the run's error names this timer (the run stops there).
      const timer = this.rc.currentTimer = { domain: domain === TimeDomain.EVENT_TIME ? 'EVENT_TIME' : 'PROCESSING_TIME', timestamp: t.timestamp, keyStr: t.keyStr } as const
      // The watchdog names this timer if onTimer never returns.
      const hb = this.rc.gate.heartbeat
      noteTimerFiring(hb, timer.domain, timer.timestamp, timer.keyStr)
      this.chains.firing(timer.domain, t.keyStr, t.timestamp)
      try {
        this.rc.gate.call3('onTimer', this.fn.onTimer as (a: unknown, b: unknown, c: unknown) => void, this.fn, t.timestamp, this.ctx, this.collector)
      } finally {
        clearTimerFiring(hb)
        this.chains.fired()
      }
      this.rc.currentTimer = null
    }
    this.clearKey()
    return t
  }

  /** After every due timer fired: forward the watermark (E5). */
  forwardIfDone(): boolean {
    if (!this.forwardPending || this.hasDueEventTimer()) return false
    this.forwardPending = false
    if (this.inputWatermark > this.watermark) {
      this.watermark = this.inputWatermark
      this.forwardWatermark(this.inputWatermark)
    }
    return true
  }

  pendingTimers(): number { return this.eventTimers_.size + this.processingTimers_.size }

  private setKey(key: unknown, keyStr: string): void {
    this.key = key
    this.keyCtx.keyStr = keyStr
    this.keyCtx.cells = null
    this.rc.currentKey = key
    this.rc.currentKeyStr = keyStr
  }

  private clearKey(): void {
    this.info = null
    this.keyCtx.keyStr = null
    this.keyCtx.cells = null
    this.rc.currentKeyStr = null
    this.rc.currentKey = null
  }

  // The current key's timer holders, cached on its registry entry: looked up once per key per run.
  private etHolder(): TimerHolder {
    const info = this.infoOrThrow()
    // A heap registry's entry becomes the holder itself (key-registry.ts: one object fewer per timer call).
    return info.et ?? (info.et = this.eventTimers_.holderFor(this.keyCtx.keyStr as string, info instanceof RegistryEntry ? info : undefined))
  }

  private ptHolder(): TimerHolder {
    const info = this.infoOrThrow()
    return info.pt ?? (info.pt = this.processingTimers_.holderFor(this.keyCtx.keyStr as string))
  }

  private infoOrThrow(): KeyInfo {
    const info = this.info
    if (info === null) throw new Error('timers can only be used inside processElement or onTimer of a keyed stream (T7)')
    return info
  }
}
