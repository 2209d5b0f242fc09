// `npx riffle`: parses the command line, runs the job in a session worker under the watchdog, prints
// the summary to standard error and exits 0 / 1 / 2 / 3 (130 / 143 / 129 when Ctrl-C, SIGTERM or SIGHUP stopped it) as
// docs/command-line.md says.
import { existsSync, fstatSync, readFileSync, rmSync, statSync } from 'node:fs'
import { makeTempDir } from '../engine/state/temp-state-dirs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { resolve } from 'node:path'
import { type ErrorInfo, RiffleError } from '../common/errors'
import { recoverInterrupted } from '../engine/state/savepoint/atomic-dir'
import { type Command, commandOf, parseCommand } from './args'
import { UsageError } from './usage-error'
import { commandUsage, USAGE, usageErrorLine } from './usage'
import { runExport } from './export/run-export'
import { exitStatus } from './exit-status'
import { version } from '../../package.json'
import { createProgressBuffer, ProgressReporter, type ProgressStream, progressReader } from './progress'
import { diffLines, goldenProblem, readGolden, renderDiff, renderReordered, sameLinesReordered, sortedCanonical, splitLines } from './golden'
import { isStandardOutput, OutputFile, openOutput } from './output-file'
import { foldersOverlap, type GuardedFile, outputPathProblem, standardOutputProblem } from './output-paths'
import { copyPipedRecording, type PipedRecording, STDIN_NAME } from './piped-recording'
import { handleInterrupts, interruptStatus } from './interrupt'
import { runInWorker } from './run-in-worker'
import { runParallel } from './run-parallel'
import type { RunSummary } from './run-job'
import { throughputLine } from './throughput'
import { savepointOutProblem } from '../engine/runtime/run-savepoint'
import { findingsBlock } from './findings-block'
import { shownPath } from '../common/shown-path'
import { traceInWorker } from './trace-in-worker'
import { skippedLinesBlock } from './skipped-lines'
import { noRecordsNote } from './empty-recording'
import { parentFolderProblem } from './parent-folder'
import { didYouMeanPath } from './did-you-mean'

/** The commands that run a job (run, test, trace). */
type RunCommand = Exclude<Command, { kind: 'help' | 'version' | 'export' }>

/** Where progress goes; tests pass a stream that is or is not a terminal (the one isTTY decision). */
export interface MainIo { stderr: ProgressStream }

export async function main(argv: string[], io: MainIo = { stderr: process.stderr }): Promise<number> {
  let cmd
  try {
    cmd = parseCommand(argv)
  } catch (e) {
    if (e instanceof UsageError) {
      // One line naming what is wrong and where help is, not the whole help.
      process.stderr.write(`riffle: ${usageErrorLine(e.message, commandOf(argv))}\n`)
      return 2
    }
    throw e
  }
  if (cmd.kind === 'version') {
    process.stdout.write(`riffle ${version}\n`)
    return 0
  }
  // Its Python check (Pyodide) may fail to load: reported with its code, as run's errors are.
  if (cmd.kind === 'export') return runExport(cmd.args).catch(failKnown)
  if (cmd.kind === 'help') {
    // As a Unix tool does: help asked for is the output; help for a command line that asked nothing is an error.
    if (!cmd.asked) {
      process.stderr.write(`${USAGE}\n`)
      return 2
    }
    process.stdout.write(`${cmd.topic === null ? USAGE : commandUsage(cmd.topic)}\n`)
    return 0
  }
  const release = handleInterrupts()
  try {
    const status = await withRecording(cmd, io).catch(failKnown)
    return interruptStatus() ?? status
  } finally {
    release()
  }
}

/** An error of Riffle's own kind that got this far is reported with its code (not as INTERNAL, with a stack). */
function failKnown(e: unknown): number {
  if (e instanceof RiffleError) return fail({ code: e.code, message: e.message })
  throw e
}

