// Breakpoints and logpoints of a debug session. Each step's view (plus what its observer of the run saw:
// deliveries with lateness, TTL expiries; and the breakpoints' lines the run's line probe saw run) is matched against the enabled breakpoints; a breakpoint stops
// the replay, a logpoint (one with `log`) records its expression's value and never stops. Expressions are
// in the job's language, compiled and called as every debugger expression is (debug-expression.ts), so a throw is
// reported with the hit instead of ending the session.
import type { BreakpointHit, BreakpointSpec, BreakpointStatus, LogpointHit } from '../common/debug-api'
import type { StateView, StepView } from '../common/views'
import type { JobRun } from '../engine/runtime/job-run'
import type { KeyedProcessNode } from '../engine/runtime/keyed-process-node'
import type { TableMeta } from '../engine/state/backend'
import { keyFromString } from '../engine/runtime/key-codec'
import type { RunObserver } from '../engine/observe/run-observer'
import { EACH_RUN_LIMIT } from '../engine/observe/line-probe'
import { capture, watchOrNull } from './breakpoint-lines'
import { callExpression, compileDebugExpression, type Compiled, type ExprContext, frameNames, stateObject } from './debug-expression'
import { pythonRecordText } from '../sandbox/python/record-text'
import type { KeyedAt } from './expression-self'
import type { StepOutcome } from '../engine/runtime/driver'
import { NOT_DEFINED, readable, show } from './logpoint-hits'

/** `names`: what its expressions may read of the job's frame (a line breakpoint's locals). */
interface Active { spec: BreakpointSpec; cond: Compiled | null; log: Compiled | null; names: string[] }
interface Delivery { operatorId: string; keyStr: string; ts: number | null; watermark: number }
interface Expiry { operatorId: string; stateName: string; keyStr: string }
/**
 * A job line a call of the step ran on (line breakpoints), with the key being processed there and, for a line whose
 * breakpoint has a condition or log message, that key's state as the line started to run (what the job's own read
 * there gives: `if self.start.value() is None:` sees None on a key's first event, not what the step then wrote) and
 * the frame's locals then. Such a line has a run each time it ran (a loop's body, up to EACH_RUN_LIMIT per key), as
 * VS Code evaluates a condition at each hit; any other line one per key.
 */
interface LineRun { file: string; line: number; operatorId: string | null; keyStr: string | null; views?: StateView[]; locals?: unknown }

export class Breakpoints {
  private list: Active[] = []
  private readonly hits = new Map<string, Map<string, LogpointHit>>()
  private deliveries: Delivery[] = []
  private expiries: Expiry[] = []
  private lineRuns: LineRun[] = []
  /** Runs kept this step by "line, operator, key". */
  private readonly linesSeen = new Map<string, number>()
  private stopObserving: (() => void) | null = null
  /** While refilling logpoints after a re-run: only these ids are evaluated. */
  only: Set<string> | null = null
  private readonly opsById: Map<string, KeyedProcessNode>
  /** The step's record as a Python job's expressions read it (evaluate), else undefined. */
  private eventText: string | undefined = undefined

  /**
   * The keyed operator and key whose call into the job is running (lines run there are its key's); null before
   * the step reaches a keyed call (a timestamp assigner or key selector runs before the key is known).
   */
  private currentOp: string | null = null
  private currentKey: string | null = null
  /** The job file's lines a breakpoint can hit on (asked of the run's line probe once). */
  private breakable: Set<number> | null = null
  /**
   * Lines whose breakpoint has a condition or log message: their key's state (and the frame's locals the expressions
   * name) is read as they start to run, at each run; by line, the names.
   */
  private readonly exprLines = new Map<number, string[]>()

  /** `python`: conditions and log messages are Python expressions (the job is a .py module). */
  constructor(private readonly run: JobRun, private readonly language: 'typescript' | 'python' = 'typescript',
    /** The job's file: line breakpoints name lines of it. */
    private readonly jobPath: string | null = null) {
    this.opsById = new Map(run.keyedOps.map((o) => [o.id, o]))
  }

  get active(): boolean { return this.list.length > 0 }

