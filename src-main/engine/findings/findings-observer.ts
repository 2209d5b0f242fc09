// Watches a run for what is legal but almost always a bug (API.md "Findings") and keeps one finding per
// (kind, job line) with a count, the first step and the first key. It is an observer of the run, on both
// backends and in every kind of run (command line, debugger).
//
// Cost: the conditions are cheap checks inside hooks; the job's line needs a stack (microseconds), so a
// stack is taken only when a condition is met, and then only for the first occurrences of a call site. A
// call site is identified cheaply by (kind, operator, callback, how many such calls the callback made
// before): the seed sessionizer's line-35 delete is the first delete of every processElement. Sampled
// again at the 2nd, 4th, 8th... occurrence, a site whose line changed (branching code) is located every time.
import type { FindingKind, FindingView, SourceLocation } from '../../common/trace-api'
import type { TableMeta } from '../state/backend'
import { tableId } from '../state/backend'
import type { CallSiteLocator } from '../observe/call-site'
import type { ClockReadKind, RunObserver, TimeDomainName } from '../observe/run-observer'
import type { KeyedProcessNode } from '../runtime/keyed-process-node'
import type { RunContext } from '../runtime/run-context'
import { AssignerNode } from '../runtime/assigner-node'
import type { StreamNode } from '../runtime/stream-node'
import { clockFindingKind, GROWING_STATE_KEYS, messages, PILE_UP_TIMERS, SEVERITY } from './finding-rules'

/** What the observer needs of the run. */
export interface FindingsRun {
  readonly rc: RunContext
  readonly keyedOps: readonly KeyedProcessNode[]
  readonly callSites: CallSiteLocator
}

interface Site { finding: FindingView | null; seen: number; exact: boolean }

const SAMPLE_UNTIL = 1024

export class FindingsObserver implements RunObserver {
  private readonly byLine = new Map<string, FindingView>()
  private readonly sites = new Map<string, Site>()
  private readonly ops = new Map<string, KeyedProcessNode>()
  private readonly assignerSite = new Map<string, SourceLocation | null>()
  private readonly removedFrom = new Set<string>()
  private step = -1
  /** Steps up to this one were counted whole: re-running them (time travel, a trace) counts nothing again. */
  private completed = 0
  private replaying = false
  /** The call into the job now running: 'e' processElement, 'te'/'tp' onTimer, '' outside them; and its operator. */
  private callback = ''
  private callbackOp = ''
  private deletes = 0
  private registers = 0
  private clockReads = 0
  /** Told of each occurrence (the step's trace lists the findings raised in it). */
  onOccurrence: ((f: FindingView, where: SourceLocation | null) => void) | null = null

  /** `jobPath` names findings whose line is unknown (no frame of the job on the stack). */
  constructor(private readonly run: FindingsRun, private readonly jobPath: string) {
    for (const op of run.keyedOps) this.ops.set(op.id, op)
  }

  /** The owner finished step `step` (a debug session calls this after each step it takes). */
  stepEnded(step: number): void {
    if (step > this.completed) this.completed = step
    this.step = -1 // the next hook decides afresh (a re-run of this very step counts nothing)
  }

  /** The furthest step counted. */
  get throughStep(): number { return this.completed }

  onElement(operatorId: string, keyStr: string, timestamp: number | null, watermark: number): void {
    this.enter('e', operatorId)
    if (this.replaying) return
    if (timestamp !== null && timestamp <= watermark) {
      const where = this.lateSite(operatorId)
      this.count(this.findingAt('lateRecords', where, messages.lateRecords, keyStr, operatorId), where)
    }
  }

  onTimerFiring(operatorId: string, domain: TimeDomainName): void {
    this.enter(domain === 'EVENT_TIME' ? 'te' : 'tp', operatorId)
  }

  onTimerCall(operatorId: string, action: 'register' | 'delete', domain: TimeDomainName, keyStr: string, timestamp: number, effective: boolean): void {
    this.sync()
    if (this.replaying) return
    if (action === 'delete') {
      const n = this.deletes++
      if (!effective) this.raise('noOpTimerDelete', `${operatorId}|${n}`, () => messages.noOpTimerDelete(domain), keyStr, operatorId)
      return
    }
    const n = this.registers++
    if (!effective) return
    const op = this.ops.get(operatorId)
    if (op === undefined) return
    const now = domain === 'EVENT_TIME' ? op.inputWatermark : this.run.rc.processingTime
    if (timestamp <= now) this.raise('timerNotAhead', `${operatorId}|${n}`, () => messages.timerNotAhead(domain), keyStr, operatorId)
    const q = domain === 'EVENT_TIME' ? op.eventTimers : op.processingTimers
    // Counted once per time a key goes past the limit.
    if (q.countOf(keyStr) === PILE_UP_TIMERS + 1) this.raise('timerPileUp', `${operatorId}|${n}`, messages.timerPileUp, keyStr, operatorId)
  }

