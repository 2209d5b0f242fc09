// The watchdog's interrupt of a runaway job inside its thread, for both job languages. The owning thread writes
// SIGINT into a slot both threads share (worker-host.ts); Pyodide raises KeyboardInterrupt from it, and a
// TypeScript job's loops read it through the loop guard compiled into each loop body (loop-guard-instrument.ts).
// Either way the job's call unwinds as an error does (every `finally` of the engine runs), so the thread, and the
// session's history with it, live on: the session goes back to its nearest snapshot instead of starting again.
import { EngineAbort } from './gate'
import type { JobPosition } from './job-errors'

/** The name the compiled job calls its loop guard by (a parameter of its wrapper, load-job.ts). */
export const LOOP_GUARD = '__riffle_loop_guard__'

/** What the owning thread writes into the slot: SIGINT, as Pyodide reads it. */
export const SIGINT = 2

let slot: Int32Array | null = null

/** Set once, when a session worker starts, to the slot its owner writes into. */
export function setJobInterrupt(buffer: Int32Array): void { slot = buffer }

/** This thread's interrupt slot (Pyodide is given it), or null outside a session worker. */
export function jobInterrupt(): Int32Array | null { return slot }

/** The watchdog's stop, at the job's line when known: it passes the gate unwrapped (not the job's error). */
export function watchdogInterrupted(where: JobPosition | undefined, fn = ''): EngineAbort {
  return new EngineAbort('JOB_TIMEOUT', `the watchdog interrupted the job${fn !== '' ? ` (in ${fn})` : ''}`, undefined, where)
}

/**
 * A loaded job's loop guard: nothing while no interrupt is asked for (one shared-memory read a loop turn), else
 * the watchdog's stop where the job is now. The slot stays set until the watchdog has its answer, so a job that
 * catches the stop in an inner loop meets it again in the outer one.
 */
export function loopGuard(placeNow: () => { where: JobPosition; functionName: string } | null): () => void {
  return () => {
    const s = slot
    if (s === null || Atomics.load(s, 0) === 0) return
    const place = placeNow()
    throw watchdogInterrupted(place?.where, place?.functionName ?? '')
  }
}
