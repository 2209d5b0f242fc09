// `npx riffle`: parses the command line, runs the job in a session worker under the watchdog, prints
// the summary to standard error and exits 0 / 1 / 2 as docs/command-line.md says.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { resolve } from 'node:path'
import { type ErrorInfo, RiffleError, toErrorInfo } from '../common/errors'
import { recoverInterrupted } from '../engine/state/savepoint/atomic-dir'
import { readRecordingLineAsync } from '../replay/read-line'
import { WorkerHost } from '../worker/worker-host'
import { parseCommand, USAGE, UsageError } from './args'
import { OUTPUT_CLOSED } from './output-writer'
import { diffLines, readGolden, renderDiff, splitLines, writeGolden } from './golden'
import type { RunJobOptions, RunSummary } from './run-job'
import { savepointOutProblem } from '../engine/runtime/run-savepoint'

export async function main(argv: string[]): Promise<number> {
  let cmd
  try {
    cmd = parseCommand(argv)
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`riffle: ${e.message}\n\n${USAGE}\n`)
      return 2
    }
    throw e
  }
  if (cmd.kind === 'help') {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  const o = cmd.options
  if (!existsSync(o.jobPath)) return fail({ code: 'BAD_ARGUMENT', message: `job file not found: ${o.jobPath}` })
  if (!existsSync(o.recordingPath)) return fail({ code: 'RECORDING_NOT_FOUND', message: `recording not found: ${o.recordingPath}` })
  // A crash between the two renames of a savepoint write leaves it under .NAME.old-PID-*: put it back
  // before deciding it is missing (docs/savepoint-format.md, "Writing atomically").
  if (o.fromSavepoint !== undefined) await recoverInterrupted(resolve(o.fromSavepoint))
  if (o.fromSavepoint !== undefined && !existsSync(o.fromSavepoint)) return fail({ code: 'SAVEPOINT_INVALID', message: `savepoint not found: ${o.fromSavepoint}` })
  const spOut = o.savepointOut === undefined ? null : savepointOutProblem(o.savepointOut)
  if (spOut !== null) return fail({ code: 'BAD_ARGUMENT', message: `--savepoint-out: ${spOut}` })
  // riffle test runs into a file (--out, or a temporary one) and compares it with the golden file.
  let tmp: string | null = null
  if (cmd.kind === 'test') {
    if (!cmd.update && !existsSync(cmd.expect)) {
      return fail({ code: 'BAD_ARGUMENT', message: `golden file not found: ${cmd.expect} (run with --update to create it from this run's output)` })
    }
    if (o.out === null || o.out === '-') {
      tmp = mkdtempSync(join(tmpdir(), 'riffle-test-'))
      o.out = join(tmp, 'actual.jsonl')
    }
  }
  try {
    const summary = await runInWorker(o, cmd.watchdogMs)
    printSummary(summary)
    if (cmd.kind === 'test') return compareWithGolden(readFileSync(o.out!, 'utf8'), cmd.expect, cmd.update, cmd.maxDiffs)
    return 0
  } catch (e) {
    const info = toErrorInfo(e)
    // `riffle run ... --out - | head`: the reader had enough; like other tools, end quietly with 0.
    if (info.code === 'STOPPED' && info.message.startsWith(OUTPUT_CLOSED)) {
      process.stderr.write(`riffle: ${OUTPUT_CLOSED}\n`)
      return 0
    }
    if (info.code === 'JOB_TIMEOUT' && info.input) {
      const text = await readRecordingLineAsync(o.recordingPath, info.input.line)
      if (text !== null) info.message += `: ${text}`
    }
    return fail(info)
  } finally {
    if (tmp !== null) rmSync(tmp, { recursive: true, force: true })
  }
}

/** `riffle test`'s verdict: 0 equal or updated, 1 different (with a readable diff on standard output). */
function compareWithGolden(actualText: string, golden: string, update: boolean, maxDiffs: number): number {
  const actual = splitLines(actualText)
  if (update) {
    writeGolden(golden, actualText)
    process.stdout.write(`riffle test: wrote ${actual.length} output lines to ${golden}\n`)
    return 0
  }
  const d = diffLines(readGolden(golden), actual)
  if (d.equal) {
    process.stdout.write(`riffle test: ok: ${actual.length} output lines match ${golden}\n`)
    return 0
  }
  process.stdout.write(`${renderDiff(d, golden, maxDiffs)}\n`)
  return 1
}

function runInWorker(options: RunJobOptions, watchdogMs: number): Promise<RunSummary> {
  const host = new WorkerHost(watchdogMs, (line) => `${options.recordingPath}:${line}`)
  return new Promise<RunSummary>((resolve, reject) => {
    host.onMessage((m) => {
      if (m.type === 'ran') resolve(m.summary)
      if (m.type === 'runFailed') reject(RiffleError.fromInfo(m.error))
      if (m.type === 'ran' || m.type === 'runFailed') void host.terminate()
    })
    host.onDeath((info) => reject(RiffleError.fromInfo(info)))
    host.send({ type: 'run', options })
  })
}

function fail(info: ErrorInfo): number {
  const where = info.where && info.where.line > 0 && !info.message.includes(`${info.where.file}:${info.where.line}`)
    ? ` (${info.where.file}:${info.where.line}${info.where.column ? `:${info.where.column}` : ''})` : ''
  process.stderr.write(`riffle: ${info.code}: ${info.message}${where}\n`)
  return info.code === 'JOB_THREW' || info.code === 'JOB_TIMEOUT' ? 1 : 2
}

function printSummary(s: RunSummary): void {
  const lines = [
    `riffle: done in ${(s.millis / 1000).toFixed(2)} s (${s.backend}${s.stateDir ? `, state in ${s.stateDir}` : ''})`,
    `  records in:      ${s.recordsIn}`,
    `  records out:     ${s.recordsOut}${s.sideOutputs ? ` (+ ${s.sideOutputs} side output records)` : ''}`,
    `  keys:            ${s.keys}`,
    `  pending timers:  ${s.pendingEventTimers + s.pendingProcessingTimers} (event time ${s.pendingEventTimers}, processing time ${s.pendingProcessingTimers})`,
    `  throughput:      ${Math.round(s.recordsIn / Math.max(s.millis / 1000, 1e-9))} records/s`,
    // maxRSS covers the whole process, the engine's worker thread included.
    `  peak memory:     ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
  ]
  if (s.stoppedEarly) lines.push(`  stopped after ${s.recordsIn} records (--stop-after)`)
  if (s.savepoint !== null) lines.push(`  savepoint:       ${s.savepoint}`)
  if (s.badLineCount > 0) {
    lines.push(`  bad lines skipped: ${s.badLineCount}`)
    for (const b of s.badLines.slice(0, 20)) lines.push(`    ${b.file}:${b.line}: ${b.reason}`)
    if (s.badLineCount > 20) lines.push(`    … and ${s.badLineCount - 20} more`)
  }
  process.stderr.write(`${lines.join('\n')}\n`)
}
