// The app's Watch list (session.watch): expressions in the job's language evaluated at the step the session stands
// at, for one key of one keyed operator, over what a breakpoint condition sees there (key, the key's state names,
// `state`, `event`, `watermark`, `step`). Compiled and called as every debugger expression is (debug-expression.ts):
// through the gate, so one that never returns is stopped by the watchdog; each gets its state as a copy, so nothing
// an expression does changes the run.
import { inspect } from 'node:util'
import { type WatchValue, MAX_WATCH_LENGTH, MAX_WATCHES } from '../common/debug-api'
import { RiffleError } from '../common/errors'
import type { StepOutcome } from '../engine/runtime/driver'
import type { JobRun } from '../engine/runtime/job-run'
import { keyFromString } from '../engine/runtime/key-codec'
import { pythonRecordText } from '../sandbox/python/record-text'
import { HB_WATCH, UserCodeError } from '../sandbox/gate'
import { callExpression, compileDebugExpression, type Compiled, type ExpressionLanguage, type ExprContext, stateObject } from './debug-expression'

/** Characters of a value's JSON (or text) a watch returns at most: a longer one is cut, and says so. */
export const WATCH_SHOWN_CHARS = 20_000
/** Compiled expressions kept (by source): a watch is evaluated again at every stop, compiled once. */
const KEEP_COMPILED = 500

export class WatchExpressions {
  /** The step the session stands at and what it was: its record is `event` while the session is still there. */
  private standing: { step: number; outcome: StepOutcome } | null = null
  private readonly compiled = new Map<string, Promise<Compiled>>()

  constructor(private readonly run: JobRun, private readonly language: ExpressionLanguage) {}

  /**
   * The session's own moves (a step, a seek) say where it now stands. Answers that re-run the past (a trace, a
   * history) return to the same step, so what is noted stays true; a note of another step is not used.
   */
  stoodAt(step: number, outcome: StepOutcome): void { this.standing = { step, outcome } }

  async evaluate(operatorId: string, keyStr: string, expressions: readonly string[]): Promise<WatchValue[]> {
    if (!Array.isArray(expressions) || expressions.length > MAX_WATCHES) {
      throw new RiffleError('BAD_ARGUMENT', `watch: expressions must be a list of at most ${MAX_WATCHES}`)
    }
    const bad = expressions.findIndex((e) => typeof e !== 'string' || e.length > MAX_WATCH_LENGTH)
    if (bad >= 0) throw new RiffleError('BAD_ARGUMENT', `watch: expression ${bad + 1} must be text of at most ${MAX_WATCH_LENGTH} characters`)
    const op = this.run.keyedOps.find((o) => o.id === operatorId)
    if (op === undefined) throw new RiffleError('BAD_ARGUMENT', `watch: no keyed operator ${JSON.stringify(operatorId)} (keyed ones: ${this.run.keyedOps.map((o) => o.id).join(', ')})`)
    let key: unknown
    try {
      key = keyFromString(keyStr)
    } catch {
      throw new RiffleError('BAD_ARGUMENT', `watch: the key ${JSON.stringify(keyStr.slice(0, 200))} is not a key's JSON text`)
    }
    const stateNames = op.state.descriptors().map((d) => d.name)
    const out: WatchValue[] = []
    const hb = this.run.rc.gate.heartbeat
    for (const [i, expression] of expressions.entries()) {
      let f: Compiled
      try {
        f = await this.compile(expression, stateNames)
      } catch (e) {
        out.push({ expression, error: (e as Error).message })
        continue
      }
      // A fresh context each: an expression that changes its state or event object changes nothing for the next.
      const ctx = this.context(key, op.state.inspectKey(keyStr), op.state)
      ctx.keyed = { fn: op.fn, state: op.state, keyStr } // `this` (`self`): the operator's function at this key
      // Its place in the heartbeat: when the watchdog stops it, the session's owner knows which one never returned.
      Atomics.store(hb, HB_WATCH, i + 1)
      let r: ReturnType<typeof callExpression>
      try {
        r = callExpression(this.run.rc.gate, 'watch expression', f, ctx, true)
      } finally {
        Atomics.store(hb, HB_WATCH, 0)
      }
      out.push(r.error === undefined ? this.shown(expression, r.value) : { expression, error: this.thrown(r.error) })
    }
    return out
  }

  private context(key: unknown, states: Parameters<typeof stateObject>[0], aggregates: Parameters<typeof stateObject>[1]): ExprContext {
    const rc = this.run.rc
    const ctx: ExprContext = { step: rc.step, watermark: this.run.watermark(), key: structuredClone(key), state: stateObject(states, aggregates) }
    const s = this.standing
    if (s !== null && s.step === rc.step && s.outcome.kind === 'record' && s.outcome.item.kind === 'record') {
      const item = s.outcome.item
      ctx.event = structuredClone(item.value)
      if (this.language === 'python') ctx.eventText = pythonRecordText(item)
    } else if (this.language === 'python') {
      ctx.event = null // Python's None: the context crosses as JSON, where an undefined `event` would be no name at all
    }
    return ctx
  }

  private compile(src: string, stateNames: string[]): Promise<Compiled> {
    let p = this.compiled.get(src)
    if (p === undefined) {
      p = compileDebugExpression(this.language, src, stateNames, 'watch', this.run.clock)
      if (this.compiled.size >= KEEP_COMPILED) this.compiled.delete(this.compiled.keys().next().value as string)
      this.compiled.set(src, p)
    }
    return p
  }

  /**
   * A TypeScript value as JSON data when it is that, else as text; a Python value always as its repr (a Python watch
   * gives that text), as a Python debugger shows it: None, True, 1708848120.0, {'a': 1}, not the engine's JSON.
   */
  private shown(expression: string, v: unknown): WatchValue {
    if (this.language === 'python') return textOf(expression, String(v))
    if (!isJsonData(v, new Set())) return textOf(expression, inspect(v, { depth: 4, breakLength: Infinity, maxArrayLength: 100, maxStringLength: WATCH_SHOWN_CHARS }))
    const json = JSON.stringify(v)
    return json.length > WATCH_SHOWN_CHARS ? textOf(expression, json) : { expression, value: JSON.parse(json) }
  }

  /** What it threw, as the language says it: "ReferenceError: x is not defined", "NameError: name 'x' is not defined". */
  private thrown(e: Error): string {
    const original = e instanceof UserCodeError ? e.original : e
    if (!(original instanceof Error)) return `threw ${inspect(original, { depth: 2, breakLength: Infinity })}`
    // A Python expression's error crosses as an Error whose message is Python's own "Type: message".
    return this.language === 'python' ? original.message : String(original)
  }
}

/** A value shown as text, cut (and saying so) past WATCH_SHOWN_CHARS: a repr, or JSON too long to send whole. */
function textOf(expression: string, text: string): WatchValue {
  return text.length > WATCH_SHOWN_CHARS ? { expression, text: text.slice(0, WATCH_SHOWN_CHARS), cut: true } : { expression, text }
}

/** JSON data, exactly (what JSON.stringify writes back as the same value): no undefined, NaN, function, Map, Date, cycle. */
function isJsonData(v: unknown, seen: Set<object>): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true
  if (typeof v === 'number') return Number.isFinite(v)
  if (typeof v !== 'object' || seen.has(v)) return false
  seen.add(v)
  const ok = Array.isArray(v)
    ? v.every((x) => isJsonData(x, seen))
    : (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null) && Object.values(v).every((x) => isJsonData(x, seen))
  seen.delete(v)
  return ok
}
