// What the typed-value Python tests share (python-declared-types, python-pyflink-row, python-typed-state-debugger):
// Pyodide warmed once per file, the job file's name, and three records with a whole float and a fraction.
import { beforeAll } from 'vitest'
import { pythonRuntime } from '../../../src-main/sandbox/python/pyodide-runtime'

export const PY = { jobName: 'job.py' }

/** Loads Pyodide before the file's tests (its cold start is not a test's time). */
export function warmPythonOnce(): void {
  beforeAll(async () => { await pythonRuntime() }, 300_000)
}

export const TYPED_EVENTS = [
  { user: 'a', ts: 1000, amount: 3.0 },
  { user: 'b', ts: 2000, amount: 1.5 },
  { user: 'a', ts: 3000, amount: 2.0 },
]
