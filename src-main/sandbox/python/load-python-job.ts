// Loads a Python job (.py): compiles and runs the module in this thread's Pyodide, and returns the same
// (main, mapper) pair a TypeScript job gives, so the engine builds and runs its graph the same way.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { PyodideAPI } from 'pyodide'
import * as riffleApi from '../../engine/api/index'
import { RiffleError } from '../../common/errors'
import { asUserCode, UserCodeError } from '../gate'
import type { SourceLocation } from '../../common/trace-api'
import { createdAtLine } from '../../engine/api/creation-sites'
import { checkJobFile } from '../job-file-check'
import { toJobError, type JobErrorMapper, type JobPosition } from '../job-errors'
import type { LoadedJob } from '../load-job'
import { pythonRequested, pythonRuntime } from './pyodide-runtime'
import { PythonBridge, PythonJobError } from './python-bridge'
import { watchdogInterrupted } from '../job-interrupt'
import { PythonLineProbe, type RiffleLinesModule } from './python-line-probe'
import { newJobClock } from '../job-globals'
import { pythonFields, type PyFields } from './python-fields'

interface RiffleModule {
  install(bridge: PythonBridge, path: string): void
  current_line(): number
  job_lines(): string
  batch(text: string): void
  /** Raises an engine refusal of a state call as the Python exception `type` (PythonBridge.refuse). */
  raise_refused(type: string, message: string): void
  /** The line of the `yield` whose value is being emitted, 0 when none is (python/_riffle.py). */
  readonly yield_line: number
  /** repr() of the value being emitted, or None (undefined here) when none is. */
  emitting_repr(): string | undefined
}

/** python/_riffle_job.py: the job module's load and build. */
interface RiffleJobModule {
  load(source: string, path: string): string | undefined
  build(events: unknown, api: typeof riffleApi): unknown
  /** Closes the functions the last build opened itself (a job without a keyed operator), or null. */
  closer(): (() => void) | null | undefined
  /** The last build's objects' fields, for time travel (python/_riffle_fields.py). */
  fields(): PyFields
}

interface LoadFailure { kind: 'syntax' | 'import' | 'nojob'; type: string; message: string; line: number; column: number }

const bridges = new WeakMap<PyodideAPI, PythonBridge>()

/** A Python list as its proxy gives it. */
interface PyList { clear(): void; extend(other: PyList): void; destroy(): void }

/** What a job(events) that returned this (python/_riffle_job.py _build) most likely got wrong. */
const RETURNED_HINT: Record<string, string> = {
  'None': ' (a missing return?)',
  'a coroutine': ' (job is an async def: make it a plain def)',
}

export async function loadPythonJob(jobPath: string, source?: string): Promise<LoadedJob> {
  const path = resolve(jobPath)
  if (source === undefined) checkJobFile(jobPath)
  // A byte order mark (Notepad saves one) is not source: CPython skips it in a file, compile() of the text refuses it.
  const text = (source ?? readFileSync(path, 'utf8')).replace(/^\uFEFF/, '')
  const py = await pythonRuntime()
  let bridge = bridges.get(py)
  const riffle = py.pyimport('_riffle') as unknown as RiffleModule
  const aggResults = py.pyimport('_riffle_agg_results') as unknown as { call_repr(name: string, part: string): string | undefined }
  const riffleJob = py.pyimport('_riffle_job') as unknown as RiffleJobModule
  if (bridge === undefined) {
    bridges.set(py, bridge = new PythonBridge())
    bridge.sendBatch = riffle.batch
    bridge.raiseRefused = riffle.raise_refused
  }
  bridge.jobPath = path
  const clock = bridge.clock = newJobClock()
  riffle.install(bridge, path)
  const failure = asUserCode(() => riffleJob.load(text, path))
  if (failure !== undefined && failure !== null) throw loadError(JSON.parse(failure) as LoadFailure, path)
  const b = bridge
  let close: (() => void) | null | undefined = null
  let fields: PyFields | null = null
  return {
    main: (env) => {
      let built: unknown
      try {
        built = riffleJob.build(env.fromRecording(), riffleApi)
        close = riffleJob.closer()
        fields = riffleJob.fields()
      } catch (e) {
        throw b.take(e)
      }
      // job(events) returned something other than a DataStream (python/_riffle.py _build): say what, at its def line.
      if (typeof built === 'string') {
        const r = JSON.parse(built) as { returned: string; line: number }
        throw new RiffleError('BAD_ARGUMENT', `${path}:${r.line}: job(events) must return the DataStream that is the job's output, got ${r.returned}${RETURNED_HINT[r.returned] ?? ''}`,
          { where: { file: path, line: r.line } })
      }
      return built
    },
    mapper: new PythonJobMapper(path, () => riffle.current_line(), () => JSON.parse(riffle.job_lines()) as number[], () => riffle.yield_line,
      () => riffle.emitting_repr() ?? null, (name, part) => aggResults.call_repr(name, part) ?? null),
    lines: new PythonLineProbe(py.pyimport('_riffle_lines') as unknown as RiffleLinesModule),
    onInput: b.onInput,
    // A job without a keyed operator: its map, filter, flat_map functions' close(), which no operator calls.
    onClose: () => {
      if (close === null || close === undefined) return
      try {
        close()
      } catch (e) {
        throw b.take(e)
      }
    },
    clock,
    // Asked by time travel only (its first snapshot), after main built the run's graph.
    fields: () => pythonFields(fields!),
  }
}

