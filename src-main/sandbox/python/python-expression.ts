// Debugger expressions of a Python job (breakpoint conditions, log messages, watches), written in Python: evaluated
// in this thread's Pyodide over the same context a TypeScript expression sees (event, key, the state names, ...).
import { pythonRuntime } from './pyodide-runtime'
import { watchdogInterrupted } from './python-bridge'

/**
 * What the value becomes: a condition's truth (Python's), a log message's text (a str as it is, else its repr), or a
 * watch's value ({json} when it is JSON data, else {repr}).
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
  const compiled = JSON.parse(m.compile_expression(src, noSelf)) as { id?: number; error?: string }
  if (compiled.error !== undefined) throw new Error(compiled.error)
  const id = compiled.id as number
  return (ctx) => {
    // The context crosses as JSON: the keyed function as its index in Python's list (or null where none is at work).
    const { keyed, ...rest } = ctx as { keyed?: { fn: { pythonSelf?: number } } }
    const self = keyed?.fn.pythonSelf ?? null
    const [ok, value] = JSON.parse(m.eval_expression(id, JSON.stringify({ ...rest, self }), mode)) as [boolean | 'interrupted', unknown]
    // The watchdog's KeyboardInterrupt of an expression that never returns: a stop, not the expression's error.
    if (ok === 'interrupted') throw watchdogInterrupted(undefined)
    if (!ok) throw new Error(String(value))
    return value
  }
}
