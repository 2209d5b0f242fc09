// Keeps what is legal but almost always a bug (API.md "Findings"): one finding per (kind, job line) with
// a count, the first step and the first key. The engine tells it only when a condition holds
// (findings-sink.ts), on both backends and in every kind of run (command line, debugger).
//
// Cost: the job's line needs a stack (microseconds), so one is taken only for the first occurrences of a
// call site. A site is identified cheaply by (kind, operator, callback, how many such findings the step
// raised before): the seed sessionizer's line-35 delete is the first no-op delete of every
// processElement. Sampled again at the 2nd, 4th, 8th... occurrence, a site whose line changed (branching
// code) is located every time from then on.
//
// In a debug session steps are re-run (time travel, traces): a step counted once is not counted again.
import type { FindingKind, FindingView, SourceLocation } from '../../common/trace-api'
import type { CallSiteLocator } from '../observe/call-site'
import type { ClockReadKind, TimeDomainName } from '../observe/run-observer'
import type { KeyedProcessNode } from '../runtime/keyed-process-node'
import type { RunContext } from '../runtime/run-context'
import { AssignerNode } from '../runtime/assigner-node'
import type { StreamNode } from '../runtime/stream-node'
import { clockFindingKind, GROWING_STATE_KEYS, messages, SEVERITY } from './finding-rules'
import type { CallbackTag, FindingsSink } from './findings-sink'
import { jobLanguageOf, type JobLanguage } from '../../common/job-dialect'

/** What the collector needs of the run. */
export interface FindingsRun {
  readonly rc: RunContext
  readonly keyedOps: readonly KeyedProcessNode[]
  readonly callSites: CallSiteLocator
}

interface Site { finding: FindingView | null; seen: number; exact: boolean }

const SAMPLE_UNTIL = 1024

export class FindingsCollector implements FindingsSink {
  private readonly byLine = new Map<string, FindingView>()
  private readonly sites = new Map<string, Site>()
  private readonly assignerSite = new Map<string, SourceLocation | null>()
  private step = -1
  /** Steps up to this one were counted whole: re-running them (time travel, a trace) counts nothing again. */
  private completed = 0
  private replaying = false
  /** Findings raised in the current step so far (the ordinal of a call-site identity). */
  private raisedInStep = 0
  /**
   * Told of each occurrence with its exact line, also in re-run steps (a step's trace lists the findings
   * raised in it); while set, every occurrence is located.
   */
  onOccurrence: ((f: FindingView, where: SourceLocation | null) => void) | null = null

  /** The job's language: a finding names a call as the job writes it. */
  private readonly lang: JobLanguage

  /** `jobPath` names findings whose line is unknown (no frame of the job on the stack). */
  constructor(private readonly run: FindingsRun, private readonly jobPath: string) {
    this.lang = jobLanguageOf(jobPath)
  }

  /** The owner finished step `step` (a debug session calls this after each step it takes). */
  stepEnded(step: number): void {
    if (step > this.completed) this.completed = step
    this.step = -1 // the next condition decides afresh (a re-run of this very step counts nothing)
  }

  /**
   * The run was replaced by one restored at `step` (a loaded savepoint): the old run's findings go, and the steps
   * before `step` count as counted (they ran in another run and are never re-run here).
   */
  restartedAt(step: number): void {
    this.byLine.clear()
    this.sites.clear()
    this.completed = step
    this.step = -1
    this.replaying = false
    this.raisedInStep = 0
  }

  noOpDelete(operatorId: string, domain: TimeDomainName, keyStr: string, callback: CallbackTag): void {
    this.raise('noOpTimerDelete', `${callback}|${operatorId}|${domain}`, () => messages.noOpTimerDelete(domain, this.lang), keyStr, operatorId)
  }

  timerNotAhead(operatorId: string, domain: TimeDomainName, keyStr: string, callback: CallbackTag): void {
    this.raise('timerNotAhead', `${callback}|${operatorId}|${domain}`, () => messages.timerNotAhead(domain, this.lang), keyStr, operatorId)
  }

  timerPileUp(operatorId: string, keyStr: string, callback: CallbackTag): void {
    this.raise('timerPileUp', `${callback}|${operatorId}`, messages.timerPileUp, keyStr, operatorId)
  }

