// Records one step as the job's code saw it: every call the job made (state reads and writes with the
// value before and after, timer registrations and deletes and whether they changed anything, time and
// clock reads, outputs, the lines it printed), in order, each with the job file's line. It is an observer added only while a
// step is re-run for a trace, so its cost (a stack per call) never touches an ordinary run. Past the first TRACE_LISTED
// calls it only counts them by kind: a step that calls in a loop costs no stack, copy or text per call past that.
import { TRACE_LISTED, type NotListed, type SourceLocation, type TraceEntry, type TraceEntryKind } from '../../common/trace-api'
import type { TableMeta } from '../../engine/state/backend'
import type { CallSiteLocator } from '../../engine/observe/call-site'
import type {
  ClockReadKind, ContextReadKind, OutputSource, RunObserver, StateMethod, TimeDomainName,
} from '../../engine/observe/run-observer'
import type { KeyedProcessNode } from '../../engine/runtime/keyed-process-node'
import type { RunContext } from '../../engine/runtime/run-context'
import { clip, describeValue, plainCopy, timeText } from './trace-values'
import { callTypes, contentRepr, pythonRepr, rebuilds, type CallTypes } from './python-typed-text'
import type { TypeInfo } from '../../engine/api/types'
import { contextRead, outputCall, printCall, stateMethod, timerMethod, type JobLanguage } from '../../common/job-dialect'
import type { JobOutput } from '../../sandbox/job-console'
import { ConsoleLog } from '../console-log'

/** Calls a trace lists past its first TRACE_LISTED: every timer call (a timer's origin), one output (its lineage). */
export interface TraceAlso { timerCalls?: boolean; outputSeq?: number }

type Pending = { meta: TableMeta; keyStr: string | null; before: unknown; where: SourceLocation | null }

export class StepTracer implements RunObserver {
  readonly entries: TraceEntry[] = []
  /** The keyed operator and key of the step's first keyed call. */
  operatorId: string | null = null
  keyStr: string | null = null
  /** True when the step fired a timer (known even when the step threw). */
  timerStep = false
  private readonly pending: Pending[] = []
  private readonly ops = new Map<string, KeyedProcessNode>()
  private outputs = 0
  /** The step's printed lines, made whole as the Console makes them (Python's print writes its parts apart). */
  private readonly printed = new ConsoleLog(64)
  private printedSeen = 0
  /** Calls past TRACE_LISTED, by kind. */
  private readonly over: Partial<Record<TraceEntryKind, number>> = {}
  private overCount = 0

  constructor(private readonly rc: RunContext, ops: readonly KeyedProcessNode[], private readonly callSites: CallSiteLocator,
    /** The seq the step's first output gets in the session's log. */
    private readonly firstOutputSeq: number,
    /** The job's language: calls and values are written as the job writes them. */
    private readonly lang: JobLanguage = 'typescript',
    /** Calls to list past the first TRACE_LISTED too: what a timer's origin or an output's lineage looks for. */
    private readonly also: TraceAlso = {}) {
    for (const op of ops) this.ops.set(op.id, op)
  }

  /** The job file's lines the step's calls ran on, distinct, in first-run order. */
  lines(jobPath: string): number[] {
    const seen = new Set<number>()
    for (const e of this.entries) if (e.where !== null && e.where.file === jobPath) seen.add(e.where.line)
    return [...seen]
  }

  onElement(operatorId: string, keyStr: string): void { this.enter(operatorId, keyStr) }
  onTimerFiring(operatorId: string, _domain: TimeDomainName, keyStr: string): void {
    if (this.operatorId === null) this.timerStep = true
    this.enter(operatorId, keyStr)
  }

  /** The calls past TRACE_LISTED (undefined when there were none). */
  notListed(): Omit<NotListed, 'outputs'> | undefined {
    return this.overCount === 0 ? undefined : { entries: this.overCount, byKind: { ...this.over } }
  }

  beforeStateCall(meta: TableMeta, keyStr: string | null, method: StateMethod): void {
    if (this.full()) { this.pending.push({ meta, keyStr, before: undefined, where: null }); return }
    const before = method.writes && keyStr !== null ? plainCopy(this.readRaw(meta, keyStr)) : undefined
    this.pending.push({ meta, keyStr, before, where: this.callSites.here() })
  }