/** The command, on its recording as given or, for a pipe, on a copy of it. */
async function withRecording(cmd: RunCommand, io: MainIo): Promise<number> {
  const o = cmd.options
  if (!existsSync(o.jobPath)) return fail({ code: 'BAD_ARGUMENT', message: `job file not found: ${o.jobPath}${didYouMeanPath(o.jobPath)}` })
  let piped: PipedRecording | null
  try {
    piped = await copyPipedRecording(o.recordingPath, () => ({ stream: process.stdin, isTTY: process.stdin.isTTY, isFolder: stdinIsFolder() }))
  } catch (e) {
    if (e instanceof RiffleError) return fail({ code: e.code, message: e.message })
    throw e
  }
  if (piped === null) return runCommand(cmd, io)
  o.recordingPath = piped.path
  o.recordingName = piped.shown
  pipedShown = piped
  try {
    return await runCommand(cmd, io)
  } finally {
    pipedShown = null
    piped.dispose()
  }
}

/** `riffle run JOB - < DIR`: standard input opened on a folder. */
function stdinIsFolder(): boolean {
  try { return fstatSync(0).isDirectory() } catch { return false }
}

/** A recording copied from a pipe: messages name it as the user did ("standard input", the pipe), not by the copy. */
let pipedShown: { path: string; shown: string } | null = null
const shown = (text: string): string => pipedShown === null ? text : text.split(pipedShown.path).join(pipedShown.shown)