/**
 * Runs `fn` (a backend check: more runs of a job in this thread's Pyodide, each loading it again) and gives the
 * job loaded before it its clock and its module back: the runtime has one bridge, and the check's loads left theirs in
 * it, so the session's time.time() and random answered from the check's finished run instead of its own, a watch
 * read the check's module's names (a module-level counter at the check's count), and `self` the check's function
 * objects (self.seen at the check's count, whatever step the session stood at).
 */
export async function keepingPythonClock<T>(fn: () => Promise<T>): Promise<T> {
  if (!pythonRequested()) return fn()
  const py = await pythonRuntime()
  const bridge = bridges.get(py)
  const clock = bridge?.clock
  const job = py.pyimport('_riffle_job') as unknown as { job_globals: unknown }
  const names = job.job_globals
  const keyed = (py.pyimport('_riffle_self') as unknown as { keyed_functions: PyList }).keyed_functions
  // A list of its own (a proxy's copy() is a second proxy of the same list, which the check's load empties).
  const functions = (py.pyimport('builtins') as unknown as { list(of: PyList): PyList }).list(keyed)
  try {
    return await fn()
  } finally {
    if (bridge !== undefined && clock !== undefined) bridge.clock = clock
    job.job_globals = names
    keyed.clear()
    keyed.extend(functions)
    functions.destroy()
  }
}

function loadError(f: LoadFailure, path: string): RiffleError {
  const where = { file: path, line: f.line, column: Math.max(1, f.column) }
  switch (f.kind) {
    case 'syntax':
      // The shape esbuild's errors have for a TypeScript job, so the editor draws the same marker.
      // Python gives no line for some (a NUL byte in the source): the file alone, not a line 0 that does not exist.
      if (f.line < 1) return new RiffleError('JOB_COMPILE', `the job does not compile:\n${path}: ${f.type}: ${f.message}`, { where: { file: path, line: 0 } })
      return new RiffleError('JOB_COMPILE', `the job does not compile:\n${path}:${f.line}:${where.column}: ${f.type}: ${f.message}`, { where })
    case 'import': {
      // The watchdog's interrupt of an endless loop at the module's top level: a stop, which the watchdog words.
      if (f.type === 'KeyboardInterrupt') return watchdogInterrupted(f.line > 0 ? where : undefined)
      // What a user of PyFlink imports first (numpy, a module of their own beside the job) is not there: say why.
      // A PyFlink name Riffle's pyflink lacks (StreamExecutionEnvironment, a window assigner): what it has, and why.
      const hint = f.type === 'ModuleNotFoundError' && !f.message.includes("'pyflink.")
        ? " (Riffle runs a Python job with Python's standard library and its own pyflink only: other packages, and other .py files beside the job, cannot be imported)"
        : (f.type === 'ImportError' || f.type === 'ModuleNotFoundError') && f.message.includes("'pyflink")
          ? " (Riffle's pyflink has the names of a keyed process job only, docs/python-jobs.md: the recording comes to job(events), so no StreamExecutionEnvironment, and no windows, joins, connectors or Table API)"
          : ''
      return new RiffleError('JOB_THREW', `the job module threw while loading: ${f.type}: ${f.message}${f.line > 0 ? ` at ${path}:${f.line}:${where.column}` : ''}${hint}`, f.line > 0 ? { where } : {})
    }
    case 'nojob':
      return new RiffleError('BAD_ARGUMENT', noJobMessage(path, f.message, f.type), { where: { file: path, line: 0 } })
  }
}

