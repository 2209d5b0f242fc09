// Owns one session worker thread: starts it, watches its heartbeat, and terminates it when user code
// has not returned for the watchdog's limit (a runaway loop) or when asked to stop. Before it terminates a
// runaway job it finds where the job was (runaway-where.ts), so the JOB_TIMEOUT error names the job's line.
import { existsSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { fileURLToPath } from 'node:url'
import { dirname, join, resolve } from 'node:path'
import { Worker } from 'node:worker_threads'
import { type ErrorInfo, RiffleError } from '../common/errors'
import { firingTimer, HB_CALLS, HB_CLOSING, HB_DEPTH, HB_INTERRUPTING, HB_LINE, HB_SLOTS, HB_STEP, HB_WAITED, HB_WATCH } from '../sandbox/gate'
import { makeOwnedTempDir } from '../engine/state/temp-state-dirs'
import type { FromWorker, ToWorker } from './worker-protocol'
import { type RunawayJob, type RunawayPlace, runawayPlace } from './runaway-where'

export const DEFAULT_WATCHDOG_MS = 5000
/** How long finding where a runaway job is may take before the worker is terminated regardless. */
export const RUNAWAY_SAMPLE_MS = 2000

let workerPathOverride: string | null = null

/** Where the built worker entry lives (set by the Electron build, found next to the CLI build otherwise). */
export function setSessionWorkerPath(path: string): void { workerPathOverride = path }

export function sessionWorkerPath(): string {
  if (workerPathOverride !== null) return workerPathOverride
  const here = dirname(fileURLToPath(import.meta.url))
  for (const name of ['session-worker.mjs', 'session-worker.js']) {
    const p = join(here, name)
    if (existsSync(p)) return p
  }
  // Running from TypeScript sources (tests): the CLI build made by bin/riffle-build.mjs.
  const built = resolve(here, '../../.riffle-build/session-worker.mjs')
  if (existsSync(built)) return built
  throw new Error(`the session worker is not built: run \`node bin/riffle-build.mjs\` (looked in ${here} and ${built})`)
}

export interface WorkerLimits {
  /** The worker's JS heap limit in MB (V8's default when absent). */
  heapMb?: number
}

/** Why a worker ended with an 'error' event: out of memory, or an exception nothing caught; `at`: what it was processing. */
function crashInfo(e: Error & { code?: unknown }, heapMb: number | undefined, at: string): ErrorInfo {
  if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return { code: 'WORKER_OUT_OF_MEMORY', message: `The session's worker ran out of memory${heapMb !== undefined ? ` (its heap limit is ${heapMb} MB)` : ''}${at} and was stopped: the job keeps too much in memory (in state, or in a list that keeps growing). The run and its state are gone: fix the job, or use the LevelDB backend for large state, and start again.` }
  }
  return { code: 'WORKER_DIED', message: `The session's worker crashed${at}: ${e.message}. Something threw outside open, processElement and onTimer (in a timer or a callback of the job?). The run and its state are gone: start again.` }
}

export class WorkerHost {
  private readonly worker: Worker
  private readonly hb: Int32Array
  private timer: NodeJS.Timeout
  private lastCalls = -1
  private stuckSince = 0
  /** HB_WAITED when the job was last seen making progress: what it waited for --out since then is not its time. */
  private waitedSince = 0
  private dead: ErrorInfo | null = null
  /** What the watchdog needs to say where a runaway job is (set by the owner before it opens or runs the job). */
  private job: RunawayJob | null = null
  /** While the watchdog interrupts the job: takes the worker's JOB_TIMEOUT answer instead of the listeners. */
  private interrupted: ((e: ErrorInfo) => void) | null = null
  /** The interrupted call's answer said the worker lives on, holding later calls (session-worker.ts `held`). */
  private answeredHeld = false
  private readonly interrupt: Int32Array
  /** The step that was under way when the watchdog stopped the job (0 when it did not). */
  private stoppedAtStep = 0
  private stoppedWatch = -1
  private readonly listeners = new Set<(m: FromWorker) => void>()
  private readonly deathListeners = new Set<(e: ErrorInfo) => void>()
  private readonly stopListeners = new Set<(e: ErrorInfo) => void>()

