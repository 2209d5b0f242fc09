// The one way a debugger expression (a breakpoint's condition, a logpoint's message, a watch) is compiled and run:
// in the job's language (TypeScript through esbuild, or Python in the job's Pyodide), over the same context
// (event, key, the state names, step, watermark, ...), and called only through the run's user-code gate, so the
// watchdog sees it as the job's code and a throw comes back as the expression's error. It reads the job's clock: a
// TypeScript expression's Date, Math and performance are the job's (sandbox/job-globals.ts), a Python one's time
// and random are patched as the job file's are (python/_riffle_clock.py).
import { transform } from 'esbuild'
import { usingEsbuild } from '../sandbox/esbuild-use'
import type { StateView } from '../common/views'
import { EngineAbort, type UserCodeGate } from '../sandbox/gate'
import { CLOCK_GLOBAL_NAMES, expressionClock, jobGlobals, type JobClock } from '../sandbox/job-globals'
import { compilePythonExpression, type PythonExpressionMode } from '../sandbox/python/python-expression'
import { aggregateResult, privateMemberError, selfView, type KeyedAt } from './expression-self'
import type { OperatorState } from '../engine/state/operator-state'
import { readsTopLevelThis, thisRefusal } from './expression-this'
import { unchangedJob } from './expression-guard'
import { typescriptState } from './expression-map-state'

/** What an expression can use. State names that are identifiers are variables too ("count > 100"). */
const VARS = ['event', 'key', 'state', 'output', 'timer', 'step', 'watermark', 'input'] as const
export interface ExprContext {
  event?: unknown; key?: unknown; state?: Record<string, unknown>; output?: unknown; timer?: unknown
  step: number; watermark: number; input?: unknown
  /** A Python job's: the record's JSON text as the job decodes it (`3.0` a float), for event and input.value. */
  eventText?: string
  /** The keyed function at work and the key: what `this` (Python's `self`) reads; absent where none is. */
  keyed?: KeyedAt
  /** A line breakpoint's: the locals of the job's frame as the line ran (line-probe.ts FrameLocals), read before the context's own names. */
  locals?: unknown
  /**
   * An event predicate's: it reads the record before any key's call (no key, state or `this`); `recordOf` is the keyed
   * function the record goes to, whose process_element's (processElement's) parameter names the record too.
   */
  eventOnly?: { recordOf?: object }
}
export type Compiled = (ctx: ExprContext) => unknown
export type ExpressionLanguage = 'typescript' | 'python'

const RESERVED = new Set(('break case catch class const continue debugger default delete do else enum export extends false finally ' +
  'for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static ' +
  'await implements package protected interface private public arguments eval undefined').split(' '))
const IDENT = /^[A-Za-z_$][\w$]*$/

/**
 * Compiles `src` in the job's language; throws a readable error when it does not compile. `mode` is what a Python
 * expression's value becomes (a condition's truth, a log message's text, a watch's repr); a TypeScript
 * expression gives its value as it is. `clock`: the job's (JobRun.clock), which a TypeScript expression's Date, Math
 * and performance read. `noThis`: why no keyed function is at work where the expression runs (an event breakpoint's
 * predicate), so one reading `this` (`self`) is refused when set; null where one is.
 */
export function compileDebugExpression(language: ExpressionLanguage, src: string, stateNames: readonly string[], mode: PythonExpressionMode,
  clock: JobClock | null, noThis: string | null = null): Promise<Compiled> {
  if (language === 'typescript') return compileExpression(src, [...stateNames], clock, noThis)
  return compilePythonExpression(src, mode, noThis).then((f) => (ctx: ExprContext) => f(withMapEntries(ctx)))
}

/**
 * The names in `src` that may be locals of the job's frame (a line breakpoint's expression reads `x` of `for (const x
 * of list)`): its identifiers, not after a dot. The context's own names (event, key, the state names) are among them:
 * a local of that name wins, as VS Code evaluates a condition in the frame (a local `session` beside a state `session`
 * is the local); where the frame has none, the context's is read. Not `this`/`self`: the job's object is read as
 * expression-self.ts shows it.
 */
export function frameNames(src: string): string[] {
  const names = new Set<string>()
  for (const m of src.matchAll(/(?<![\w$.])[A-Za-z_$][\w$]*/g)) if (m[0] !== 'self' && !RESERVED.has(m[0])) names.add(m[0])
  return [...names]
}

/** Why `this` reads nothing where an expression ran: no keyed call was running (the context has no `keyed`). */
export const NO_KEYED_CALL = 'no keyed function was at work where it ran (a key selector, a timestamp assigner or a map before keyBy runs ' +
  'outside any key\'s call); `this` is the job\'s KeyedProcessFunction at a key'

/**
 * Calls a compiled expression through the gate (`what` names it in the error). Its value, or the gate's error when it
 * threw. The watchdog's stop of a Python expression (EngineAbort JOB_TIMEOUT) is thrown when `rethrowStops`: the
 * caller's call then fails as a stopped one, and the session's owner takes it back to where it stood.
 */