  afterStateCall(meta: TableMeta, keyStr: string | null, method: StateMethod, args: readonly unknown[], result: unknown): void {
    const p = this.pending.pop()
    if (this.full()) return this.count(method.writes ? 'stateWrite' : 'stateRead')
    const where = p?.where ?? this.callSites.here()
    const t = this.typesOf(meta, method.name)
    // One argument of a rebuilt type (put(k, row)): all of them in Python's repr, so the call reads as one language.
    const typedArgs = t !== undefined && t.args.some((x) => rebuilds(x))
    // An aggregating or reducing state's add() as the job's language holds the value it was given (a Python tuple), where told.
    const ownArg = (meta.kind === 'aggregating' || meta.kind === 'reducing') && method.name === 'add' ? this.callSites.aggregateText?.(meta.stateName, 'input') ?? null : null
    const argsText = ownArg !== null ? clip(ownArg) : args.map((a, i) => (typedArgs ? clip(pythonRepr(a, t.args[i])) : this.describe(a))).join(', ')
    const call = `${meta.stateName}.${stateMethod(this.lang, method.name)}(${argsText})`
    const copiedArgs = args.map(plainCopy)
    if (method.writes) {
      const after = keyStr === null ? undefined : plainCopy(this.readRaw(meta, keyStr))
      const before = p?.before
      this.push({ kind: 'stateWrite', stateName: meta.stateName, method: method.name, args: copiedArgs, before, after }, meta.operatorId, keyStr, where, call,
        `${this.content(meta, before, t)} → ${this.content(meta, after, t)}`)
      return
    }
    // An iterator (map entries/keys/values) is the job's to consume: show the stored content instead.
    const plain = isPlain(result)
    const value = plain ? plainCopy(result) : keyStr === null ? undefined : plainCopy(this.readRaw(meta, keyStr))
    // An aggregating state's get() as the job's language holds getResult's value (a Python job's 3.0), where told.
    // A map's entries (a Python job's items(), which its sandbox hands over as a list of pairs) are its whole content.
    const whole = meta.kind === 'map' && method.name === 'entries'
    const own = meta.kind === 'aggregating' && method.name === 'get' ? this.callSites.aggregateText?.(meta.stateName, 'result') ?? null : null
    this.push({ kind: 'stateRead', stateName: meta.stateName, method: method.name, args: copiedArgs, value }, meta.operatorId, keyStr, where, call,
      `→ ${own !== null ? clip(own) : plain && !whole ? this.describe(value, t?.result) : this.content(meta, value, t)}`)
  }

  /** A Python job's state call's declared types (a Row state's value is written as the job reads it: python-typed-text.ts). */
  private typesOf(meta: TableMeta, method: string): CallTypes | undefined {
    if (this.lang !== 'python') return undefined
    const declared = this.ops.get(meta.operatorId)?.state.declaredTypes(meta.stateName)
    return declared === undefined ? undefined : callTypes(meta.kind, method, declared)
  }

  onTimerCall(operatorId: string, action: 'register' | 'delete', domain: TimeDomainName, keyStr: string, timestamp: number, effective: boolean): void {
    if (this.full() && this.also.timerCalls !== true) return this.count(action === 'register' ? 'timerRegister' : 'timerDelete')
    const name = `${timerMethod(this.lang, action, domain)}(${timeText(timestamp)})`
    const where = this.callSites.here()
    if (action === 'register') {
      this.push({ kind: 'timerRegister', domain, timestamp, alreadyPending: !effective }, operatorId, keyStr, where, name, effective ? 'registered' : 'already pending: nothing changed')
    } else {
      this.push({ kind: 'timerDelete', domain, timestamp, deleted: effective }, operatorId, keyStr, where, name, effective ? 'deleted' : 'nothing deleted')
    }
  }

  onContextRead(operatorId: string, read: ContextReadKind, value: unknown): void {
    if (this.full()) return this.count('timeRead')
    const shown = read !== 'currentKey' && typeof value === 'number' ? timeText(value) : this.describe(value)
    this.push({ kind: 'timeRead', read, value: plainCopy(value) }, operatorId, this.rc.currentKeyStr, this.callSites.here(), contextRead(this.lang, read), `→ ${shown}`)
  }