  onClockRead(read: ClockReadKind): void {
    this.sync()
    if (this.replaying) return
    const n = this.clockReads++
    const keyStr = this.run.rc.currentKeyStr
    this.raise(clockFindingKind(read), `${read}|${n}`, () => messages.clockRead(read), keyStr, null)
  }

  onStateRemoved(meta: TableMeta): void {
    this.removedFrom.add(tableId(meta))
  }

  /** The findings so far, warnings first, then by file and line; states that grow forever are checked now. */
  list(): FindingView[] {
    this.checkGrowingState()
    return [...this.byLine.values()].sort((a, b) =>
      (a.severity === b.severity ? 0 : a.severity === 'warning' ? -1 : 1) || a.file.localeCompare(b.file) || a.line - b.line || a.kind.localeCompare(b.kind))
  }

  /** "State that grows forever": never removed on any key, no TTL, held by more than 10,000 keys. */
  private checkGrowingState(): void {
    for (const op of this.run.keyedOps) {
      if (!op.opened) continue
      for (const { table, createdAt } of op.state.tablesWithOrigin()) {
        const meta = table.meta
        if (meta.ttl || this.removedFrom.has(tableId(meta))) continue
        const keys = table.size()
        if (keys <= GROWING_STATE_KEYS) continue
        const where = createdAt === undefined ? null : this.run.callSites.of(createdAt)
        const f = this.findingAt('stateGrowsForever', where, () => messages.stateGrowsForever(meta.stateName, keys), null, op.id)
        f.message = messages.stateGrowsForever(meta.stateName, keys)
        f.count = keys
      }
    }
  }

  // A new step or a new call into the job: per-callback ordinals restart.
  private enter(kind: string, operatorId: string): void {
    this.sync()
    this.callback = kind
    this.callbackOp = operatorId
    this.deletes = 0
    this.registers = 0
    this.clockReads = 0
  }

  private sync(): void {
    const step = this.run.rc.step
    if (step !== this.step) {
      // Hooks run only inside a step: the one we were in is over.
      if (!this.replaying && this.step > this.completed) this.completed = this.step
      this.replaying = step <= this.completed
      this.step = step
      this.callback = ''
      this.callbackOp = ''
      this.deletes = 0
      this.registers = 0
      this.clockReads = 0
    }
  }

  private raise(kind: FindingKind, ordinal: string, message: () => string, keyStr: string | null, operatorId: string | null): void {
    const id = `${kind}|${this.callback}|${this.callbackOp}|${ordinal}`
    let site = this.sites.get(id)
    if (site === undefined) this.sites.set(id, site = { finding: null, seen: 0, exact: false })
    const seen = ++site.seen
    let where: SourceLocation | null = null
    if (site.finding === null || site.exact || (seen <= SAMPLE_UNTIL && (seen & (seen - 1)) === 0) || this.onOccurrence !== null) {
      where = this.run.callSites.here()
      const f = this.findingAt(kind, where, message, keyStr, operatorId)
      if (site.finding !== null && f !== site.finding) site.exact = true
      site.finding = f
    }
    this.count(site.finding, where)
  }

  private count(f: FindingView, where: SourceLocation | null): void {
    f.count++
    if (this.onOccurrence !== null) this.onOccurrence(f, where)
  }

  private findingAt(kind: FindingKind, where: SourceLocation | null, message: () => string, keyStr: string | null, operatorId: string | null): FindingView {
    const file = where?.file ?? this.jobPath
    const line = where?.line ?? 0
    const id = `${kind}\n${file}:${line}`
    let f = this.byLine.get(id)
    if (f === undefined) {
      f = { kind, severity: SEVERITY[kind], file, line, message: message(), count: 0, firstStep: this.run.rc.step, firstKey: keyStr, operatorId }
      if (where?.column !== undefined) f.column = where.column
      this.byLine.set(id, f)
    }
    return f
  }

  /** The line of the timestamp assigner upstream of a keyed operator (where its strategy was made). */
  private lateSite(operatorId: string): SourceLocation | null {
    let where = this.assignerSite.get(operatorId)
    if (where === undefined) {
      where = null
      let n: StreamNode | null = this.ops.get(operatorId) ?? null
      while (n !== null && !(n instanceof AssignerNode)) n = n.parent
      if (n instanceof AssignerNode && n.createdAt !== undefined) where = this.run.callSites.of(n.createdAt)
      this.assignerSite.set(operatorId, where)
    }
    return where
  }
}