async function runCommand(cmd: RunCommand, io: MainIo): Promise<number> {
  const o = cmd.options
  if (!existsSync(o.recordingPath)) return fail({ code: 'RECORDING_NOT_FOUND', message: `recording not found: ${o.recordingPath}${didYouMeanPath(o.recordingPath)}` })
  if (cmd.kind === 'trace') {
    const refused = outputsProblem(cmd)
    if (refused !== null) return fail({ code: 'BAD_ARGUMENT', message: refused })
    const traced = await traceInWorker({ ...o, out: null }, cmd.step, cmd.to, cmd.json, cmd.watchdogMs, pipedShown?.shown ?? basename(o.recordingPath))
    if (!traced.ok) return fail(withWatchdogHint(traced.error, cmd.watchdogMs))
    if (cmd.findings !== 'error' || !traced.warned) return 0
    process.stderr.write('riffle: --findings=error: a traced step raised a warning\n')
    return 1
  }
  // A crash between the two renames of a savepoint write leaves it under .NAME.old-PID-*: put it back
  // before deciding it is missing (docs/savepoint-format.md, "Writing atomically").
  if (o.fromSavepoint !== undefined) await recoverInterrupted(resolve(o.fromSavepoint))
  if (o.fromSavepoint !== undefined && !existsSync(o.fromSavepoint)) return fail({ code: 'SAVEPOINT_INVALID', message: `savepoint not found: ${o.fromSavepoint}${didYouMeanPath(o.fromSavepoint)}` })
  // A savepoint is a folder (--savepoint-out wrote it): a file given there, a recording say, is not one at all.
  if (o.fromSavepoint !== undefined && !statSync(o.fromSavepoint).isDirectory()) {
    return fail({ code: 'SAVEPOINT_INVALID', message: `--from-savepoint ${o.fromSavepoint}: a file, not a savepoint (a savepoint is the folder --savepoint-out wrote)` })
  }
  const spOut = o.savepointOut === undefined ? null : savepointOutProblem(o.savepointOut)
  if (spOut !== null) return fail({ code: 'BAD_ARGUMENT', message: `--savepoint-out: ${spOut}` })
  // LevelDB fills the state directory as the run goes: a savepoint there would be refused only at the end.
  if (o.savepointOut !== undefined && o.stateDir !== undefined && foldersOverlap(o.savepointOut, o.stateDir)) {
    return fail({ code: 'BAD_ARGUMENT', message: `--savepoint-out ${o.savepointOut} and --state-dir ${o.stateDir} overlap: the savepoint must be a folder of its own, outside the state directory` })
  }
  // Folders are made as --out's file is: the one named, in a folder that exists (parent-folder.ts).
  const stateFolder = o.stateDir === undefined ? null : parentFolderProblem(o.stateDir)
  if (stateFolder !== null) return fail({ code: 'BAD_ARGUMENT', message: `cannot use state directory ${o.stateDir}: ${stateFolder}` })
  const spFolder = o.savepointOut === undefined ? null : parentFolderProblem(o.savepointOut)
  if (spFolder !== null) return fail({ code: 'BAD_ARGUMENT', message: `--savepoint-out: cannot write a savepoint to ${o.savepointOut}: ${spFolder}` })
  const refused = outputsProblem(cmd)
  if (refused !== null) return fail({ code: 'BAD_ARGUMENT', message: refused })
  // riffle test runs into a file (--out, or a temporary one) and compares it with the golden file.
  let tmp: string | null = null
  let goldenLines: string[] | null = null
  // --update: the golden file's writer, until the verdict writes it (or the run fails and it is abandoned).
  let goldenFile: OutputFile | null = null
  let echoOut = false
  if (cmd.kind === 'test') {
    // Read back, standard output would be a pipe read by its own writer (blocked for ever); written, it would mix
    // the golden lines with the report: a golden file is a file, as `--expect -` says (args.ts).
    if (isStandardOutput(cmd.expect)) {
      return fail({ code: 'BAD_ARGUMENT', message: `--expect ${cmd.expect} is standard output, not a golden file: give a file, or a pipe as a file (--expect <(git show main:golden.jsonl)); to print the output, --out -` })
    }
    // Before the run, not when its output is compared (or written over the golden file) at the end.
    if (existsSync(cmd.expect) && statSync(cmd.expect).isDirectory()) {
      return fail({ code: 'BAD_ARGUMENT', message: `--expect ${cmd.expect} is a folder, not a golden file` })
    }
    const folder = cmd.update ? parentFolderProblem(cmd.expect) : null
    if (folder !== null) return fail({ code: 'BAD_ARGUMENT', message: `--expect ${cmd.expect}: ${folder}` })
    if (!cmd.update && !existsSync(cmd.expect)) {
      return fail({ code: 'BAD_ARGUMENT', message: `golden file not found: ${cmd.expect}${didYouMeanPath(cmd.expect)} (run with --update to create it from this run's output)` })
    }
    // Read once, before the run: a named pipe (--expect <(git show main:golden.jsonl)) has nothing left after it.
    try {
      goldenLines = cmd.update ? null : await readGolden(cmd.expect)
    } catch (e) {
      if (e instanceof RiffleError) return fail({ code: e.code, message: e.message })
      throw e
    }
    const broken = goldenLines === null ? null : goldenProblem(cmd.expect, goldenLines)
    if (broken !== null) return fail({ code: 'BAD_ARGUMENT', message: broken })
    // Opened before the run, as --out is: a folder where no file can be made is refused now, not after the run.
    if (cmd.update) {
      const opened = openOutput(cmd.expect, '--expect')
      if (!opened.ok) return fail(opened.error)
      goldenFile = opened.file
    }
    // --out - (or /dev/stdout): the output lines are the data on standard output, so the verdict goes to standard
    // error, as run's summary does; the run writes a temporary file (the verdict reads it back) echoed when it ends.
    if (o.out !== null && isStandardOutput(o.out)) {
      echoOut = true
      o.out = null
    }
    if (o.out === null) {
      tmp = makeTempDir(tmpdir(), 'riffle-test-')
      o.out = join(tmp, 'actual.jsonl')
    }
  }
  const progressBuffer = createProgressBuffer()
  const after = progressDelay()
  // A short first delay (tests under script(1)) also redraws more often, so even a quick run shows a line.
  // Records printed on the terminal the line is drawn on would be glued to it: they are the progress there.
  const recordsOnTerminal = process.stdout.isTTY === true && o.out !== null && (o.out === '-' || isStandardOutput(o.out))
  const progress = new ProgressReporter(io.stderr, progressReader(progressBuffer), { firstAfterMs: after, everyMs: Math.min(250, Math.max(50, after)), hidden: recordsOnTerminal })
  try {
    if (progress.active) o.progress = progressBuffer
    progress.start()
    const outcome = await (cmd.parallelism > 1 ? runParallel(o, cmd.parallelism, cmd.watchdogMs) : runInWorker(o, cmd.watchdogMs))
      .finally(() => progress.stop())
    // What the run emitted, failed (OUT.partial) or not, as `riffle run --out -` would have printed it.
    const echoed = echoOut ? await echoOutput(outcome.ok ? o.out! : `${o.out!}.partial`) : null
    if (!outcome.ok) {
      const status = fail(withWatchdogHint(tmp === null ? outcome.error : withoutTempOutput(outcome.error, o.out!), cmd.watchdogMs))
      // As the summary of a run that ended says them: a failed run dropped them too.
      const skipped = outcome.skipped === undefined ? [] : skippedLinesBlock(outcome.skipped, 'bad lines skipped before it')
      if (skipped.length > 0) process.stderr.write(shown(`${skipped.join('\n')}\n`))
      return status
    }
    printSummary(outcome.summary, cmd.parallelism, o.stopAfter)
    if (cmd.kind === 'run' && o.out === null) {
      process.stderr.write(`  (the records were counted, not written: add --out FILE to keep them, or --out - to print them)\n`)
    }
    // A valid, empty stream (exit 0), but a mistyped or truncated capture must be noticed: the records-in count alone is easy to miss.
    if (outcome.summary.recordsIn === 0) process.stderr.write(shown(`${noRecordsNote(o.recordingPath, o.recordingPath, outcome.summary.badLineCount)}\n`))
    const found = outcome.summary.findings
    if (found !== null) process.stderr.write(`${findingsBlock(found)}\n`)
    const warned = cmd.findings === 'error' && found !== null && found.some((f) => f.severity === 'warning')
    const warnedStatus = (): number => {
      process.stderr.write('riffle: --findings=error: the run raised a warning\n')
      return 1
    }
    if (cmd.kind === 'test') {
      // Split over subtasks the output has the same records, in another order between keys: a multiset.
      const file = goldenFile
      goldenFile = null
      if (echoed !== null) {
        file?.abandon()
        return fail(echoed)
      }
      const verdict = compareWithGolden(readFileSync(o.out!, 'utf8'), cmd.expect, goldenLines ?? file!, cmd.maxDiffs, cmd.parallelism > 1, echoOut ? process.stderr : process.stdout)
      // An output that matches still fails on a warning, and says so (the verdict alone says "ok").
      return verdict === 0 && warned ? warnedStatus() : verdict
    }
    return warned ? warnedStatus() : 0
  } finally {
    if (tmp !== null) rmSync(tmp, { recursive: true, force: true })
    goldenFile?.abandon()
  }
}