  onClockRead(read: ClockReadKind, value: unknown): void {
    if (this.full()) return this.count('clockRead')
    const call = read === 'new Date' ? 'new Date()' : read === 'Math.random' ? 'Math.random()' : `${read}()`
    this.push({ kind: 'clockRead', read, value: plainCopy(value) }, this.operatorId ?? '', this.rc.currentKeyStr, this.callSites.here(), call,
      `→ ${this.describe(value)} (${read === 'Math.random' || read === 'random' ? 'seeded' : 'simulated processing time'})`)
  }

  onOutput(source: OutputSource, tag: string | null, value: unknown, timestamp: number | null): void {
    // Pass-through operators repeat their input: only what an operator emitted (as the step recorder logs it).
    if (source.kind === 'source' || source.kind === 'assignTimestamps' || source.kind === 'keyBy') return
    const seq = this.firstOutputSeq + this.outputs++
    if (source.kind !== 'process') return
    if (this.full() && seq !== this.also.outputSeq) return this.count('output')
    const own = this.callSites.outputText?.() ?? null
    const call = outputCall(this.lang, this.callSites.outputForm?.() ?? 'collect', tag, own === null ? this.describe(value) : clip(own))
    this.push({ kind: 'output', tag, value: plainCopy(value), timestamp, seq }, source.id, this.rc.currentKeyStr, this.callSites.here(), call, `emitted #${seq}`)
  }

  /** What the job's code printed (sandbox/job-console.ts): an entry for each whole line, where it is complete. */
  jobOutput(o: JobOutput): void {
    this.printed.add(o, 0)
    this.takePrinted()
  }

  /** The step ended: a line it printed without its newline is a line too. */
  endOutput(): void {
    this.printed.endStep()
    this.takePrinted()
  }

  private takePrinted(): void {
    const { lines, total } = this.printed.view(this.printedSeen, Number.MAX_SAFE_INTEGER)
    // One call that printed more lines than the ring holds (a long text) lost its first ones: counted too.
    this.count('console', total - this.printedSeen - lines.length)
    this.printedSeen = total
    for (const l of lines) {
      if (this.full()) { this.count('console'); continue }
      this.push({ kind: 'console', stream: l.stream, text: l.text }, this.operatorId ?? '', this.rc.currentKeyStr, l.where, printCall(this.lang, l.stream),
        `printed ${JSON.stringify(l.text)}`)
    }
  }

  private full(): boolean {
    return this.entries.length >= TRACE_LISTED
  }

  private count(kind: TraceEntryKind, n = 1): void {
    if (n <= 0) return
    this.over[kind] = (this.over[kind] ?? 0) + n
    this.overCount += n
  }

  private enter(operatorId: string, keyStr: string): void {
    if (this.operatorId === null) {
      this.operatorId = operatorId
      this.keyStr = keyStr
    }
  }

  /** v as the job's language writes it; with a declared type that rebuilds it (a Python Row), as the job reads it. */
  private describe(v: unknown, t?: TypeInfo): string {
    return v !== undefined && rebuilds(t) ? clip(pythonRepr(v, t)) : describeValue(v, this.lang)
  }

  /** What the key holds in the state (before or after a write, or what an iterator reads) as the job's language writes it: a Python map state's as a dict. */
  private content(meta: TableMeta, v: unknown, t: CallTypes | undefined): string {
    if (this.lang !== 'python' || v === undefined || meta.kind !== 'map') return this.describe(v, t?.content)
    return clip(contentRepr(meta.kind, this.ops.get(meta.operatorId)?.state.declaredTypes(meta.stateName) ?? {}, v) ?? '')
  }

  /** What the key holds in the state as the job reads it: a map's keys decoded, TTL's { v, t } stamps unwrapped. */
  private readRaw(meta: TableMeta, keyStr: string): unknown {
    return this.ops.get(meta.operatorId)?.state.readJobValue(meta.stateName, keyStr)
  }

  private push(fields: DistributiveOmit<TraceEntry, 'index' | 'operatorId' | 'keyStr' | 'where' | 'call' | 'result'>, operatorId: string, keyStr: string | null,
    where: SourceLocation | null, call: string, result: string): void {
    this.entries.push({ ...fields, index: this.entries.length, operatorId, keyStr, where, call, result } as TraceEntry)
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

function isPlain(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return true
  if (Array.isArray(v)) return true
  const proto = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}
