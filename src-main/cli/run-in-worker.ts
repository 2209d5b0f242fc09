// Runs `riffle run` / `riffle test`'s job in a session worker under the watchdog, with --out owned by
// this thread: the worker puts each output line into a shared ring (output-ring.ts) and this thread
// writes it out, so whatever ends the run (a throw, the watchdog, process.exit in job code, the
// worker running out of memory, a failed write) the output emitted before it is kept.
import { type ErrorInfo, toErrorInfo } from '../common/errors'
import { type CompiledJob, compileJob } from '../sandbox/compile-job'
import { isPythonJob } from '../sandbox/load-job-file'
import { readRecordingLineAsync } from '../replay/read-line'
import { WorkerHost } from '../worker/worker-host'
import type { FromWorker } from '../worker/worker-protocol'
import { openOutput } from './output-file'
import { OutputPump, withKeptOutput } from './output-pump'
import { createOutputRing } from './output-ring'
import { stopOnInterrupt } from './interrupt'
import { NoticePrinter } from './notice-printer'
import type { RunJobOptions, RunSummary } from './run-job'
import { HeardSkipped, type SkippedLines } from './skipped-lines'

/** A failed run's `skipped`: the bad lines --skip-bad-lines skipped before it failed (none: absent). */
export type RunOutcome = { ok: true; summary: RunSummary } | { ok: false; error: ErrorInfo; skipped?: SkippedLines }

export async function runInWorker(options: RunJobOptions, watchdogMs: number): Promise<RunOutcome> {
  let pump: OutputPump | null = null
  let outRing: SharedArrayBuffer | undefined
  if (options.out !== null) {
    const opened = openOutput(options.out)
    if (!opened.ok) return opened
    outRing = createOutputRing()
    pump = new OutputPump(outRing, opened.file)
    pump.start()
  }
  const result = await withStuckRecord(await runWorker({ ...options, out: null, outRing }, watchdogMs), options.recordingPath)
  if (pump === null) return result
  const kept = pump.finish(result.ok)
  if (result.ok && kept.failure === null) return result
  // A failed write is the cause, whatever the worker made of it (it stopped at its next output line).
  const cause: ErrorInfo = kept.failure !== null && (result.ok || result.error.code === 'OUTPUT_WRITE_FAILED')
    ? { code: 'OUTPUT_WRITE_FAILED', message: kept.failure.message }
    : (result as { error: ErrorInfo }).error
  const skipped = result.ok ? undefined : result.skipped
  return { ok: false, error: { ...cause, message: withKeptOutput(cause.message, pump.file, kept.partial) }, ...(skipped && { skipped }) }
}

/** The watchdog knows the line only: a JOB_TIMEOUT's message gets the record the job was stuck on. */
export async function withStuckRecord(result: RunOutcome, recordingPath: string): Promise<RunOutcome> {
  // A run stuck in onTimer names its timer; the record before it only made the timer due.
  if (!result.ok && result.error.code === 'JOB_TIMEOUT' && result.error.input && result.error.input.timer === undefined) {
    const text = await readRecordingLineAsync(recordingPath, result.error.input.line)
    if (text !== null) result.error.message += `: ${text}`
  }
  return result
}

/** One run in a session worker of its own; the outcome once it ended. */
export async function runWorker(options: RunJobOptions, watchdogMs: number): Promise<RunOutcome> {
  const started = await startWorker(options, watchdogMs, new NoticePrinter())
  return started.outcome
}

/** A run started in a session worker: its host (to talk to it while it runs) and its outcome. */
export interface StartedWorker { host: WorkerHost | null; outcome: Promise<RunOutcome> }

/**
 * `notices` prints the job's notices (one printer for all the workers of a run); `listen` hears the worker's
 * messages from the start (a routed run's shape and acks: route-feed.ts).
 */
export async function startWorker(options: RunJobOptions, watchdogMs: number, notices: NoticePrinter, listen?: (m: FromWorker) => void): Promise<StartedWorker> {
  // A TypeScript job is compiled here, so the watchdog has its source map to name the line a runaway loop is on.
  const python = isPythonJob(options.jobPath)
  let compiled: CompiledJob | undefined
  if (!python && options.compiled === undefined) {
    try { compiled = await compileJob(options.jobPath) } catch (e) { return { host: null, outcome: Promise.resolve({ ok: false, error: toErrorInfo(e) }) } }
  } else compiled = options.compiled
  const host = new WorkerHost(watchdogMs, (line) => `${options.recordingPath}:${line}`)
  host.setJob({ python, compiled })
  if (listen !== undefined) host.onMessage(listen)
  // What the worker skipped as it read: a worker stopped from outside cannot attach it to its error.
  const heard = new HeardSkipped()
  const outcome = new Promise<RunOutcome>((resolve) => {
    host.onMessage((m) => {
      if (m.type === 'skipped') heard.hear(m.news)
      if (m.type === 'jobNotice') notices.print(m.notice)
      if (m.type === 'jobOutput') process.stderr.write(m.text)
      if (m.type === 'ran') resolve({ ok: true, summary: m.summary })
      if (m.type === 'runFailed') resolve({ ok: false, error: m.error, ...(m.skipped && { skipped: m.skipped }) })
      if (m.type === 'ran' || m.type === 'runFailed') void host.terminate()
    })
    // The watchdog stopped the job, the worker exited (process.exit in job code) or ran out of memory.
    host.onDeath((error) => {
      const skipped = heard.before(error.input?.line ?? host.inputLine)
      resolve({ ok: false, error, ...(skipped && { skipped }) })
    })
    host.send({ type: 'run', options: { ...options, compiled } })
  })
  // Ctrl-C stops the run like any failure: what it emitted is kept, its folders go with its worker.
  const release = stopOnInterrupt((reason) => host.stop(reason))
  void outcome.then(release)
  return { host, outcome }
}