/**
 * A failed `riffle test` without --out: what the error says of the output it kept (`... is in TMP.partial`) is of a
 * temporary file removed as the command ends, so it goes; --out FILE keeps it.
 */
function withoutTempOutput(error: ErrorInfo, tmpOut: string): ErrorInfo {
  const lines = error.message.split('\n')
  const kept = lines.filter((l, i) => i === 0 || !l.includes(tmpOut))
  return kept.length === lines.length ? error : { ...error, message: kept.join('\n') }
}

/**
 * A watchdog stop (JOB_TIMEOUT is only ever its time limit: no other limit stops a call) names the time, not the
 * option: a step that is not stuck but slow, one that emits millions of records say, needs --watchdog-ms raised.
 */
function withWatchdogHint(error: ErrorInfo, watchdogMs: number): ErrorInfo {
  if (error.code !== 'JOB_TIMEOUT') return error
  const hint = `a step that is only slow (much work, or very many records emitted in one call) can have more time: --watchdog-ms N (now ${watchdogMs})`
  return { ...error, message: `${error.message}\n  ${hint}` }
}

/** RIFFLE_PROGRESS_AFTER_MS: how long a run goes before its progress line appears (default 1000 ms). */
function progressDelay(): number {
  const v = Number(process.env.RIFFLE_PROGRESS_AFTER_MS)
  return Number.isFinite(v) && v >= 0 ? v : 1000
}