/**
 * A module without job(events), as the seed article prints its Sessionizer (a class, no pipeline): what Riffle wants
 * and an example to paste, calling the module's own keyed function `fn` ("" when it defines none). `jobType`: what
 * `job` is when it is no function ("" when there is none).
 */
function noJobMessage(path: string, fn: string, jobType: string): string {
  const has = jobType === '' ? 'defines no function job(events)' : `defines job as a ${jobType}, not a function job(events)`
  return `${path} ${has}: Riffle hands the recording to job(events), which builds the pipeline (what main() builds on ` +
    `env.from_source(...) on a cluster) and returns its stream. Add one at the end of the file, for example:

from pyflink.common import Duration, WatermarkStrategy
from pyflink.common.watermark_strategy import TimestampAssigner

class EventTime(TimestampAssigner):
    def extract_timestamp(self, value, record_timestamp):
        return value["ts"]  # the record's event time, in ms

def job(events):
    return (events
            .assign_timestamps_and_watermarks(
                WatermarkStrategy.for_bounded_out_of_orderness(Duration.of_seconds(5))
                .with_timestamp_assigner(EventTime()))
            .key_by(lambda e: e["user_id"])  # the field to key by
            .process(${fn === '' ? 'MyKeyedProcessFunction' : fn}()))`
}

/** PyFlink's names for the callbacks the engine names in TypeScript's terms. */
const PY_CALLBACK: Record<string, string> = {
  processElement: 'process_element', onTimer: 'on_timer', flatMap: 'flat_map', 'keyBy key selector': 'key_by key selector',
}

class PythonJobMapper implements JobErrorMapper {
  constructor(private readonly path: string, private readonly currentLine: () => number, private readonly jobLines: () => number[],
    private readonly yieldLine: () => number, private readonly emittingRepr: () => string | null,
    private readonly aggregateRepr: (stateName: string, part: 'input' | 'result') => string | null) {}

  // The engine asks inside its hooks, which run within a call from Python: the job's frames are Python's own.
  // The current line counts a `yield` being emitted too (its generator is suspended, so off the stack).
  here(): SourceLocation | null {
    const line = this.currentLine()
    return line > 0 ? { file: this.path, line } : null
  }

  // An output from a `yield` (its line is noted while it is emitted) or from an iterable process_element returned
  // (no job frame left): PyFlink's form. The seed article's out.collect(x) is a call from the job's frame.
  outputForm(): 'yield' | 'collect' {
    return this.yieldLine() > 0 || this.currentLine() === 0 ? 'yield' : 'collect'
  }

  // The value as the job yielded it (a tuple, a Row, 3.0), which the engine keeps as JSON: Python's repr of it.
  outputText(): string | null {
    return this.emittingRepr()
  }

  // An AggregatingState's or ReducingState's add() as the job called it, an AggregatingState's get() as get_result
  // returned it (3.0, a tuple): python/_riffle_agg_results.py.
  aggregateText(stateName: string, part: 'input' | 'result'): string | null {
    return this.aggregateRepr(stateName, part)
  }

  stackHere(): SourceLocation[] {
    return this.jobLines().map((line) => ({ file: this.path, line }))
  }

  // A JavaScript Error carries no Python frames: the job's line of a state descriptor or an assigner is the one
  // Python told (PythonBridge.createdAt).
  of(site: unknown): SourceLocation | null {
    const line = createdAtLine(site)
    return line === null ? null : { file: this.path, line }
  }

  locate(err: unknown): JobPosition | undefined {
    return err instanceof PythonJobError ? err.where : undefined
  }

  toJobError(e: unknown): RiffleError {
    // A Python exception raised outside the job's frames (no line known) is still the job's, not Riffle's own.
    if (e instanceof PythonJobError && e.where === undefined) return new RiffleError('JOB_THREW', `${e.name}: ${e.message}`)
    const renamed = e instanceof UserCodeError && PY_CALLBACK[e.callback] !== undefined ? new UserCodeError(PY_CALLBACK[e.callback], e.original, e.site, e.callee) : e
    return toJobError(this, renamed)
  }
}