  /** Replaces every breakpoint; returns per breakpoint whether it compiled. Ids of logpoints that are new are returned too. */
  async set(specs: BreakpointSpec[]): Promise<{ status: BreakpointStatus[]; newLogpoints: string[] }> {
    const stateNames = new Set<string>()
    for (const op of this.run.keyedOps) for (const d of op.state.descriptors()) stateNames.add(d.name)
    const status: BreakpointStatus[] = []
    const next: Active[] = []
    const old = new Map(this.list.map((a) => [a.spec.id, a.spec]))
    const newLogpoints: string[] = []
    for (const spec of specs) {
      try {
        if (typeof spec.id !== 'string' || spec.id === '') throw new Error('a breakpoint needs a non-empty id')
        const condSrc = spec.kind === 'event' || spec.kind === 'state' ? spec.expression
          : spec.kind === 'line' && spec.condition !== undefined && spec.condition.trim() !== '' ? spec.condition : null
        const compile = (src: string, condition: boolean): Promise<Compiled> =>
          compileDebugExpression(this.language, src, [...stateNames], condition ? 'condition' : 'log', this.run.clock, this.noThis(spec))
        const cond = condSrc === null ? null : await compile(condSrc, true)
        const log = spec.log === undefined || spec.log === '' ? null : await compile(spec.log, false)
        const names = spec.kind !== 'line' ? [] : [condSrc, spec.log].flatMap((src) => (src == null ? [] : frameNames(src)))
        next.push({ spec, cond, log, names })
        const never = spec.kind === 'line' ? this.neverHits(spec.line, spec.file) : null
        status.push(never === null ? { id: spec.id, ok: true } : { id: spec.id, ok: true, unverified: never })
        const before = old.get(spec.id)
        if (log !== null && (before === undefined || JSON.stringify(before) !== JSON.stringify(spec))) {
          newLogpoints.push(spec.id)
          this.hits.set(spec.id, new Map())
        }
      } catch (e) {
        status.push({ id: String(spec.id), ok: false, error: (e as Error).message })
      }
    }
    for (const id of [...this.hits.keys()]) if (!next.some((a) => a.spec.id === id)) this.hits.delete(id)
    this.list = next
    this.observe()
    return { status, newLogpoints }
  }

  hitsOf(id: string): LogpointHit[] {
    const m = this.hits.get(id)
    if (m === undefined) return []
    return [...m.values()].sort((a, b) => a.step - b.step)
  }

  /** Call before each step. */
  beginStep(): void {
    if (this.deliveries.length > 0) this.deliveries = []
    if (this.expiries.length > 0) this.expiries = []
    if (this.lineRuns.length > 0) { this.lineRuns = []; this.linesSeen.clear() }
    this.run.lines?.nextStep(false)
    this.currentOp = null
    this.currentKey = null
  }

  /**
   * Matches the finished step (its view, and the outcome it was made of); records logpoint hits; returns the first
   * stopping hit, or null.
   */
  evaluate(v: StepView, outcome?: StepOutcome): BreakpointHit | null {
    let stop: BreakpointHit | null = null
    // A Python job's expressions read the record as the job did: from its line, where 3.0 is a float.
    const item = outcome !== undefined && outcome.kind === 'record' ? outcome.item : undefined
    this.eventText = this.language === 'python' && item?.kind === 'record' ? pythonRecordText(item) : undefined
    for (const a of this.list) {
      const s = a.spec
      if (s.enabled === false) continue
      if (this.only !== null && !this.only.has(s.id)) continue
      const logged: LogpointHit[] = []
      for (const [hit, ctx] of this.match(a, v)) {
        if (a.log !== null) {
          const r = this.call(a.log, ctx)
          const lh: LogpointHit = { ...hit, value: r.error === undefined ? show(r.value) : '' }
          if (r.error !== undefined) lh.error = r.error
          logged.push(lh)
        } else if (stop === null) {
          stop = hit
        }
      }
      if (logged.length === 0) continue
      const m = this.hits.get(s.id) ?? new Map<string, LogpointHit>()
      this.hits.set(s.id, m)
      for (const lh of readable(logged)) m.set(`${lh.step}\u0000${lh.detail}\u0000${lh.keyStr ?? ''}`, lh)
    }
    return stop
  }

  close(): void {
    this.stopObserving?.()
    this.stopObserving = null
  }

  /** Why an expression of `spec` has no `this` (Python's `self`, the job's keyed function at a key) wherever it runs, or null. */
  private noThis(spec: BreakpointSpec): string | null {
    if (this.run.keyedOps.length === 0) return 'the job has no keyed function (no process() after keyBy)'
    return spec.kind === 'event' ? 'an event breakpoint\'s predicate runs on the record before it reaches a key\'s call' : null
  }

