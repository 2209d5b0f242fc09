// `riffle run --parallelism N` (N > 1): N subtasks, subtask i of N each, in session workers (one per core for a
// TypeScript job: subtask-threads.ts), run the job over the whole recording; each keeps only the records of its own
// key groups at keyBy (Flink's K3 assignment of the 128 key groups), so watermarks, timers and processing time are those of a single run. Each subtask's output
// goes through a ring to this thread, into a file of its own (so whatever ends a worker, what it emitted is
// kept); the output is their concatenation in subtask order: the same records as `--parallelism 1`, each
// key's in the same order, and one order on every run; a failed run keeps that concatenation as OUT.partial. With --savepoint-out each
// writes a savepoint of its key groups and they are joined into one that any parallelism resumes from.
import { readFileSync, rmSync } from 'node:fs'
import { makeTempDir } from '../engine/state/temp-state-dirs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { openOutput, OutputError, OutputFile } from './output-file'
import { OutputPump, withKeptOutput } from './output-pump'
import { createOutputRing } from './output-ring'
import { jobOf, type RunOutcome, withStuckRecord } from './run-in-worker'
import { RunThread } from './run-thread'
import { subtaskThreads } from './subtask-threads'
import { NoticePrinter } from './notice-printer'
import { parallelStartupNotice } from './parallel-notice'
import { FeedTarget, feedSubtasks } from './route-feed'
import { isPythonJob } from '../sandbox/load-job-file'
import { detectFormat } from '../replay/detect-format'
import type { RunJobOptions, RunSummary } from './run-job'
import { mergeFindings } from './merge-findings'
import { writeMergedSavepoint } from '../engine/runtime/savepoint-merge'
import { RiffleError } from '../common/errors'