/** Why --out or the golden file would overwrite something the run reads or owns (exit 2), or null. */
function outputsProblem(cmd: RunCommand): string | null {
  const o = cmd.options
  const inputs = [{ path: o.recordingPath, what: 'the recording' }, { path: o.jobPath, what: 'the job' }, ...stdinRecordingFile()]
  const dirs = [
    ...(o.stateDir !== undefined ? [{ path: o.stateDir, what: 'the state directory' }] : []),
    ...(o.savepointOut !== undefined ? [{ path: o.savepointOut, what: 'the --savepoint-out folder' }] : []),
    ...(o.fromSavepoint !== undefined ? [{ path: o.fromSavepoint, what: 'the savepoint of --from-savepoint' }] : []),
  ]
  if (cmd.kind === 'test') {
    const golden = outputPathProblem('--expect', cmd.expect, cmd.update ? inputs : [], cmd.update ? dirs : [])
    if (golden !== null) return golden
  }
  const golden = cmd.kind === 'test' ? [{ path: cmd.expect, what: 'the golden file of --expect' }] : []
  // A test's verdict (unless --out - takes standard output, and the verdict goes to standard error) and a trace go to
  // standard output themselves.
  const text = cmd.kind === 'trace' ? 'riffle trace writes the trace to standard output'
    : cmd.kind === 'test' && (o.out === null || (o.out !== '-' && !isStandardOutput(o.out))) ? 'riffle test writes its verdict to standard output' : null
  const stdout = text === null ? null : standardOutputProblem(text, [...inputs, ...golden])
  if (stdout !== null) return stdout
  return o.out === null ? null : outputPathProblem('--out', o.out, [...inputs, ...golden], dirs)
}

/**
 * The file standard input was redirected from (`riffle run JOB - --out REC < REC`) when it is the recording: the
 * copy of it is what the run reads, so the guard would not see REC itself. A pipe is not a file: nothing to guard.
 */
function stdinRecordingFile(): GuardedFile[] {
  if (pipedShown === null || pipedShown.shown !== STDIN_NAME) return []
  try {
    return fstatSync(0).isFile() ? [{ path: '/dev/stdin', what: 'the recording, which standard input reads' }] : []
  } catch {
    return []
  }
}

/**
 * `riffle test`'s verdict, said on `say` (standard output, or standard error when the output lines go there): 0 equal
 * or updated, 1 different (a readable diff). `expected`: the golden file's lines, or (--update) its writer, opened
 * before the run: a temporary sibling renamed over it only when whole.
 */
function compareWithGolden(actualText: string, golden: string, expected: string[] | OutputFile, maxDiffs: number, multiset: boolean, say: NodeJS.WritableStream): number {
  const actual = splitLines(actualText)
  if (!Array.isArray(expected)) {
    const file = expected
    try {
      file.write(Buffer.from(actualText, 'utf8'))
      file.commit()
    } catch (e) {
      const partial = file.abandon()
      return fail({ code: 'OUTPUT_WRITE_FAILED', message: `cannot update the golden file: ${(e as Error).message}${partial !== null ? ` (${golden} was not changed; what was written is in ${partial})` : ''}` })
    }
    say.write(`riffle test: wrote ${actual.length} output lines to ${golden}\n`)
    return 0
  }
  const goldenLines = expected
  const d = multiset ? diffLines(sortedCanonical(goldenLines), sortedCanonical(actual)) : diffLines(goldenLines, actual)
  if (d.equal) {
    say.write(`riffle test: ok: ${actual.length} output lines match ${golden}${multiset ? ' (as a multiset: --parallelism above 1)' : ''}\n`)
    return 0
  }
  if (!multiset && sameLinesReordered(goldenLines, actual)) {
    say.write(`${renderReordered(actual.length, golden)}\n`)
    return 1
  }
  if (multiset) say.write('riffle test: compared as a multiset (--parallelism above 1): line numbers are of the sorted lines\n')
  say.write(`${renderDiff(d, golden, maxDiffs)}\n`)
  return 1
}