  /** The keyed function at work for a key of the step and that key (`this` of an expression there), or undefined. */
  private keyedAt(keyStr: string | null, operatorId?: string | null): KeyedAt | undefined {
    if (keyStr === null) return undefined
    const op = operatorId != null ? this.opsById.get(operatorId) : this.run.keyedOps.find((o) => o.keys.get(keyStr) !== undefined)
    return op === undefined ? undefined : { fn: op.fn, state: op.state, keyStr }
  }

  /** The state of the step's current key, now (inside the job's call, as a watched line starts), for `line`'s expressions. */
  private stateAtLine(line: number): StateView[] | undefined {
    if (this.currentKey === null || this.currentOp === null || !this.exprLines.has(line)) return undefined
    const op = this.opsById.get(this.currentOp)
    // A copy: the step goes on and may change in place what the views hold.
    return op === undefined ? undefined : structuredClone(op.state.inspectKey(this.currentKey))
  }

  /** Why a line breakpoint can never hit (no code on its line), or null when it can. */
  private neverHits(line: number, file: string | undefined): string | null {
    if (!this.isJobFile(file)) return null
    const probe = this.run.lines
    if (probe === null) return 'this job\'s runtime cannot tell which lines run'
    try {
      this.breakable ??= new Set(probe.breakableLines())
    } catch (e) {
      return `which lines run cannot be known here: ${(e as Error).message}`
    }
    if (this.breakable.has(line)) return null
    return `no code runs on line ${line} (a blank line, a comment, a brace, or the inside of a statement begun on an earlier line): ` +
      'this breakpoint can never hit; put it on the line where the statement starts'
  }

  private isJobFile(file: string | undefined): boolean {
    return file === undefined || this.jobPath === null || file === this.jobPath
  }