export function callExpression(gate: UserCodeGate, what: string, f: Compiled, ctx: ExprContext, rethrowStops = false): { value?: unknown; error?: Error } {
  try {
    return { value: gate.call1(what, f, null, ctx) }
  } catch (e) {
    if (rethrowStops && e instanceof EngineAbort) throw e
    return { error: e as Error }
  }
}

/**
 * One key's state as {stateName: value}, each as the job's read of it gives it: value-like states their value (or
 * null), lists arrays, maps objects, and an aggregating state what its get() gives, the aggregate function's result
 * (`state`'s aggregateOf), not the accumulator it stores (the key detail pane's). That result is read when the
 * expression first reads the name, so inside its call (the job's getResult runs under the gate), once. A map key other
 * than a string is named by its JSON text there (9 is "9", as a JavaScript object names it), so each map's entries are
 * kept too: a TypeScript expression reads a map as a Map of them (expression-map-state.ts), a Python one's dict is
 * built from them when a key is not a string (withMapEntries); both tell 9 from "9".
 */
export function stateObject(views: StateView[], state: Pick<OperatorState, 'aggregateOf'>): Record<string, unknown> {
  const o: Record<string, unknown> = {}
  let entries: Record<string, Array<[unknown, unknown]>> | undefined
  for (const sv of views) {
    if (sv.kind === 'list') o[sv.name] = sv.entries.map((e) => e.value)
    else if (sv.kind === 'map') {
      o[sv.name] = Object.fromEntries(sv.entries.map((e) => [typeof e.entryKey === 'string' ? e.entryKey : JSON.stringify(e.entryKey), e.value]))
      ;(entries ??= {})[sv.name] = sv.entries.map((e) => [e.entryKey, e.value])
    } else if (sv.kind === 'aggregating') readOnce(o, sv.name, () => aggregateResult(sv.name, sv.entries.length > 0 ? sv.entries[0].value : null, state.aggregateOf(sv.name)))
    else o[sv.name] = sv.entries.length > 0 ? sv.entries[0].value : null
  }
  if (entries !== undefined) mapEntries.set(o, entries)
  return o
}

/** o[name] as read(), called at the first read of it (a destructuring, JSON.stringify) and kept. */
function readOnce(o: Record<string, unknown>, name: string, read: () => unknown): void {
  Object.defineProperty(o, name, {
    enumerable: true, configurable: true,
    get: () => {
      const value = read()
      Object.defineProperty(o, name, { value, enumerable: true, configurable: true, writable: true })
      return value
    },
  })
}

/**
 * The [key, value] entries of the maps of a stateObject(), by state name. Kept
 * beside the object, not in it: the object is what a TypeScript expression and a hit's shown state read.
 */
const mapEntries = new WeakMap<object, Record<string, Array<[unknown, unknown]>>>()

/** ctx for a Python expression: with its state's maps' entries (stateObject), which build its dicts there. */
function withMapEntries(ctx: ExprContext): ExprContext & { mapEntries?: Record<string, Array<[unknown, unknown]>> } {
  const all = ctx.state === undefined ? undefined : mapEntries.get(ctx.state)
  // Only a map with a key other than a string: the others' dicts are the object's as it crosses.
  const entries = all === undefined ? [] : Object.entries(all).filter(([, es]) => es.some(([k]) => typeof k !== 'string'))
  return entries.length === 0 ? ctx : { ...ctx, mapEntries: Object.fromEntries(entries) }
}

/**
 * What the expression is assigned to for esbuild: as a statement of its own, a value with no side effects (`NaN`,
 * `undefined`, `Infinity`, `void 0`) was dropped as dead code, and the watch `NaN` said "the expression is empty".
 */
const ASSIGNED = '__riffleValue = '

/**
 * Compiles a TypeScript expression into a function of the context; throws a readable error when it does not compile.
 * With the job's `clock`, its Date, Math and performance are the job's, made afresh for each call: the same call at
 * the same step reads the same time and draws the same numbers (without one, they are the real ones).
 */
