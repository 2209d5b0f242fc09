// Python's own compile() of a job's source in this thread's Pyodide: the editor's live check (the syntax worker) and
// `riffle export` (which refuses a job the cluster could not load) ask the same question here.
import type { SyntaxProblem } from '../../common/contract'
import { pythonRuntime } from './pyodide-runtime'

/** The source's SyntaxError as Python reports it (its line and column), or null when it compiles. */
export async function pythonSyntaxProblem(source: string, path: string): Promise<SyntaxProblem | null> {
  const py = await pythonRuntime()
  const riffle = py.pyimport('_riffle_job') as unknown as { syntax_error(source: string, path: string): string | null | undefined }
  const found = riffle.syntax_error(source, path)
  return typeof found === 'string' ? JSON.parse(found) as SyntaxProblem : null
}
