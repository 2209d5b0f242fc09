// Runs `riffle run` / `riffle test`'s job in a session worker under the watchdog, with --out owned by
// this thread: the worker puts each output line into a shared ring (output-ring.ts) and this thread
// writes it out, so whatever ends the run (a throw, the watchdog, process.exit in job code, the
// worker running out of memory, a failed write) the output emitted before it is kept.
import { type ErrorInfo, toErrorInfo } from '../common/errors'
import { type CompiledJob, compileJob } from '../sandbox/compile-job'
import { isPythonJob } from '../sandbox/load-job-file'
import { readRecordingLineAsync } from '../replay/read-line'
import type { RunawayJob } from '../worker/runaway-where'
import { openOutput } from './output-file'
import { OutputPump, withKeptOutput } from './output-pump'
import { createOutputRing } from './output-ring'
import { NoticePrinter } from './notice-printer'
import type { RunJobOptions } from './run-job'
import { type RunOutcome, RunThread } from './run-thread'

export type { RunOutcome } from './run-thread'

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
  let result: RunOutcome
  try {
    result = await withStuckRecord(await runWorker({ ...options, out: null, outRing }, watchdogMs), options.recordingPath)
  } catch (e) {
    // The worker could not start (its temporary folder cannot be made): a failure like any, so --out's temporary file
    // is not left behind.
    result = { ok: false, error: toErrorInfo(e) }
  }
  if (pump === null) return result
  const kept = await pump.finish(result.ok)
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
  const job = await jobOf(options)
  if (!job.ok) return job
  return new RunThread(watchdogMs, options.recordingPath, job.job, new NoticePrinter()).start({ ...options, compiled: job.job.compiled }).outcome
}

/**
 * The job as a run's threads need it: its language and, for TypeScript, the job compiled here (once for every
 * thread, so the workers start no esbuild of their own), whose source map lets the watchdog name the line a
 * runaway loop is on. A job that does not compile is the run's failure.
 */
export async function jobOf(options: RunJobOptions): Promise<{ ok: true; job: RunawayJob & { compiled?: CompiledJob } } | { ok: false; error: ErrorInfo }> {
  const python = isPythonJob(options.jobPath)
  if (python || options.compiled !== undefined) return { ok: true, job: { python, compiled: options.compiled } }
  try {
    return { ok: true, job: { python, compiled: await compileJob(options.jobPath) } }
  } catch (e) {
    return { ok: false, error: toErrorInfo(e) }
  }
}