export async function compileExpression(src: string, stateNames: string[], clock: JobClock | null = null, noThis: string | null = null): Promise<Compiled> {
  if (src.trim() === '') throw new Error('the expression is empty')
  let js: string
  try {
    js = (await usingEsbuild(() => transform(`${ASSIGNED}(${src}\n)`, { loader: 'ts', format: undefined }))).code.trim().replace(/;$/, '')
  } catch (e) {
    throw new Error(expressionError(src, e), { cause: e })
  }
  if (!js.startsWith(ASSIGNED)) throw new Error(`expression does not compile: it is not one expression (${JSON.stringify(src.trim().slice(0, 80))})`)
  const usesThis = await readsTopLevelThis(`${ASSIGNED}(${src}\n)`, js)
  const refused = usesThis ? thisRefusal(src, noThis) : null
  if (refused !== null) throw new Error(refused)
  js = js.slice(ASSIGNED.length)
  // Only the names the expression reads: an aggregating state's name runs the job's getResult when read (stateObject).
  const names = stateNames.filter((n) => IDENT.test(n) && !RESERVED.has(n) && !(VARS as readonly string[]).includes(n) && namesWord(js, n))
  const destructure = names.length > 0 ? `const { ${names.join(', ')} } = state ?? {};\n` : ''
  // The user's own debugger expression, called only through the gate. The clock's globals are the outer function's
  // parameters, so a state named like one of them (`Date`) is still the state inside.
  // A line's frame locals (ExprContext.locals) over the context's names, the state names too: `with` over them (the
  // function is not strict), inside the state's destructuring, so a local wins as it does in the frame (frameNames).
  const outer = new Function(...CLOCK_GLOBAL_NAMES, `return function (${VARS.join(', ')}, ${LOCALS}) {\n${destructure}with (${LOCALS}) {\nreturn ${js};\n}\n}`)
  // `this`: the job's function object as the expression's key reads it (expression-self.ts), made only for one that reads it.
  const self = (c: ExprContext): unknown => (!usesThis ? undefined : c.keyed !== undefined ? selfView(c.keyed) : noSelf())
  const run = (f: (...a: unknown[]) => unknown, c: ExprContext): unknown =>
    f.call(self(c), c.event, c.key, typescriptState(c.state, c.state === undefined ? undefined : mapEntries.get(c.state)), c.output, c.timer, c.step, c.watermark, c.input, c.locals ?? NO_LOCALS)
  // A change to the job's object that `this` could not refuse is undone and refused (expression-guard.ts).
  const guarded = (f: (...a: unknown[]) => unknown, c: ExprContext): unknown =>
    (c.keyed === undefined ? run(f, c) : unchangedJob(c.keyed.fn, () => run(f, c)))
  // A #private member the job's method uses cannot be read on `this`, a copy: said so (privateMemberError).
  const call = !usesThis ? run : (f: (...a: unknown[]) => unknown, c: ExprContext): unknown => {
    try {
      return guarded(f, c)
    } catch (e) {
      throw privateMemberError(e)
    }
  }
  // Without the job's clock, or for an expression naming none of its globals (most conditions: `event_count >= 2`),
  // one function serves every call: a condition is asked at every run of its line, and the clock's globals (a Date
  // class among them) cost more to make than the condition to run. A global is reached only by its name here.
  if (clock === null || !CLOCK_GLOBAL_NAMES.some((n) => new RegExp(`\\b${n}\\b`).test(js))) {
    const fixed = outer(Date, Math, performance)
    return (c) => call(fixed, c)
  }
  const own = expressionClock(clock)
  return (c) => {
    const g = jobGlobals(own)
    return call(outer(...CLOCK_GLOBAL_NAMES.map((n) => g[n])), c)
  }
}

/** The parameter the frame's locals come in as, and where there are none. */
const LOCALS = '__riffleLocals'
const NO_LOCALS = Object.freeze(Object.create(null) as object)

/** Whether `js` has `name` as a word of its own (not inside a longer identifier). */
function namesWord(js: string, name: string): boolean {
  for (let at = js.indexOf(name); at !== -1; at = js.indexOf(name, at + 1)) {
    if (!/[\w$]/.test(js.charAt(at - 1)) && !/[\w$]/.test(js.charAt(at + name.length))) return true
  }
  return false
}

/** `this` where no keyed call was running: any read of it throws, saying why. */
function noSelf(): object {
  return new Proxy({}, { get: (_t, p) => { throw new TypeError(`this.${String(p)}: ${NO_KEYED_CALL}`) } })
}

/**
 * esbuild's first complaint about `(src\n)` in the user's own terms: where in the expression as typed, and an
 * error at the closing parenthesis Riffle added (\`Unexpected ")"\`, a parenthesis the user never typed) as an
 * expression that ends unfinished.
 */
function expressionError(src: string, e: unknown): string {
  const first = (e as { errors?: Array<{ text: string; location?: { line: number; column: number } | null }> }).errors?.[0]
  if (first === undefined) return `expression does not compile: ${(e as Error).message}`
  const lines = src.split('\n')
  const at = first.location
  if (at && at.line > lines.length) return `expression does not compile: it ends unfinished after ${JSON.stringify(src.trim())}`
  // Line 1 has the added assignment and "(" before the expression; columns are 0-based, the user's 1-based.
  const col = at && at.line === 1 ? at.column - ASSIGNED.length : (at?.column ?? 0) + 1
  const where = !at ? '' : lines.length === 1 ? ` at column ${col}` : ` at line ${at.line}, column ${col}`
  return `expression does not compile${where}: ${first.text}`
}

