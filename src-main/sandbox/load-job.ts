// Evaluates a compiled job in this thread's context (so instanceof works across the API boundary)
// with `riffle` bound to the engine's API, and returns its default export.
import { createRequire } from 'node:module'
import { runInThisContext } from 'node:vm'
import * as riffleApi from '../engine/api/index'
import type { StreamExecutionEnvironment } from '../engine/api/streams'
import type { CompiledJob } from './compile-job'
import type { RecordingItem } from '../replay/recording-types'
import { RiffleError } from '../common/errors'
import { JOB_GLOBAL_NAMES, jobGlobals, newJobClock, type JobClock } from './job-globals'
import { JOB_SCRIPT_PREFIX, JOB_WRAPPER_LINES, JobSourceMapper, type JobErrorMapper } from './job-errors'
import type { LineProbe } from '../engine/observe/line-probe'
import type { JobFields } from '../engine/runtime/job-fields'
import { V8LineProbe } from './v8-line-probe'
import { asUserCode, EngineAbort } from './gate'
import { LOOP_GUARD, loopGuard } from './job-interrupt'

export type JobMain = (env: StreamExecutionEnvironment) => unknown

export interface LoadedJob {
  main: JobMain
  mapper: JobErrorMapper
  /** Which of the job file's lines run (a step's lines, line breakpoints on any line). */
  lines?: LineProbe
  /** The job's Date/Math/performance are answered from here (job-globals.ts); the run fills it in. */
  clock?: JobClock
  /**
   * Told of each input batch before its steps (JobRunOptions.onInput): a Python job decodes its records at once,
   * and while the run is not watched computes its pure record functions ahead.
   */
  onInput?: (items: readonly RecordingItem[], watched: boolean) => void
  /** Called at the end of the run after the keyed operators' close() (JobRunOptions.onClose): it may run user code. */
  onClose?: () => void
  /** The job's own fields as time travel keeps them, when not the TypeScript way (a Python job's: python-fields.ts). */
  fields?: () => JobFields
}

let loadCount = 0

export function loadJob(job: CompiledJob): LoadedJob {
  // A unique file name per load keeps stack frames of an edited job apart from the previous version.
  const vmFilename = `${JOB_SCRIPT_PREFIX}${++loadCount}:${job.path}`
  // Date, Math and performance are parameters, so the job's code sees the run's simulated clock and seeded random;
  // console is one, so what the job prints goes where its thread's owner says (job-console.ts).
  const wrapper = `(function (exports, require, module, __filename, __dirname, ${JOB_GLOBAL_NAMES.join(', ')}, ${LOOP_GUARD}) {\n${job.code}\n})`
  const mapper = new JobSourceMapper(vmFilename, job.sourceMap, JOB_WRAPPER_LINES, job.path, wrapper)
  let fn: (...a: unknown[]) => void
  try {
    fn = runInThisContext(wrapper, { filename: vmFilename }) as typeof fn
  } catch (e) {
    throw new RiffleError('JOB_COMPILE', `the job could not be loaded: ${(e as Error).message}`, { where: { file: job.path, line: 0 } })
  }
  const nodeRequire = createRequire(job.path)
  const req = (id: string): unknown => (id === 'riffle' ? riffleApi : nodeRequire(id))
  const module = { exports: {} as Record<string, unknown> }
  const clock = newJobClock()
  const globals = jobGlobals(clock, () => mapper.here())
  try {
    asUserCode(() => fn(module.exports, req, module, job.path, job.path.replace(/\/[^/]*$/, ''), ...JOB_GLOBAL_NAMES.map((n) => globals[n]), loopGuard(() => mapper.placeNow())))
  } catch (e) {
    if (e instanceof EngineAbort) throw e // the watchdog's stop of a loop at the top level
    const where = mapper.locate(e)
    throw new RiffleError('JOB_THREW', `the job module threw while loading: ${(e as Error)?.message ?? String(e)}`, { where })
  }
  const main = (module.exports.default ?? module.exports) as unknown
  if (typeof main !== 'function') {
    throw new RiffleError('BAD_ARGUMENT', `${job.path}: the job must default-export a function (env) => stream`, { where: { file: job.path, line: 0 } })
  }
  // The wrapper's first line comes before the compiled code: the script's 0-based line is the code's 1-based line.
  const lines = new V8LineProbe(vmFilename, (line, column) => mapper.jobLineAt(line, column))
  return { main: main as JobMain, mapper, clock, lines }
}
