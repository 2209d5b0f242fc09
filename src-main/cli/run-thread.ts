// One session worker thread that runs command-line runs under the watchdog: `riffle run`'s one, or several subtasks
// of `--parallelism N` (run-parallel.ts), each told apart by its id. A thread loads the engine once, whatever it
// runs; the watchdog watches the thread, so a job stuck in one of its runs stops them all, each with its error.
import type { ErrorInfo } from '../common/errors'
import type { RouteInput } from '../replay/routed-reader'
import { WorkerHost } from '../worker/worker-host'
import type { RunawayJob } from '../worker/runaway-where'
import type { FromWorker } from '../worker/worker-protocol'
import { stopOnInterrupt } from './interrupt'
import type { NoticePrinter } from './notice-printer'
import type { RunJobOptions, RunSummary } from './run-job'
import { HeardSkipped, type SkippedLines } from './skipped-lines'

/** A failed run's `skipped`: the bad lines --skip-bad-lines skipped before it failed (none: absent). */
export type RunOutcome = { ok: true; summary: RunSummary } | { ok: false; error: ErrorInfo; skipped?: SkippedLines }

/** One run started in a thread: its outcome, and how to send its reader the lines a routed run is fed (route-feed.ts). */
export interface StartedRun {
  outcome: Promise<RunOutcome>
  route: (input: RouteInput, transfer?: ArrayBuffer[]) => void
}

interface LiveRun {
  /** What the worker said it skipped as it read: a worker stopped from outside cannot attach it to its error. */
  heard: HeardSkipped
  listen?: (m: FromWorker) => void
  end: (outcome: RunOutcome) => void
}

/** The messages that belong to one run (by its id); the rest are the thread's (the job's notices and printed lines). */
type RunMessage = Extract<FromWorker, { id: number }> & { type: 'ran' | 'runFailed' | 'routeShape' | 'routeAck' | 'skipped' }
const RUN_MESSAGES = new Set(['ran', 'runFailed', 'routeShape', 'routeAck', 'skipped'])

export class RunThread {
  readonly host: WorkerHost
  private readonly runs = new Map<number, LiveRun>()
  private nextId = 0
  private readonly release: () => void

  /** `notices` prints the job's notices (one printer for every thread of a run); `job`: what the watchdog needs of it. */
  constructor(watchdogMs: number, recordingPath: string, job: RunawayJob, private readonly notices: NoticePrinter) {
    this.host = new WorkerHost(watchdogMs, (line) => `${recordingPath}:${line}`)
    this.host.setJob(job)
    this.host.onMessage((m) => this.hear(m))
    // The watchdog stopped the job, the worker exited (process.exit in job code) or ran out of memory: every run in it ended.
    this.host.onDeath((error) => {
      const line = error.input?.line ?? this.host.inputLine
      for (const [id, run] of [...this.runs]) {
        const skipped = run.heard.before(line)
        this.ended(id, { ok: false, error, ...(skipped && { skipped }) })
      }
    })
    // Ctrl-C stops the runs like any failure: what they emitted is kept, their folders go with the worker.
    this.release = stopOnInterrupt((reason) => this.host.stop(reason))
  }

  /** Starts a run; `listen` hears its messages from the start (a routed run's shape and acks: route-feed.ts). */
  start(options: RunJobOptions, listen?: (m: FromWorker) => void): StartedRun {
    const id = this.nextId++
    let end!: (outcome: RunOutcome) => void
    const outcome = new Promise<RunOutcome>((resolve) => { end = resolve })
    const dead = this.host.deathInfo
    if (dead !== null) {
      end({ ok: false, error: dead })
    } else {
      this.runs.set(id, { heard: new HeardSkipped(), listen, end })
      this.host.send({ type: 'run', id, options })
    }
    return { outcome, route: (input, transfer) => this.host.send({ type: 'routeInput', id, input }, transfer) }
  }

  private hear(m: FromWorker): void {
    if (m.type === 'jobNotice') this.notices.print(m.notice)
    if (m.type === 'jobOutput') process.stderr.write(m.text)
    if (!RUN_MESSAGES.has(m.type)) return
    const message = m as RunMessage
    const run = this.runs.get(message.id)
    if (run === undefined) return
    run.listen?.(message)
    if (message.type === 'skipped') run.heard.hear(message.news)
    if (message.type === 'ran') this.ended(message.id, { ok: true, summary: message.summary })
    if (message.type === 'runFailed') this.ended(message.id, { ok: false, error: message.error, ...(message.skipped && { skipped: message.skipped }) })
  }

  /** A run ended; the thread goes with its last one. */
  private ended(id: number, outcome: RunOutcome): void {
    const run = this.runs.get(id)
    if (run === undefined) return
    this.runs.delete(id)
    run.end(outcome)
    if (this.runs.size > 0) return
    this.release()
    void this.host.terminate()
  }
}