  constructor(
    readonly watchdogMs = DEFAULT_WATCHDOG_MS,
    private describeLine?: (line: number) => string,
    readonly limits: WorkerLimits = {},
  ) {
    const sab = new SharedArrayBuffer(4 * HB_SLOTS)
    this.hb = new Int32Array(sab)
    const interrupt = new SharedArrayBuffer(4)
    this.interrupt = new Int32Array(interrupt)
    // The worker's temporary state folders go in here, removed when it ends however it ended.
    const scratch = makeOwnedTempDir(tmpdir(), 'riffle-worker-')
    this.worker = new Worker(sessionWorkerPath(), {
      workerData: { heartbeat: sab, interrupt, scratch },
      // A larger young generation: replays allocate many short-lived objects (copies of state values),
      // and the default semi-space makes the worker promote and collect far more often than the main thread.
      resourceLimits: { maxYoungGenerationSizeMb: 64, ...(limits.heapMb !== undefined ? { maxOldGenerationSizeMb: limits.heapMb } : {}) },
    })
    this.worker.on('message', (m: FromWorker) => {
      // While the watchdog interrupts the job, any failure is the answer: a Python KeyboardInterrupt may land
      // after the job's call returned, in Riffle's own Python (an import), and fail as INTERNAL, which reached the
      // user as a traceback; only a JOB_TIMEOUT places the job (runaway-where.ts) or says the worker lives on (held),
      // and the stop goes on either way.
      if (this.interrupted !== null && (m.type === 'failed' || m.type === 'runFailed' || m.type === 'openFailed')) {
        this.answeredHeld = m.type === 'failed' && m.held === true
        this.interrupted(m.error.code === 'JOB_TIMEOUT' ? m.error : { ...m.error, where: undefined })
        return
      }
      for (const l of this.listeners) l(m)
    })
    // Deaths we did not cause (a stop or terminate marks the host dead first, so these are then ignored).
    this.worker.on('error', (e) => this.die(crashInfo(e, limits.heapMb, this.diedWhile())))
    this.worker.on('exit', (code) => {
      rmSync(scratch, { recursive: true, force: true })
      this.die({ code: 'WORKER_DIED', message:
        `The session's worker exited with code ${code}${this.diedWhile()} (did the job call process.exit()?). The run and its state are gone: start again.` })
    })
    this.timer = this.watch()
  }

  private watch(): NodeJS.Timeout {
    const timer = setInterval(() => this.check(), Math.min(250, Math.max(20, this.watchdogMs / 4)))
    timer.unref()
    return timer
  }

  /**
   * A spare kept warm (python/warm-workers.ts): it must not keep the process alive while nobody uses it, and
   * names the recording's lines once a session takes it.
   */
  park(): void { this.worker.unref() }
  adopt(describeLine: (line: number) => string): void {
    this.worker.ref()
    this.describeLine = describeLine
  }

  /** Which job the worker runs: its language, and for TypeScript the compiled job whose source map names lines. */
  setJob(job: RunawayJob): void { this.job = job }

  /** The step under way when the watchdog stopped the job (0 when it did not). */
  get runawayStep(): number { return this.stoppedAtStep }

  /** Which watch expression of the list asked was running when the watchdog stopped it (from 0), or -1: none. */
  get runawayWatch(): number { return this.stoppedWatch }

  /** The recording's line the job is at (0 before the first record), or undefined in its close(), past every line. */
  get inputLine(): number | undefined {
    const line = Atomics.load(this.hb, HB_LINE)
    return line === HB_CLOSING ? undefined : line
  }

  /** `transfer`: buffers the worker takes over (a routed run's line batches), not copied. */
  send(m: ToWorker, transfer?: ArrayBuffer[]): void {
    if (this.dead !== null) throw RiffleError.fromInfo(this.dead)
    this.worker.postMessage(m, transfer)
  }

  onMessage(l: (m: FromWorker) => void): () => void {
    this.listeners.add(l)
    return () => this.listeners.delete(l)
  }

  /** Called once when the worker is gone (stopped, timed out or crashed). */
  onDeath(l: (e: ErrorInfo) => void): void {
    if (this.dead !== null) l(this.dead)
    else this.deathListeners.add(l)
  }

  get deathInfo(): ErrorInfo | null { return this.dead }

  /**
   * Called when the watchdog stopped a session call and the worker lives on (a loop the interrupt unwound):
   * the error as a death would give it; the worker holds later calls until a `first` call (worker-protocol.ts).
   */
  onStop(l: (e: ErrorInfo) => void): void { this.stopListeners.add(l) }

