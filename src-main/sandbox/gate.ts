// The one gate user code is called through: a throw becomes a UserCodeError that says which callback
// threw; the sandbox later maps its stack to the job file's line and column (sandbox/job-errors.ts).
import { type ErrorWhere, RiffleError } from '../common/errors'

export class UserCodeError extends RiffleError {
  /**
   * `site`: where the job made the function whose result the engine refused (a key selector that returned no key, an
   * assigner that returned no number): the error's own stack has no job frame, so that place names the line.
   */
  constructor(readonly callback: string, readonly original: unknown, readonly site?: Error, readonly callee?: (...args: never[]) => unknown) {
    super('JOB_THREW', `${callback} threw: ${original instanceof Error ? original.message : String(original)}`)
    this.name = 'UserCodeError'
  }
}

/**
 * Slots of the heartbeat shared with the watchdog thread: [0] outermost calls into user code so far,
 * [1] how deep in user code we are now (0 = not in user code), [2] the recording line being processed,
 * [3] the step under way (so a session stopped by the watchdog can be restored to the step before it).
 * Only outermost calls count as progress: a processElement stuck in `for (;;) out.collect(x)` keeps
 * calling downstream user functions (map, filter) nested inside it, and must still time out.
 */
export const HB_CALLS = 0
export const HB_DEPTH = 1
export const HB_LINE = 2
/** HB_LINE while the job's close() runs: no record is being processed. */
export const HB_CLOSING = -1
export const HB_STEP = 3
/**
 * The timer whose onTimer runs (0: none, 1: event time, 2: processing time), its timestamp's high and low 32 bits
 * and its key's UTF-8 length, the key's bytes after HB_KEY_AT: a job stuck in onTimer is named by its timer.
 */
export const HB_TIMER = 4
const HB_TIMER_HI = 5
const HB_TIMER_LO = 6
const HB_KEY_LEN = 7
/**
 * Milliseconds the job's thread has waited, while in user code, for the owner of --out to take its lines (a slow
 * pipe or disk): the watchdog leaves that time out of the job's, rather than take a wait for progress, so a job
 * emitting without end into a file is still stopped (and one whose reader pauses is not).
 */
export const HB_WAITED = 8
/** The watch expression running (session.watch), as its place in the list asked from 1 (0: none): a stop names it. */
export const HB_WATCH = 9
/**
 * 1 while the watchdog interrupts a runaway job (worker-host.ts, job-interrupt.ts): the session call that then fails with
 * JOB_TIMEOUT was stopped by it, so the worker holds its later calls until the session is put back (session-worker.ts).
 */
export const HB_INTERRUPTING = 10
const HB_KEY_AT = 11
/** The key's bytes kept (a longer key is cut at a character and marked so). */
const HB_KEY_BYTES = 256
/** Slots in the heartbeat. */
export const HB_SLOTS = HB_KEY_AT + HB_KEY_BYTES / 4

const utf8 = new TextEncoder()
let keyBytes: Uint8Array | null = null

/** Tells the watchdog which timer's onTimer is about to run (clearTimerFiring when it returned or threw). */
export function noteTimerFiring(hb: Int32Array, domain: 'EVENT_TIME' | 'PROCESSING_TIME', timestamp: number, keyStr: string): void {
  if (keyBytes === null || keyBytes.buffer !== hb.buffer) keyBytes = new Uint8Array(hb.buffer, hb.byteOffset + HB_KEY_AT * 4, HB_KEY_BYTES)
  const hi = Math.floor(timestamp / 2 ** 32)
  hb[HB_TIMER_HI] = hi
  hb[HB_TIMER_LO] = timestamp - hi * 2 ** 32
  const { read, written } = utf8.encodeInto(keyStr, keyBytes)
  hb[HB_KEY_LEN] = read < keyStr.length ? -written : written
  hb[HB_TIMER] = domain === 'EVENT_TIME' ? 1 : 2
}

export function clearTimerFiring(hb: Int32Array): void { hb[HB_TIMER] = 0 }