  private match(a: Active, v: StepView): Array<[BreakpointHit, ExprContext]> {
    const s = a.spec
    const out: Array<[BreakpointHit, ExprContext]> = []
    const base: ExprContext = { step: v.step, watermark: v.watermark, input: v.input, event: v.input?.value }
    if (this.eventText !== undefined) base.eventText = this.eventText
    const hit = (keyStr: string | null, detail: string, extra: Partial<ExprContext> = {}, error?: string): void => {
      const h: BreakpointHit = { id: s.id, kind: s.kind, step: v.step, keyStr, detail }
      if (error !== undefined) h.error = error
      out.push([h, { ...base, key: keyStr === null ? undefined : keyFromString(keyStr), keyed: this.keyedAt(keyStr, s.operatorId), ...extra }])
    }
    const opOk = (id: string): boolean => s.operatorId === undefined || s.operatorId === id
    switch (s.kind) {
      case 'key': {
        const touched = new Set(v.touchedKeys)
        for (const d of this.deliveries) if (opOk(d.operatorId)) touched.add(d.keyStr)
        if (v.timer !== undefined && opOk(v.timer.operatorId)) touched.add(v.timer.keyStr)
        if (touched.has(s.keyStr)) hit(s.keyStr, `key ${s.keyStr}`, { state: this.stateOf(s.keyStr, s.operatorId) })
        break
      }
      case 'event': {
        if (v.kind !== 'record' || v.input === undefined) break
        const keyStr = this.deliveries[0]?.keyStr ?? null
        // The record by the name of the keyed function it goes to (the job's only one where no key took it) too.
        const to = this.opsById.get(this.deliveries[0]?.operatorId ?? '') ?? (this.run.keyedOps.length === 1 ? this.run.keyedOps[0] : undefined)
        const r = this.call(a.cond!, { ...base, eventOnly: { recordOf: to?.fn } })
        if (r.error !== undefined) hit(keyStr, 'event predicate threw', {}, r.error)
        // "recording line": beside the editor a bare "line 9" read as the job's line 9.
        else if (r.value) hit(keyStr, `event at recording line ${v.input.line}`)
        break
      }
      case 'timer': {
        const t = v.timer
        if (t === undefined || !opOk(t.operatorId)) break
        if (s.domain !== undefined && s.domain !== t.domain) break
        if (s.keyStr !== undefined && s.keyStr !== t.keyStr) break
        hit(t.keyStr, `${t.domain} timer at ${t.timestamp}`, { timer: t, state: this.stateOf(t.keyStr, t.operatorId), keyed: this.keyedAt(t.keyStr, t.operatorId) })
        break
      }
      case 'output':
        for (const o of v.outputs) {
          if (!opOk(o.operatorId) || (s.tag !== undefined && s.tag !== o.tag)) continue
          hit(o.keyStr, `output #${o.seq}${o.tag === null ? '' : ` (${o.tag})`}`, { output: o.value, keyed: this.keyedAt(o.keyStr, o.operatorId) })
        }
        break
      case 'late':
        for (const d of this.deliveries) {
          if (!opOk(d.operatorId) || d.ts === null || d.ts > d.watermark) continue
          hit(d.keyStr, `late event: timestamp ${d.ts} <= watermark ${d.watermark} of ${d.operatorId}`, { keyed: this.keyedAt(d.keyStr, d.operatorId) })
        }
        break
      case 'ttlExpiry':
        for (const e of this.expiries) {
          if (!opOk(e.operatorId) || (s.stateName !== undefined && s.stateName !== e.stateName)) continue
          hit(e.keyStr, `expired value of state "${e.stateName}"`, { keyed: this.keyedAt(e.keyStr, e.operatorId) })
        }
        break
      case 'line': {
        // A stop: once per step and key, at the first run of the line by the key's call whose condition holds. A
        // logpoint: at each such run (a loop's body), the second and later named by their run.
        const runs = new Map<string, number>()
        const done = new Set<string>()
        // A name the frame of a run lacks may be a local of another frame on the same line (a lambda's parameter,
        // where the method's own run of the line has none): that error is said only if no run of the key could read it.
        const unnamed = new Map<string, () => void>()
        const evaluated = new Set<string>()
        for (const l of this.lineRuns) {
          if (l.line !== s.line || !this.isJobFile(s.file) || (l.operatorId !== null && !opOk(l.operatorId))) continue
          const id = l.keyStr ?? ''
          const n = (runs.get(id) ?? 0) + 1
          runs.set(id, n)
          if (done.has(id)) continue
          const where = n === 1 ? `line ${s.line}` : `line ${s.line} (run ${n})`
          const lineOp = l.operatorId === null ? undefined : this.opsById.get(l.operatorId)
          const state = l.views !== undefined && lineOp !== undefined ? stateObject(l.views, lineOp.state)
            : l.keyStr === null ? {} : this.stateOf(l.keyStr, l.operatorId ?? undefined)
          const at = this.keyedAt(l.keyStr, l.operatorId)
          const keyed = at === undefined || l.views === undefined ? at : { ...at, views: l.views }
          const locals = l.locals === undefined ? {} : { locals: l.locals }
          if (a.cond !== null) {
            const r = this.call(a.cond, { ...base, key: l.keyStr === null ? undefined : keyFromString(l.keyStr), state, keyed, ...locals })
            if (r.error !== undefined && NOT_DEFINED.test(r.error)) {
              if (!unnamed.has(id)) unnamed.set(id, () => hit(l.keyStr, `condition at ${where} threw`, { state, keyed, ...locals }, r.error))
              continue
            }
            evaluated.add(id)
            // A throw would throw at each run: said once.
            if (r.error !== undefined || (r.value && a.log === null)) done.add(id)
            if (r.error !== undefined) hit(l.keyStr, `condition at ${where} threw`, { state, keyed, ...locals }, r.error)
            else if (r.value) hit(l.keyStr, where, { state, keyed, ...locals })
          } else {
            if (a.log === null) done.add(id)
            hit(l.keyStr, where, { state, keyed, ...locals })
          }
        }
        for (const [id, say] of unnamed) if (!evaluated.has(id)) say()
        break
      }
      case 'state': {
        const keys = new Set(v.touchedKeys)
        for (const d of this.deliveries) keys.add(d.keyStr)
        for (const op of this.run.keyedOps) {
          if (!opOk(op.id)) continue
          for (const k of keys) {
            if (op.keys.get(k) === undefined) continue
            const state = stateObject(op.state.inspectKey(k), op.state)
            const keyed: KeyedAt = { fn: op.fn, state: op.state, keyStr: k }
            const r = this.call(a.cond!, { ...base, key: keyFromString(k), state, keyed })
            if (r.error !== undefined) hit(k, 'state predicate threw', { state, keyed }, r.error)
            else if (r.value) hit(k, `state of ${k} in ${op.id}`, { state, keyed })
          }
        }
        break
      }
    }
    return out
  }

