// The one entry for loading a job file, whatever its language: TypeScript/JavaScript through esbuild, Python
// (.py) through Pyodide. Both give the engine the same (main, mapper) pair.
import { extname } from 'node:path'
import { type CompiledJob, compileJob } from './compile-job'
import { loadJob, type LoadedJob } from './load-job'
import { loadPythonJob } from './python/load-python-job'

export function isPythonJob(jobPath: string): boolean {
  return extname(jobPath).toLowerCase() === '.py'
}

/** `compiled`: a TypeScript job compiled beforehand (the debugger compiles in the service's thread). */
export async function loadJobFile(jobPath: string, source?: string, compiled?: CompiledJob): Promise<LoadedJob> {
  if (isPythonJob(jobPath)) return loadPythonJob(jobPath, source)
  return loadJob(compiled ?? await compileJob(jobPath, source))
}