  lateRecord(operatorId: string, keyStr: string): void {
    this.sync()
    const where = this.lateSite(operatorId)
    const f = this.findingAt('lateRecords', where, messages.lateRecords, keyStr, operatorId)
    if (!this.replaying) f.count++
    this.onOccurrence?.(f, where)
  }

  clockRead(read: ClockReadKind): void {
    this.raise(clockFindingKind(read), read, () => messages.clockRead(read), this.run.rc.currentKeyStr, null)
  }

  /**
   * The step where the state came to be held by more than GROWING_STATE_KEYS keys is its finding's first step, the
   * same in every kind of run however often and whenever findings are read (list() fills in the count).
   */
  stateKeysPast(operatorId: string, stateName: string, createdAt: Error | undefined): void {
    const where = createdAt === undefined ? null : this.run.callSites.of(createdAt)
    this.findingAt('stateGrowsForever', where, () => messages.stateGrowsForever(stateName, GROWING_STATE_KEYS + 1), null, operatorId)
  }

  /** The findings so far, warnings first, then by file and line; states that grow forever are counted now. */
  list(): FindingView[] {
    this.checkGrowingState()
    return [...this.byLine.values()].filter((f) => f.count > 0).sort(compareFindings)
  }

  /**
   * "State that grows forever": never removed on any key, no TTL, held by more than 10,000 keys now; its first step
   * is the one stateKeysPast was told of (only a state restored already past the limit, with no write since, has none
   * and is found at the current step).
   */
  private checkGrowingState(): void {
    for (const op of this.run.keyedOps) {
      if (!op.opened) continue
      for (const { table, createdAt, removedAny } of op.state.tablesWithOrigin()) {
        const meta = table.meta
        if (meta.ttl || removedAny) continue
        const keys = table.size()
        if (keys <= GROWING_STATE_KEYS) continue
        const where = createdAt === undefined ? null : this.run.callSites.of(createdAt)
        const f = this.findingAt('stateGrowsForever', where, () => messages.stateGrowsForever(meta.stateName, keys), null, op.id)
        f.message = messages.stateGrowsForever(meta.stateName, keys)
        f.count = keys
      }
    }
  }

  private sync(): void {
    const step = this.run.rc.step
    if (step !== this.step) {
      // Conditions are checked only inside a step: the one we were in is over.
      if (!this.replaying && this.step > this.completed) this.completed = this.step
      this.replaying = step <= this.completed
      this.step = step
      this.raisedInStep = 0
    }
  }

  private raise(kind: FindingKind, site: string, message: () => string, keyStr: string | null, operatorId: string | null): void {
    this.sync()
    const id = `${kind}|${site}|${this.raisedInStep++}`
    let s = this.sites.get(id)
    if (s === undefined) this.sites.set(id, s = { finding: null, seen: 0, exact: false })
    const seen = ++s.seen
    let where: SourceLocation | null = null
    let f = s.finding
    if (f === null || s.exact || this.onOccurrence !== null || (seen <= SAMPLE_UNTIL && (seen & (seen - 1)) === 0)) {
      where = this.run.callSites.here()
      f = this.findingAt(kind, where, message, keyStr, operatorId)
      if (s.finding !== null && f !== s.finding) s.exact = true
      s.finding = f
    }
    if (!this.replaying) f.count++
    this.onOccurrence?.(f, where)
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
      let n: StreamNode | null = this.run.keyedOps.find((o) => o.id === operatorId) ?? null
      while (n !== null && !(n instanceof AssignerNode)) n = n.parent
      if (n instanceof AssignerNode && n.createdAt !== undefined) where = this.run.callSites.of(n.createdAt)
      this.assignerSite.set(operatorId, where)
    }
    return where
  }
}

/** The order findings are listed in: warnings first, then by file, line and kind. */
export function compareFindings(a: FindingView, b: FindingView): number {
  return (a.severity === b.severity ? 0 : a.severity === 'warning' ? -1 : 1) || a.file.localeCompare(b.file) || a.line - b.line || a.kind.localeCompare(b.kind)
}