  stop(reason = 'stopped by the user'): void {
    this.kill({ code: 'STOPPED', message: `the run was ${reason}` })
  }

  async terminate(): Promise<void> {
    clearInterval(this.timer)
    this.die({ code: 'STOPPED', message: 'the session was closed' })
    await this.worker.terminate()
  }

  private check(): void {
    const calls = Atomics.load(this.hb, HB_CALLS)
    const depth = Atomics.load(this.hb, HB_DEPTH)
    const now = Date.now() // wall clock on purpose: the watchdog measures real time, not engine time
    const waited = Atomics.load(this.hb, HB_WAITED)
    if (depth === 0 || calls !== this.lastCalls) {
      this.lastCalls = calls
      this.stuckSince = now
      this.waitedSince = waited
      return
    }
    if (now - this.stuckSince - ((waited - this.waitedSince) | 0) >= this.watchdogMs) void this.stopRunaway()
  }

  /** The watchdog's stop: where the job is (bounded by RUNAWAY_SAMPLE_MS), then the worker is terminated. */
  private async stopRunaway(): Promise<void> {
    clearInterval(this.timer)
    const line = Atomics.load(this.hb, HB_LINE)
    const timer = firingTimer(this.hb)
    const at = this.processing(line, timer)
    this.stoppedAtStep = Atomics.load(this.hb, HB_STEP)
    this.stoppedWatch = Atomics.load(this.hb, HB_WATCH) - 1
    this.answeredHeld = false
    // A session call the interrupt stops then leaves the worker holding its later calls, not ended (session-worker.ts).
    Atomics.store(this.hb, HB_INTERRUPTING, 1)
    let place: RunawayPlace | null = null
    try {
      place = await runawayPlace(this.job, {
        worker: this.worker,
        interrupt: this.interrupt,
        answer: (take) => { this.interrupted = take },
      }, RUNAWAY_SAMPLE_MS)
    } catch { /* where is extra: the stop goes on without it */ }
    this.interrupted = null
    // Asked once: a TypeScript loop's guard reads the slot until it is cleared (job-interrupt.ts), Pyodide clears it itself.
    Atomics.store(this.interrupt, 0, 0)
    if (this.dead !== null) return // stopped or closed meanwhile
    const it = place === null ? '' : `; it was at ${place.where.file}:${place.where.line}:${place.where.column}${place.functionName ? ` (in ${place.functionName})` : ''}`
    const info: ErrorInfo = {
      code: 'JOB_TIMEOUT',
      message: `the job's code did not return within ${this.watchdogMs.toLocaleString('en-US')} ms${at}${it}; the run was stopped (an endless loop?)`,
      ...(place !== null ? { where: place.where } : {}),
      ...(line > 0 ? { input: { line, value: null, ...(timer !== null ? { timer } : {}) } } : {}),
    }
    if (!this.answeredHeld) { this.kill(info); return }
    // The worker lives on (its snapshots with it): the watchdog watches again from here.
    Atomics.store(this.hb, HB_INTERRUPTING, 0)
    this.lastCalls = -1
    this.timer = this.watch()
    for (const l of this.stopListeners) l(info)
  }

  /**
   * What the job was processing, from the heartbeat, as " while processing FILE:LINE" (or the timer firing when it was
   * in onTimer: the input before it only made it due, as a throw there says), or "" before the first record.
   */
  private processing(line: number, timer: ReturnType<typeof firingTimer>): string {
    if (line === HB_CLOSING) return ' at the end of the run' // in close(), as the place it was at says
    const input = line > 0 ? (this.describeLine ? this.describeLine(line) : `line ${line}`) : null
    if (timer !== null) return ` while firing the ${timer.domain} timer at ${timer.timestamp} for key ${timer.keyStr}${input !== null ? `, after ${input}` : ''}`
    return input !== null ? ` while processing ${input}` : ''
  }

  /** What a worker that died was processing (a crash or an exit says nothing of it). */
  private diedWhile(): string {
    return this.processing(Atomics.load(this.hb, HB_LINE), firingTimer(this.hb))
  }

  private kill(info: ErrorInfo): void {
    this.die(info)
    clearInterval(this.timer)
    void this.worker.terminate()
  }

  private die(info: ErrorInfo): void {
    if (this.dead !== null) return
    this.dead = info
    clearInterval(this.timer)
    for (const l of this.deathListeners) l(info)
    this.deathListeners.clear()
  }
}
