// Owns one session worker thread: starts it, watches its heartbeat, and terminates it when user code
// has not returned for the watchdog's limit (a runaway loop) or when asked to stop.
import { existsSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { fileURLToPath } from 'node:url'
import { dirname, join, resolve } from 'node:path'
import { Worker } from 'node:worker_threads'
import { type ErrorInfo, RiffleError } from '../common/errors'
import { HB_CALLS, HB_DEPTH, HB_LINE } from '../sandbox/gate'
import { makeOwnedTempDir } from '../engine/state/temp-state-dirs'
import type { FromWorker, ToWorker } from './worker-protocol'

export const DEFAULT_WATCHDOG_MS = 5000

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

/** Why a worker ended with an 'error' event: out of memory, or an exception nothing caught. */
function crashInfo(e: Error & { code?: unknown }, heapMb: number | undefined): ErrorInfo {
  if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return { code: 'WORKER_OUT_OF_MEMORY', message: `The session's worker ran out of memory${heapMb !== undefined ? ` (its heap limit is ${heapMb} MB)` : ''} and was stopped: the job keeps too much in memory (in state, or in a list that keeps growing). The run and its state are gone: fix the job, or use the LevelDB backend for large state, and start again.` }
  }
  return { code: 'WORKER_DIED', message: `The session's worker crashed: ${e.message}. Something threw outside open, processElement and onTimer (in a timer or a callback of the job?). The run and its state are gone: start the session again.` }
}

export class WorkerHost {
  private readonly worker: Worker
  private readonly hb: Int32Array
  private readonly timer: NodeJS.Timeout
  private lastCalls = -1
  private stuckSince = 0
  private dead: ErrorInfo | null = null
  private readonly listeners = new Set<(m: FromWorker) => void>()
  private readonly deathListeners = new Set<(e: ErrorInfo) => void>()

  constructor(
    readonly watchdogMs = DEFAULT_WATCHDOG_MS,
    private describeLine?: (line: number) => string,
    readonly limits: WorkerLimits = {},
  ) {
    const sab = new SharedArrayBuffer(4 * 3)
    this.hb = new Int32Array(sab)
    // The worker's temporary state folders go in here, removed when it ends however it ended.
    const scratch = makeOwnedTempDir(tmpdir(), 'riffle-worker-')
    this.worker = new Worker(sessionWorkerPath(), {
      workerData: { heartbeat: sab, scratch },
      // A larger young generation: replays allocate many short-lived objects (copies of state values),
      // and the default semi-space makes the worker promote and collect far more often than the main thread.
      resourceLimits: { maxYoungGenerationSizeMb: 64, ...(limits.heapMb !== undefined ? { maxOldGenerationSizeMb: limits.heapMb } : {}) },
    })
    this.worker.on('message', (m: FromWorker) => { for (const l of this.listeners) l(m) })
    // Deaths we did not cause (a stop or terminate marks the host dead first, so these are then ignored).
    this.worker.on('error', (e) => this.die(crashInfo(e, limits.heapMb)))
    this.worker.on('exit', (code) => {
      rmSync(scratch, { recursive: true, force: true })
      this.die({ code: 'WORKER_DIED', message:
        `The session's worker exited with code ${code} (did the job call process.exit()?). The run and its state are gone: start the session again.` })
    })
    this.timer = setInterval(() => this.check(), Math.min(250, Math.max(20, watchdogMs / 4)))
    this.timer.unref()
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

  send(m: ToWorker): void {
    if (this.dead !== null) throw RiffleError.fromInfo(this.dead)
    this.worker.postMessage(m)
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
    if (depth === 0 || calls !== this.lastCalls) {
      this.lastCalls = calls
      this.stuckSince = now
      return
    }
    if (now - this.stuckSince >= this.watchdogMs) {
      const line = Atomics.load(this.hb, HB_LINE)
      const at = line > 0 ? ` while processing ${this.describeLine ? this.describeLine(line) : `line ${line}`}` : ''
      this.kill({
        code: 'JOB_TIMEOUT',
        message: `the job's code did not return within ${this.watchdogMs} ms${at}; the run was stopped (an endless loop?)`,
        ...(line > 0 ? { input: { line, value: null } } : {}),
      })
    }
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