/** Copies a `riffle test --out -` run's output file (when there is one) to standard output; the failure, or null. */
async function echoOutput(path: string): Promise<ErrorInfo | null> {
  if (!existsSync(path)) return null
  const out = OutputFile.open('-')
  try {
    await out.writeAll(readFileSync(path))
    out.commit()
    return null
  } catch (e) {
    if (e instanceof RiffleError) return { code: e.code, message: e.message }
    throw e
  }
}

function fail(info: ErrorInfo): number {
  // The job's line, unless the message names it already (absolute, or as the user typed it). The engine names the
  // job file by its absolute path (the app shows it so); here it is the path as the user typed it.
  const w = info.where
  const message = w !== undefined ? info.message.split(`${w.file}:`).join(`${shownPath(w.file)}:`) : info.message
  const named = w !== undefined && message.includes(`${shownPath(w.file)}:${w.line}`)
  const where = w && w.line > 0 && !named ? ` (${shownPath(w.file)}:${w.line}${w.column ? `:${w.column}` : ''})` : ''
  process.stderr.write(shown(`riffle: ${info.code}: ${message}${where}\n`))
  return exitStatus(info.code)
}

/** Where in the recording a run resumed from a savepoint read its records ('' when not resumed). */
function resumedFrom(s: RunSummary): string {
  if (s.resumedAfter === 0) return ''
  // A savepoint taken at the end: "records 41 to 40" said it backwards.
  if (s.recordsIn === s.resumedAfter) {
    return s.stoppedEarly ? ` (resumed from the savepoint, which had read ${s.resumedAfter}: --stop-after ${s.recordsIn} ran none)`
      : ` (the savepoint had read all ${s.recordsIn} records of the recording: nothing was left to run)`
  }
  return ` (records ${s.resumedAfter + 1} to ${s.recordsIn} of the recording: resumed from the savepoint, which had read ${s.resumedAfter})`
}

function printSummary(s: RunSummary, parallelism: number, stopAfter: number | undefined): void {
  const lines = [
    `riffle: done in ${(s.millis / 1000).toFixed(2)} s (${s.backend}${s.stateDir ? `, state in ${s.stateDir}` : ''}${parallelism > 1 ? `, ${parallelism} subtasks${s.routed === true ? ', lines routed' : ''}` : ''})`,
    `  records in:      ${s.recordsIn - s.resumedAfter}${resumedFrom(s)}`,
    `  records out:     ${s.recordsOut}${s.sideOutputs ? ` (+ ${s.sideOutputs} side output records)` : ''}`,
    `  keys seen:       ${s.keys}\n  state entries:   ${s.stateEntries} (stored at the end: one per key and state, expired TTL entries not yet cleaned included)`,
    `  pending timers:  ${s.pendingEventTimers + s.pendingProcessingTimers} (event time ${s.pendingEventTimers}, processing time ${s.pendingProcessingTimers})`,
    throughputLine(s.recordsIn - s.resumedAfter, s.runMillis),
    // maxRSS covers the whole process, the engine's worker thread included.
    `  peak memory:     ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
  ]
  if (s.stoppedEarly) lines.push(`  stopped after ${s.recordsIn} records (--stop-after)`)
  // A savepoint meant to be resumed from record N+1 is then of the finished run: say so rather than leave it to be found.
  else if (stopAfter !== undefined && stopAfter > s.recordsIn) {
    lines.push(`  --stop-after ${stopAfter} was not reached: the recording has ${s.recordsIn} records, and the run went to its end`)
  }
  if (s.savepoint !== null) lines.push(`  savepoint:       ${s.savepoint}`)
  lines.push(...skippedLinesBlock(s, 'bad lines skipped'))
  process.stderr.write(shown(`${lines.join('\n')}\n`))
}
