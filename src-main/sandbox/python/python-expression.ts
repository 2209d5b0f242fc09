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
  compile_expression(src: string): string
  eval_expression(id: number, context: string, mode: PythonExpressionMode): string
}

/** Compiles `src`; throws a readable error when it does not compile. */
export async function compilePythonExpression(src: string, mode: PythonExpressionMode): Promise<(ctx: object) => unknown> {
  const py = await pythonRuntime()
  const m = py.pyimport('_riffle_expressions') as unknown as ExpressionModule
  const compiled = JSON.parse(m.compile_expression(src)) as { id?: number; error?: string }
  if (compiled.error !== undefined) throw new Error(compiled.error)
  const id = compiled.id as number
  return (ctx) => {
    const [ok, value] = JSON.parse(m.eval_expression(id, JSON.stringify(ctx), mode)) as [boolean | 'interrupted', unknown]
    // The watchdog's KeyboardInterrupt of an expression that never returns: a stop, not the expression's error.
    if (ok === 'interrupted') throw watchdogInterrupted(undefined)
    if (!ok) throw new Error(String(value))
    return value
  }
}
