// Debugger expressions of a Python job (breakpoint conditions, log messages, watches), written in Python: evaluated
// in this thread's Pyodide over the same context a TypeScript expression sees (event, key, the state names, ...).
import { pythonRuntime } from './pyodide-runtime'
import { watchdogInterrupted } from '../job-interrupt'

/**
 * What the value becomes: a condition's truth (Python's), a log message's text (a str as it is, else its repr), or a
 * watch's text (its repr).
 */
export type PythonExpressionMode = 'condition' | 'log' | 'watch'

interface ExpressionModule {
  compile_expression(src: string, noSelf: string | null): string
  eval_expression(id: number, context: string, mode: PythonExpressionMode): string
}

/**
 * Compiles `src`; throws a readable error when it does not compile, or reads `self` where no keyed function is at work
 * (`noSelf` says why), or writes through `self`. Its `self` is the function the context's `keyed.fn` names (a
 * PythonKeyedFunction's pythonSelf), as python/_riffle_self.py reads it.
 */
export async function compilePythonExpression(src: string, mode: PythonExpressionMode, noSelf: string | null = null): Promise<(ctx: object) => unknown> {
  const py = await pythonRuntime()
  const m = py.pyimport('_riffle_expressions') as unknown as ExpressionModule
  const compiled = JSON.parse(m.compile_expression(src, noSelf)) as { id?: number; error?: string; names?: string[] }
  if (compiled.error !== undefined) throw new Error(compiled.error)
  const id = compiled.id as number
  const names = new Set(compiled.names ?? [])
  // Through self any state may be read; else only the names it has.
  const reads = (name: string): boolean => names.has('self') || names.has(name)
  return (ctx) => {
    // The context crosses as JSON: the keyed function as its index in Python's list (or null where none is at work).
    const { keyed, state, eventOnly, ...rest } = ctx as { keyed?: { fn: { pythonSelf?: number } }; state?: Record<string, unknown>; eventOnly?: { recordOf?: { pythonSelf?: number } } }
    const self = keyed?.fn.pythonSelf ?? null
    // An event predicate's: the function its record goes to, by the same index (it names the record, it is no self).
    const only = eventOnly === undefined ? {} : { eventOnly: { recordOf: eventOnly.recordOf?.pythonSelf ?? null } }
    const context = { ...rest, self, ...only, ...(state === undefined ? {} : { state: namedOnly(state, reads) }) }
    const [ok, value] = JSON.parse(m.eval_expression(id, JSON.stringify(context), mode)) as [boolean | 'interrupted', unknown]
    // The watchdog's KeyboardInterrupt of an expression that never returns: a stop, not the expression's error.
    if (ok === 'interrupted') throw watchdogInterrupted(undefined)
    if (!ok) throw new Error(String(value))
    return value
  }
}

/**
 * `state` for the crossing: a value read when first read (an aggregating state's result, which runs the job's
 * get_result: debug-expression.ts stateObject) is read only for a name the expression `reads`; another is null, its
 * name still listed (a NameError says which names there are). The object itself when it has no such value.
 */
function namedOnly(state: Record<string, unknown>, reads: (name: string) => boolean): Record<string, unknown> {
  const lazy = Object.keys(state).filter((k) => Object.getOwnPropertyDescriptor(state, k)?.get !== undefined && !reads(k))
  if (lazy.length === 0) return state
  const out: Record<string, unknown> = {}
  for (const k of Object.keys(state)) out[k] = lazy.includes(k) ? null : state[k]
  return out
}