/** The timer whose onTimer was running, as the worker noted it (read by the watchdog's thread), or null. */
export function firingTimer(hb: Int32Array): { domain: 'EVENT_TIME' | 'PROCESSING_TIME'; timestamp: number; keyStr: string } | null {
  const d = Atomics.load(hb, HB_TIMER)
  if (d === 0) return null
  const len = hb[HB_KEY_LEN]
  const key = new TextDecoder().decode(new Uint8Array(hb.buffer, hb.byteOffset + HB_KEY_AT * 4, Math.abs(len)).slice())
  return { domain: d === 1 ? 'EVENT_TIME' : 'PROCESSING_TIME', timestamp: hb[HB_TIMER_HI] * 2 ** 32 + (hb[HB_TIMER_LO] >>> 0), keyStr: len < 0 ? `${key}…` : key }
}

/** The heartbeat of this thread's watchdog (a session worker's), which every gate made here writes from the start. */
let threadHeartbeat: Int32Array | null = null

/** Set once, when a session worker starts: from then on the job's code is watched from its first line. */
export function setThreadHeartbeat(hb: Int32Array): void { threadHeartbeat = hb }

/**
 * Runs job code that is not one of an operator's callbacks (the job module's top level, the job's function that
 * builds the pipeline) as user code for the watchdog, so an endless loop there is stopped like one in
 * processElement. Errors are the caller's to map (they have no callback to name).
 */
export function asUserCode<R>(fn: () => R): R {
  const hb = threadHeartbeat
  if (hb === null) return fn()
  if (hb[HB_DEPTH]++ === 0) hb[HB_CALLS]++
  try {
    return fn()
  } finally {
    hb[HB_DEPTH]--
  }
}

/** Calls into user code. Methods are fixed-arity so the hot path allocates nothing. */
export class UserCodeGate {
  /** Written on every entry and exit, so a watchdog in another thread can tell a hang from progress. */
  heartbeat: Int32Array = threadHeartbeat ?? new Int32Array(HB_SLOTS)

  call1<R>(what: string, fn: (...args: never[]) => R, self: unknown, a: unknown): R {
    const hb = this.heartbeat
    if (hb[HB_DEPTH]++ === 0) hb[HB_CALLS]++
    try {
      return (fn as (...args: unknown[]) => R).call(self, a)
    } catch (e) {
      throw wrap(what, e, fn)
    } finally {
      hb[HB_DEPTH]--
    }
  }

  call2<R>(what: string, fn: (...args: never[]) => R, self: unknown, a: unknown, b: unknown): R {
    const hb = this.heartbeat
    if (hb[HB_DEPTH]++ === 0) hb[HB_CALLS]++
    try {
      return (fn as (...args: unknown[]) => R).call(self, a, b)
    } catch (e) {
      throw wrap(what, e, fn)
    } finally {
      hb[HB_DEPTH]--
    }
  }

  call3<R>(what: string, fn: (...args: never[]) => R, self: unknown, a: unknown, b: unknown, c: unknown): R {
    const hb = this.heartbeat
    if (hb[HB_DEPTH]++ === 0) hb[HB_CALLS]++
    try {
      return (fn as (...args: unknown[]) => R).call(self, a, b, c)
    } catch (e) {
      throw wrap(what, e, fn)
    } finally {
      hb[HB_DEPTH]--
    }
  }
}

/**
 * An engine condition that stops the run while user code is on the stack (--out cannot be written
 * under out.collect): it passes through the gate unwrapped, so it is not blamed on the job's line.
 */
export class EngineAbort extends RiffleError {
  /** `where`: the job's line when the engine knows it (JOB_TIMEOUT: where the watchdog interrupted a loop). */
  constructor(code: 'STOPPED' | 'INTERNAL' | 'OUTPUT_WRITE_FAILED' | 'STATE_WRITE_FAILED' | 'JOB_TIMEOUT', message: string, cause?: unknown, where?: ErrorWhere) {
    super(code, message, { cause, where })
    this.name = 'EngineAbort'
  }
}

function wrap(what: string, e: unknown, fn: (...args: never[]) => unknown): UserCodeError | EngineAbort {
  // A nested gate call (a state's reduce function inside processElement) already wrapped it.
  if (e instanceof UserCodeError || e instanceof EngineAbort) return e
  // A thrown string (any non-Error) has no stack to name its line: the callback's own place stands in for it.
  return new UserCodeError(what, e, undefined, e instanceof Error ? undefined : fn)
}