  private stateOf(keyStr: string, operatorId?: string): Record<string, unknown> {
    const op = operatorId !== undefined ? this.opsById.get(operatorId) : this.run.keyedOps.find((o) => o.keys.get(keyStr) !== undefined)
    return op === undefined ? {} : stateObject(op.state.inspectKey(keyStr), op.state)
  }

  private call(f: Compiled, ctx: ExprContext): { value?: unknown; error?: string } {
    const r = callExpression(this.run.rc.gate, 'breakpoint expression', f, ctx)
    return r.error === undefined ? { value: r.value } : { error: r.error.message }
  }

  /** Watches the run for what the breakpoints need beyond the step's view: deliveries, and TTL expiries. */
  private observe(): void {
    this.close()
    const kinds = new Set(this.list.map((a) => a.spec.kind))
    if (kinds.size === 0) return
    const observer: RunObserver = {
      onElement: (operatorId, keyStr, ts, watermark) => { this.deliveries.push({ operatorId, keyStr, ts, watermark }) },
    }
    if (kinds.has('ttlExpiry')) observer.beforeStateWrite = (meta, keyStr) => this.checkExpiry(meta, keyStr)
    const lines = new Set<number>()
    this.exprLines.clear()
    for (const a of this.list) {
      if (a.spec.kind !== 'line' || a.spec.enabled === false || !this.isJobFile(a.spec.file)) continue
      lines.add(a.spec.line)
      if (a.cond !== null || a.log !== null) this.exprLines.set(a.spec.line, [...new Set([...(this.exprLines.get(a.spec.line) ?? []), ...a.names])])
    }
    const probe = this.run.lines
    let unwatch: (() => void) | null = null
    if (lines.size > 0 && probe !== null) {
      // Which of the breakpoints' lines the step ran, any line with code (only while a line breakpoint is set):
      // the key is the one being processed, the operator the keyed one whose call is running.
      // A new key within the step: the probe tells its lines again (it tells a line once until told nextStep()).
      observer.onElement = (operatorId, keyStr, ts, watermark) => {
        this.currentOp = operatorId
        this.currentKey = keyStr
        this.deliveries.push({ operatorId, keyStr, ts, watermark })
        probe.nextStep(true)
      }
      observer.onTimerFiring = (operatorId, _domain, keyStr) => {
        this.currentOp = operatorId
        this.currentKey = keyStr
        probe.nextStep(true)
      }
      const file = this.jobPath ?? ''
      unwatch = watchOrNull(probe, lines, (line, frame) => {
        // A line in a loop runs many times: one entry per line, operator and key is all a plain breakpoint needs;
        // one with an expression gets each run (its condition may hold at the third only), up to the limit.
        const at = `${line}\u0000${this.currentOp ?? ''}\u0000${this.currentKey ?? ''}`
        const runs = this.linesSeen.get(at) ?? 0
        const names = this.exprLines.get(line)
        if (runs >= (names === undefined ? 1 : EACH_RUN_LIMIT)) return
        this.linesSeen.set(at, runs + 1)
        const locals = names !== undefined && names.length > 0 ? capture(frame, names) : undefined
        this.lineRuns.push({ file, line, operatorId: this.currentOp, keyStr: this.currentKey, views: this.stateAtLine(line), locals })
      }, new Set(this.exprLines.keys()))
    }
    const stop = this.run.observe(observer)
    this.stopObserving = unwatch === null ? stop : () => { stop(); unwatch() }
  }

  /**
   * A write to a TTL state whose stored value (or one of its elements/entries) is expired by the state's
   * clock: that is how a read (CL1) or a cleanup (CL3) removes or rewrites an expired value. Overwriting an
   * expired value without reading it counts too.
   */
  private checkExpiry(meta: TableMeta, keyStr: string): void {
    if (!meta.ttl) return
    const op = this.opsById.get(meta.operatorId)
    if (op === undefined) return
    const view = op.state.inspectKey(keyStr).find((sv) => sv.name === meta.stateName)
    if (view === undefined || !view.entries.some((e) => e.ttl?.expired === true)) return
    if (this.expiries.some((e) => e.operatorId === op.id && e.stateName === meta.stateName && e.keyStr === keyStr)) return
    this.expiries.push({ operatorId: op.id, stateName: meta.stateName, keyStr })
  }
}
