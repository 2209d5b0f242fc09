// `riffle trace JOB RECORDING --step N [--to M] [--json]`: a debug session in a worker (under the
// watchdog) steps to M, then each step from N to M is re-run traced and printed to standard output, as
// text or as one JSON object per step.
import type { ErrorInfo } from '../common/errors'
import { toErrorInfo } from '../common/errors'
import type { StepTrace } from '../common/trace-api'
import { SessionWorkerClient } from '../worker/session-worker-client'
import type { RunJobOptions } from './run-job'
import { formatTrace } from './trace-text'
import { traceJson } from './trace-json'
import { stopOnInterrupt } from './interrupt'
import { NoticePrinter } from './notice-printer'
import { withStuckRecord } from './run-in-worker'
import { OutputFile } from './output-file'
import { noRecords } from './empty-recording'
import { MAX_LISTED_BAD_LINES } from '../replay/bad-line-log'

/** warned: a traced step raised a warning finding (--findings=error makes that exit 1). */
export type TraceOutcome = { ok: true; warned: boolean } | { ok: false; error: ErrorInfo }

/** `recordingName`: how the text names the recording (its file name, or "standard input"). */
export async function traceInWorker(o: RunJobOptions, from: number, to: number, json: boolean, watchdogMs: number, recordingName: string): Promise<TraceOutcome> {
  // Ctrl-C stops the session's worker: the step under way fails with the interruption, its folder goes with it.
  // Handled from before the worker starts: a Ctrl-C while the session opens stops it as soon as it is open.
  let handle: Awaited<ReturnType<typeof SessionWorkerClient.start>> | undefined
  let interrupted: string | null = null
  const release = stopOnInterrupt((reason) => {
    interrupted = reason
    handle?.stop(reason)
  })
  try {
    handle = await SessionWorkerClient.start({
      jobPath: o.jobPath, recordingPath: o.recordingPath, backend: o.backend, stateDir: o.stateDir,
      processingTime: o.processingTime, drainProcessingTimers: o.drainProcessingTimers, skipBadLines: o.skipBadLines,
      watchdogMs, findings: o.findings !== false,
      // What the job prints goes into the traced steps' traces, not to standard error for every step run to reach them.
      echoJobOutput: false,
    })
  } catch (e) {
    release()
    return { ok: false, error: toErrorInfo(e) }
  }
  if (interrupted !== null) handle.stop(interrupted)
  try {
    let last: number
    try {
      last = (await handle.step({ kind: 'end' }, to)).status.step
    } catch (e) {
      // The job threw: the session keeps the failing step's context, traced up to the throw. The watchdog stopped a
      // step: the session is back at the step before it, in a fresh worker, and the steps before it can be traced.
      const code = toErrorInfo(e).code
      if (code !== 'JOB_THREW' && code !== 'JOB_TIMEOUT') throw e
      last = (await handle.status()).step
    }
    const failure = await handle.failure()
    if (failure !== null) last = failure.step
    if (last === 0) {
      // The session lists the first MAX_LISTED_BAD_LINES only.
      const skipped = (await handle.status()).badLines.length
      const why = noRecords(o.recordingPath, o.recordingPath, skipped, skipped >= MAX_LISTED_BAD_LINES)
      return { ok: false, error: { code: 'BAD_ARGUMENT', message: `--step ${from}: ${why}, so the run has no steps` } }
    }
    if (last < from) {
      return { ok: false, error: { code: 'BAD_ARGUMENT', message: `--step ${from}: the run has only ${last} steps` } }
    }
    // Written as `riffle run --out -` writes: a reader that went away (`| head`) ends the trace with OUTPUT_WRITE_FAILED.
    const out = OutputFile.open('-')
    let warned = false
    const write = async (traced: StepTrace): Promise<void> => {
      // The trace looks for a step's findings itself, whatever the session does: --no-findings leaves them out here.
      const t = o.findings === false ? { ...traced, findings: [] } : traced
      if (t.findings.some((f) => f.severity === 'warning')) warned = true
      // A reader that is slow to read (`| less`) is waited for without holding the thread: Ctrl-C is heard.
      await out.writeAll(Buffer.from(json ? `${traceJson(t)}\n` : `${formatTrace(t, recordingName)}\n`))
    }
    // A stopped step is not traced: re-running it would loop again (DebugSession.trace refuses it).
    const stopped = failure !== null && failure.error.code === 'JOB_TIMEOUT'
    for (let s = from; s <= Math.min(to, stopped ? last - 1 : last); s++) await write(await handle.trace(s))
    // The job's notices (a Python form a Flink cluster will not run), as `riffle run` prints them.
    const notices = new NoticePrinter()
    for (const n of (await handle.findings()).notices) notices.print(n)
    // The watchdog's error names the record's line only, as in riffle run: its text goes with it.
    if (failure !== null) return await withStuckRecord({ ok: false, error: failure.error }, o.recordingPath) as TraceOutcome
    if (to > last) process.stderr.write(`riffle trace: the run ended after step ${last}\n`)
    return { ok: true, warned }
  } catch (e) {
    return { ok: false, error: toErrorInfo(e) }
  } finally {
    release()
    await handle.close().catch(() => undefined)
    handle.stop()
  }
}
