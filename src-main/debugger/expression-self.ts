// What `this` is in a TypeScript debugger expression (a breakpoint's condition or log message, a watch), as a
// condition in a method sees it in VS Code: a read-only view of the job's KeyedProcessFunction object. The
// expression runs after the step, outside the job's methods, and the engine's state handles read the current key, so
// a field holding a handle (the very object ctx.getState gave open(), found by the operator's state, not by the
// field's name) reads the state of the expression's key, as the by-name reads do (`this.sessionStart.value()` is
// `session_start`; a line breakpoint's, as its line started to run: KeyedAt.views); any other field is a copy of its value now. A write (`this.limit = 3`, `this.count.update(1)`)
// throws, saying the expression only reads.
import type { OperatorState } from '../engine/state/operator-state'
import type { StateView } from '../common/views'
import { EngineAbort } from '../sandbox/gate'
import { expressionFunction } from './expression-functions'
import { COPY, ObjectCopier } from '../engine/runtime/object-copy'

/** The keyed function at work where an expression runs, and the key whose state its `this` reads. */
export interface KeyedAt {
  fn: object
  state: OperatorState
  keyStr: string
  /** The key's state as a line breakpoint's line started to run (breakpoints.ts), read instead of the state now. */
  views?: StateView[]
}

/** The error a write through an expression's `this` (or a map state's Map, expression-map-state.ts) throws. */
export function readOnly(what: string): never {
  throw new TypeError(`${what}: a debugger expression only reads the job (it runs after the step, outside the job's methods); ` +
    'it cannot change a field or a state')
}

/** `this` of an expression at `at`: its fields read the job's function object now, its state handles the key's state. */
export function selfView(at: KeyedAt): object {
  let views: StateView[] | null = null
  const stateNamed = (name: string): StateView | undefined => (views ??= at.views ?? at.state.inspectKey(at.keyStr)).find((v) => v.name === name)
  // A field holding a state handle reads the key's state; a function the job keeps in a field may carry the job's
  // own object (expression-functions.ts says which run); any other value is a copy. A getter runs on the copy (`this`
  // is it), not on the job's object, when it is read.
  const copier = new ObjectCopier((v, path) => {
    const h = at.state.handleOf(v)
    if (h !== undefined) return stateFacade(h.name, h.kind, () => stateNamed(h.name), path, h.aggregate)
    return typeof v === 'function' ? expressionFunction(v as (...a: unknown[]) => unknown, path) : COPY
  }, (get, path) => expressionFunction(get as () => unknown, path, true))
  const fn = at.fn as Record<string | symbol, unknown>
  const target = Object.create(Object.getPrototypeOf(fn) as object | null) as Record<string | symbol, unknown>
  copier.copyFields(fn, target, 'this')
  // The job's methods stay callable (this.isLate(event)), with `this` the view, so a method that writes throws too.
  return new Proxy(target, {
    set: (_t, p) => readOnly(`this.${String(p)} = …`),
    defineProperty: (_t, p) => readOnly(`this.${String(p)} = …`),
    deleteProperty: (_t, p) => readOnly(`delete this.${String(p)}`),
    setPrototypeOf: () => readOnly('Object.setPrototypeOf(this, …)'),
  })
}

/**
 * What an expression reading `this` throws for `e`: V8's TypeError for a #private member the job's code used on the
 * view ("Cannot read private member #limit from an object whose class did not declare it") said so, with what to do;
 * any other error as it is. The view cannot hold the job's #private members (JavaScript gives them to the object its
 * class made only), and calling the method on the job's own object instead would let it change the run (a #private
 * write cannot be refused or undone), so such a call is refused, not run.
 */
export function privateMemberError(e: unknown): unknown {
  if ((e as Error | null)?.name !== 'TypeError' || typeof (e as Error).message !== 'string') return e
  const message = (e as Error).message
  const member = /^Cannot (read|write) private member (#[\w$]+) (?:from|to) an object whose class did not declare it$/.exec(message)
  const receiver = member === null && /^Receiver must be an instance of class /.test(message)
  if (member === null && !receiver) return e
  const what = member !== null ? `${member[1] === 'read' ? 'read' : 'wrote'} ${member[2]}, a #private member` : 'used a #private method or accessor'
  const plain = member !== null ? ` (private ${member[2].slice(1)})` : ''
  return new TypeError(`this: the job's code ${what}: a debugger expression's \`this\` is a read-only copy of the job's object (nothing it ` +
    'does changes the run), and JavaScript gives no copy the #private members of an object; call no method that uses one in an ' +
    `expression, or make it a TypeScript \`private\` member${plain}, which the copy has`, { cause: e })
}

/**
 * A state handle's read-only stand-in: its reads give the key's state as the by-name reads do (a copy at each call),
 * its writes throw. `path` is the field as the expression names it (this.count).
 */
function stateFacade(name: string, kind: StateView['kind'], view: () => StateView | undefined, path: string,
  aggregate: { getResult(acc: unknown): unknown } | null): object {
  const entries = (): StateView['entries'] => view()?.entries ?? []
  const one = (): unknown => (entries().length > 0 ? structuredClone(entries()[0]!.value) : null)
  const write = (call: string) => (): never => readOnly(`${path}.${call}(…) (state "${name}")`)
  const clear = write('clear')
  switch (kind) {
    case 'value':
      return { value: one, update: write('update'), clear }
    case 'list': {
      const get = (): unknown[] => entries().map((e) => structuredClone(e.value))
      return { get, [Symbol.iterator]: () => get()[Symbol.iterator](), add: write('add'), addAll: write('addAll'), update: write('update'), clear }
    }
    case 'map': {
      const find = (k: unknown): StateView['entries'][number] | undefined => entries().find((e) => sameKey(e.entryKey, k))
      return {
        get: (k: unknown): unknown => { const e = find(k); return e === undefined ? null : structuredClone(e.value) },
        contains: (k: unknown): boolean => find(k) !== undefined,
        entries: (): Array<[unknown, unknown]> => entries().map((e) => [structuredClone(e.entryKey), structuredClone(e.value)]),
        keys: (): unknown[] => entries().map((e) => structuredClone(e.entryKey)),
        values: (): unknown[] => entries().map((e) => structuredClone(e.value)),
        isEmpty: (): boolean => entries().length === 0,
        put: write('put'), putAll: write('putAll'), remove: write('remove'), clear,
      }
    }
    case 'reducing':
      return { get: one, add: write('add'), clear }
    case 'aggregating':
      return { get: (): unknown => aggregateResult(name, one(), aggregate), add: write('add'), clear }
  }
}

/**
 * What an AggregatingState's get() gives for the accumulator `acc` the key stores, as Flink's does: the aggregate
 * function's result of it (null when the key has none). A debugger expression reads the state so by its name
 * (debug-expression.ts stateObject) and through `this`; the key detail pane shows the accumulator, what is stored. It
 * runs the job's getResult, so only inside the expression's call (the gate's watchdog sees it), on a copy.
 */
export function aggregateResult(name: string, acc: unknown, aggregate: { getResult(acc: unknown): unknown } | null): unknown {
  if (acc === null || aggregate === null) return acc
  try {
    return aggregate.getResult(structuredClone(acc))
  } catch (e) {
    // The watchdog's stop passes as it is; the job's error is the expression's, naming the state it was reading.
    if (e instanceof EngineAbort || !(e instanceof Error)) throw e
    throw new Error(`reading state "${name}" (its aggregate function's result of the accumulator): ${e.name}: ${e.message}`, { cause: e })
  }
}

/** A map state's key as the job's own get(key) finds it: the same JSON data. */
function sameKey(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b))
}
