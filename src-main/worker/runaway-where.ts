// Where a runaway job is when the watchdog stops it, asked from the owning thread. First the job's thread is
// interrupted (job-interrupt.ts): Python's loop raises KeyboardInterrupt, a TypeScript loop's guard throws, and the
// worker answers with the JOB_TIMEOUT its stop placed at the job's line; the worker then lives on. A TypeScript job
// that does not answer (stuck inside a built-in, not in a loop of its own) is paused through the inspector
// (paused-frames.ts), its innermost frame mapped through the job's source map, and the worker is terminated.
import type { Worker } from 'node:worker_threads'
import type { ErrorInfo, ErrorWhere } from '../common/errors'
import { mapJobScriptPosition } from '../sandbox/job-errors'
import { pausedFrames } from './paused-frames'
import { SIGINT } from '../sandbox/job-interrupt'

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

/**
 * How long a TypeScript job has to meet the interrupt before it is paused from outside: a loop's guard answers at
 * once, so waiting longer only delays the stop of a job stuck elsewhere.
 */
const TYPESCRIPT_ANSWER_MS = 500

export async function runawayPlace(job: RunawayJob | null, w: RunawayWorker, timeoutMs: number): Promise<RunawayPlace | null> {
  if (job === null) return null
  if (job.python) return (await interruptJob(w, timeoutMs))?.place ?? null
  const answer = await interruptJob(w, Math.min(timeoutMs, TYPESCRIPT_ANSWER_MS))
  return answer !== null ? answer.place : pauseTypeScript(job, w.worker, timeoutMs)
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

/** The worker's answer to the interrupt (its place, when the stop named one), or null when none came within `timeoutMs`. */
function interruptJob(w: RunawayWorker, timeoutMs: number): Promise<{ place: RunawayPlace | null } | null> {
  return new Promise((resolve) => {
    const finish = (answer: { place: RunawayPlace | null } | null): void => {
      clearTimeout(timer)
      w.answer(null)
      resolve(answer)
    }
    const timer = setTimeout(() => finish(null), timeoutMs)
    w.answer((e) => {
      const where = e.where
      // The function the traceback placed it in, as job-interrupt.ts's watchdogInterrupted words it (on the first
      // line: the engine adds the input below it).
      const fn = /\(in ([^()\n]+)\)$/m.exec(e.message)?.[1]
      finish({ place: where !== undefined && where.line > 0 ? { where: { file: where.file, line: where.line, column: where.column ?? 1 }, ...(fn !== undefined ? { functionName: fn } : {}) } : null })
    })
    Atomics.store(w.interrupt, 0, SIGINT)
  })
}