export async function runParallel(options: RunJobOptions, parallelism: number, watchdogMs: number): Promise<RunOutcome> {
  const started = performance.now()
  const python = isPythonJob(options.jobPath)
  const notice = python ? parallelStartupNotice(parallelism, availableParallelism()) : null
  if (notice !== null) process.stderr.write(notice)
  // Opened before any subtask starts, as at --parallelism 1: an --out that cannot be written is said before the run,
  // not after it. Kept until the end (written from the subtasks' files, or its partial kept).
  const opened = options.out === null ? null : openOutput(options.out)
  if (opened !== null && !opened.ok) return opened
  const final = opened?.file ?? null
  let settled = false
  let dir: string | null = null
  try {
    // Made in the try: a TMPDIR where it cannot be made still abandons --out's temporary file (finally).
    const folder = dir = makeTempDir(tmpdir(), 'riffle-parallel-')
    const parts = Array.from({ length: parallelism }, (_, i) => (options.out === null ? null : join(folder, `subtask-${i}.jsonl`)))
    // Each subtask saves its own key groups; they are joined into one savepoint below.
    const savepoints = options.savepointOut === undefined ? null : parts.map((_, i) => join(folder, `savepoint-${i}`))
    const route = await mayRoute(options)
    // Compiled once, here, for every subtask.
    const job = await jobOf(options)
    if (!job.ok) return job
    const compiled = job.job.compiled
    const targets = parts.map(() => new FeedTarget())
    const rings = parts.map((part) => (part === null ? undefined : createOutputRing()))
    const pumps = parts.map((part, i) => (part === null ? null : new OutputPump(rings[i]!, OutputFile.open(part))))
    for (const pump of pumps) pump?.start()
    const notices = new NoticePrinter()
    // Subtask i runs in thread i mod T: a thread loads the engine once for all of its subtasks.
    const threads = Array.from({ length: subtaskThreads(parallelism, availableParallelism(), python) },
      () => new RunThread(watchdogMs, options.recordingPath, job.job, notices))
    const workers = parts.map((_, index) =>
      threads[index % threads.length].start({ ...options, compiled, out: null, outRing: rings[index], keyGroups: { index, of: parallelism },
        // A savepoint taken at any parallelism: each subtask restores its own key groups of it (savepoint-share.ts).
        savepointOut: savepoints?.[index],
        route,
        // Every subtask counts every record: one of them counts the progress.
        progress: index === 0 ? options.progress : undefined }, (m) => targets[index].hear(m)))
    workers.forEach((w, i) => {
      targets[i].to = w.route
      void w.outcome.then(() => targets[i].ended())
    })
    const feeding = route ? feedSubtasks(targets, options.recordingPath) : Promise.resolve(false)
    const outcomes = await Promise.all(workers.map((w) => w.outcome))
    const routed = await feeding
    // Every subtask reads every record, or is sent every line that is not plainly one record of another
    // subtask: a bad line or a job error on a record's way to keyBy stops them all alike; the first
    // subtask's error is the one reported.
    const firstFailure = outcomes.find((o) => !o.ok)
    const kept = await Promise.all(pumps.map((pump) => pump?.finish(firstFailure === undefined) ?? null))
    if (firstFailure !== undefined) {
      const failed = await withStuckRecord(firstFailure, options.recordingPath) as RunOutcome & { ok: false }
      settled = true
      return final === null ? failed : await keepPartial(failed, final, kept.map((k) => k?.partial ?? null))
    }
    const writeFailure = kept.find((k) => k?.failure != null)?.failure
    if (writeFailure != null) return { ok: false, error: { code: writeFailure.code, message: writeFailure.message } }
    const summaries = outcomes.map((o) => (o as { summary: RunSummary }).summary)
    if (savepoints !== null) {
      try {
        await writeMergedSavepoint(savepoints, options.savepointOut!)
      } catch (e) {
        if (e instanceof RiffleError) return { ok: false, error: { code: e.code, message: e.message } }
        throw e
      }
    }
    if (final !== null) {
      try {
        // Standard output whose reader is slow: waited for without holding the thread, so signals are heard.
        for (const p of parts) await final.writeAll(readFileSync(p!))
        final.commit()
        settled = true
      } catch (e) {
        if (e instanceof OutputError) return { ok: false, error: { code: e.code, message: e.message } }
        throw e
      }
    }
    return { ok: true, summary: { ...mergeSummaries(summaries, performance.now() - started), savepoint: options.savepointOut ?? null, routed } }
  } finally {
    // Any other way out (the job does not compile, a write that failed): its temporary file is no output.
    if (final !== null && !settled) final.abandon()
    if (dir !== null) rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * A failed run: what the subtasks emitted before it, joined in subtask order, becomes OUT.partial (the target
 * is not changed), and the error says so, as at parallelism 1.
 */
async function keepPartial(failed: RunOutcome & { ok: false }, file: OutputFile, partials: Array<string | null>): Promise<RunOutcome> {
  try {
    for (const p of partials) if (p !== null) await file.writeAll(readFileSync(p))
    const partial = file.abandon()
    return { ...failed, error: { ...failed.error, message: withKeptOutput(failed.error.message, file, partial) } }
  } catch {
    file.abandon()
    return failed // the output cannot be written: the run's own error is the one to report
  }
}

/**
 * Whether the main thread may read the recording and route its lines (route-feed.ts), if the job's shape
 * allows (route-shape.ts: plain property reads, TypeScript's or Python's subscripts): a job over JSON Lines,
 * read from the start to the end (a savepoint or --stop-after needs each subtask's reader at an exact file
 * position: those runs read the file in every subtask).
 */
async function mayRoute(o: RunJobOptions): Promise<boolean> {
  if (o.stopAfter !== undefined || o.fromSavepoint !== undefined || o.savepointOut !== undefined) return false
  if (process.env.RIFFLE_NO_ROUTE === '1') return false
  try {
    return (await detectFormat(o.recordingPath, o.recordingPath)).format === 'jsonl'
  } catch {
    return false // the subtasks report it
  }
}

/** One summary for the run: what every subtask saw once (input, bad lines), what they split summed. */
function mergeSummaries(s: RunSummary[], millis: number): RunSummary {
  const sum = (f: (x: RunSummary) => number): number => s.reduce((n, x) => n + f(x), 0)
  return {
    ...s[0],
    recordsOut: sum((x) => x.recordsOut),
    sideOutputs: sum((x) => x.sideOutputs),
    keys: sum((x) => x.keys),
    stateEntries: sum((x) => x.stateEntries),
    pendingEventTimers: sum((x) => x.pendingEventTimers),
    pendingProcessingTimers: sum((x) => x.pendingProcessingTimers),
    findings: mergeFindings(s.map((x) => x.findings)),
    millis,
    // The subtasks run side by side: the run lasted as long as its longest.
    runMillis: Math.max(...s.map((x) => x.runMillis)),
  }
}
