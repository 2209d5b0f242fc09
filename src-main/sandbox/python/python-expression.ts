// Breakpoint conditions and log messages for a Python job, written in Python: evaluated in this thread's Pyodide
// over the same context a TypeScript expression sees (event, key, the state names, output, timer, step, ...).
import { pythonRuntime } from './pyodide-runtime'

interface ExpressionModule {
  compile_expression(src: string): string
  eval_expression(id: number, context: string, condition: boolean): string
}

/** Compiles `src`; throws a readable error when it does not compile. A condition yields Python's truth. */
export async function compilePythonExpression(src: string, condition: boolean): Promise<(ctx: object) => unknown> {
  const py = await pythonRuntime()
  const m = py.pyimport('_riffle_expressions') as unknown as ExpressionModule
  const compiled = JSON.parse(m.compile_expression(src)) as { id?: number; error?: string }
  if (compiled.error !== undefined) throw new Error(compiled.error)
  const id = compiled.id as number
  return (ctx) => {
    const [ok, value] = JSON.parse(m.eval_expression(id, JSON.stringify(ctx), condition)) as [boolean, unknown]
    if (!ok) throw new Error(String(value))
    return value
  }
}
