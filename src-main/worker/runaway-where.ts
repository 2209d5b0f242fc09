// Where a runaway job is when the watchdog stops it, asked from the owning thread before the worker is
// terminated. TypeScript: the worker is paused through the inspector (paused-frames.ts) and the innermost frame
// of the job's script is mapped through the job's source map. Python: Pyodide's interrupt buffer gets SIGINT,
// the loop raises KeyboardInterrupt, and the worker answers with the error its traceback placed
// (python-bridge.ts turns it into JOB_TIMEOUT at the job's line). Either gives up after `timeoutMs`.
import type { Worker } from 'node:worker_threads'
import type { ErrorInfo, ErrorWhere } from '../common/errors'
import { mapJobScriptPosition } from '../sandbox/job-errors'
import { pausedFrames } from './paused-frames'

/** The job a worker runs, as the watchdog needs it. */
export interface RunawayJob {
  python: boolean
  /** A TypeScript job's compiled form (its path and source map), to map a paused frame to the job's line. */
  compiled?: { path: string; sourceMap: string }
}

export interface RunawayPlace { where: Required<ErrorWhere>; functionName?: string }

/** What the watchdog's host gives: the thread, Python's interrupt slot, and a way to take the worker's answer. */
export interface RunawayWorker {
  worker: Worker
  interrupt: Int32Array
  /** Installs the taker of the worker's JOB_TIMEOUT answer (the host's message listener hands it over). */
  answer(take: ((e: ErrorInfo) => void) | null): void
}

/** SIGINT, as Pyodide reads it from the interrupt buffer. */
const SIGINT = 2

export async function runawayPlace(job: RunawayJob | null, w: RunawayWorker, timeoutMs: number): Promise<RunawayPlace | null> {
  if (job === null) return null
  return job.python ? interruptPython(w, timeoutMs) : pauseTypeScript(job, w.worker, timeoutMs)
}

async function pauseTypeScript(job: RunawayJob, worker: Worker, timeoutMs: number): Promise<RunawayPlace | null> {
  if (job.compiled === undefined) return null
  const frames = await pausedFrames(worker, timeoutMs)
  for (const f of frames ?? []) {
    const loc = mapJobScriptPosition(job.compiled, f.script, f.line, f.column)
    if (loc === null) continue
    return { where: { file: loc.file, line: loc.line, column: loc.column ?? 1 }, ...(f.functionName !== '' ? { functionName: f.functionName } : {}) }
  }
  return null
}

function interruptPython(w: RunawayWorker, timeoutMs: number): Promise<RunawayPlace | null> {
  return new Promise((resolve) => {
    const finish = (place: RunawayPlace | null): void => {
      clearTimeout(timer)
      w.answer(null)
      resolve(place)
    }
    const timer = setTimeout(() => finish(null), timeoutMs)
    w.answer((e) => {
      const where = e.where
      // The function the traceback placed it in, as python-bridge.ts's watchdogInterrupted words it (on the first
      // line: the engine adds the input below it).
      const fn = /\(in ([^()\n]+)\)$/m.exec(e.message)?.[1]
      finish(where !== undefined && where.line > 0 ? { where: { file: where.file, line: where.line, column: where.column ?? 1 }, ...(fn !== undefined ? { functionName: fn } : {}) } : null)
    })
    Atomics.store(w.interrupt, 0, SIGINT)
  })
}
