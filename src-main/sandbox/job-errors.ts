// Where in the job an error happened: positions in the compiled job mapped back to the job file's line
// and column through the source map, and anything thrown out of a run turned into a RiffleError that
// names them.
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { type ErrorWhere, RiffleError } from '../common/errors'
import type { SourceLocation } from '../common/trace-api'
import type { CallSiteLocator } from '../engine/observe/call-site'
import { EngineAbort, UserCodeError } from './gate'

/** Where a job's error happened, and that error as what a run reports; where the job is now (one per job language). */
export interface JobErrorMapper extends CallSiteLocator {
  locate(err: unknown): JobPosition | undefined
  /** Where a function of the job is defined, when known (a thrown non-Error has no stack: its callback's place). */
  locateFunction?(fn: (...args: never[]) => unknown): JobPosition | undefined
  toJobError(e: unknown): RiffleError
}

export interface JobPosition { file: string; line: number; column: number }

/** The script name a loaded job runs under starts with this (load-job.ts), followed by a number, ':' and its path. */
export const JOB_SCRIPT_PREFIX = 'riffle-job-'
/** Lines load-job.ts's wrapper puts before the compiled job. */
export const JOB_WRAPPER_LINES = 1

/**
 * A position in a loaded job's script (1-based line and column, as a stack or the inspector gives them) mapped
 * to the job's source, or null when `script` is not that job's or the position maps nowhere. For the watchdog,
 * which reads where a runaway job is from outside its thread and so has no mapper of the job's own.
 */
export function mapJobScriptPosition(job: { path: string; sourceMap: string }, script: string, line: number, column: number): SourceLocation | null {
  if (!script.startsWith(JOB_SCRIPT_PREFIX) || !script.endsWith(`:${job.path}`)) return null
  return new JobSourceMapper(script, job.sourceMap, JOB_WRAPPER_LINES, job.path).framesOf(`    at ${script}:${line}:${column}`, true)[0] ?? null
}

/** Frames a stack taken inside a hook may have between the hook and the job (state decorators, TTL, the hub...). */
const HOOK_STACK_LIMIT = 40

/** Maps positions in the compiled job back to the job's source files. */
export class JobSourceMapper implements JobErrorMapper {
  private readonly map: TraceMap
  /** Mapped positions by the compiled "line:column" (a call site maps once). */
  private readonly cache = new Map<string, SourceLocation | null>()
  constructor(readonly vmFilename: string, sourceMap: string, private readonly lineOffset: number, private readonly jobPath: string,
    /** The script as it was run (wrapper and compiled job), to find a function's place by its text. */
    private readonly script?: string) {
    this.map = new TraceMap(sourceMap)
  }

  /** Where the job defines fn, found by its source text in the script (first occurrence), or undefined. */
  locateFunction(fn: (...args: never[]) => unknown): JobPosition | undefined {
    if (this.script === undefined) return undefined
    const text = Function.prototype.toString.call(fn)
    const at = text.length > 0 ? this.script.indexOf(text) : -1
    if (at < 0) return undefined
    const before = this.script.slice(0, at)
    const line = before.split('\n').length
    const loc = this.mapped(line, at - before.lastIndexOf('\n'))
    return loc === null ? undefined : { file: loc.file, line: loc.line, column: loc.column ?? 0 }
  }

  /** The first stack frame inside the job, as a position in the job's sources. */
  locate(err: unknown): { file: string; line: number; column: number } | undefined {
    const stack = err instanceof Error ? err.stack ?? '' : ''
    const first = this.framesOf(stack, true)[0]
    return first === undefined ? undefined : { file: first.file, line: first.line, column: first.column ?? 0 }
  }

  here(): SourceLocation | null {
    return this.placeNow()?.where ?? null
  }

  /** Where the job is now, with the name of the function it is in ('' for an anonymous one). */
  placeNow(): { where: JobPosition; functionName: string } | null {
    for (const f of framesNow()) {
      if (f.getFileName() !== this.vmFilename) continue
      const loc = this.mapped(f.getLineNumber() ?? 0, f.getColumnNumber() ?? 0)
      if (loc !== null) return { where: { file: loc.file, line: loc.line, column: loc.column ?? 0 }, functionName: f.getFunctionName() ?? '' }
    }
    return null
  }

  stackHere(): SourceLocation[] {
    const out: SourceLocation[] = []
    for (const f of framesNow()) {
      if (f.getFileName() !== this.vmFilename) continue
      const loc = this.mapped(f.getLineNumber() ?? 0, f.getColumnNumber() ?? 0)
      if (loc !== null) out.push(loc)
    }
    return out
  }

  of(err: unknown): SourceLocation | null {
    return this.locate(err) ?? null
  }

  /** The job's frames of a stack text, innermost first (only the first when `firstOnly`). */
  framesOf(stack: string, firstOnly: boolean): SourceLocation[] {
    const out: SourceLocation[] = []
    for (const line of stack.split('\n')) {
      const i = line.indexOf(this.vmFilename + ':')
      if (i < 0) continue
      const m = /:(\d+):(\d+)\)?\s*$/.exec(line.slice(i + this.vmFilename.length))
      if (m === null) continue
      const loc = this.mapped(Number(m[1]), Number(m[2]))
      if (loc === null) continue
      out.push(loc)
      if (firstOnly) break
    }
    return out
  }

  /** A position of the compiled script (1-based line and column, as a stack gives them) in the job's sources. */
  private mapped(line: number, column: number): SourceLocation | null {
    const id = `${line}:${column}`
    let loc = this.cache.get(id)
    if (loc === undefined) {
      const pos = originalPositionFor(this.map, { line: line - this.lineOffset, column: column - 1 })
      loc = pos.line === null ? null : { file: pos.source === null ? this.jobPath : resolveSource(this.jobPath, pos.source), line: pos.line, column: pos.column + 1 }
      this.cache.set(id, loc)
    }
    return loc
  }

  toJobError(e: unknown): RiffleError { return toJobError(this, e) }

  /** The job file's line of a position in the compiled job (1-based line, 0-based column), or null: another file. */
  jobLineAt(line: number, column: number): number | null {
    if (line < 1) return null
    const pos = originalPositionFor(this.map, { line, column })
    if (pos.line === null) return null
    const file = pos.source === null ? this.jobPath : resolveSource(this.jobPath, pos.source)
    return file === this.jobPath ? pos.line : null
  }
}

/** Turns anything thrown out of a run into a RiffleError with code, location and message. */
export function toJobError(mapper: Pick<JobErrorMapper, 'locate' | 'of' | 'locateFunction'>, e: unknown): RiffleError {
  if (e instanceof RiffleError && !(e instanceof UserCodeError) && !(e instanceof EngineAbort)) return e
  if (e instanceof EngineAbort) return new RiffleError(e.code, e.message, e.where === undefined ? {} : { where: e.where })
  if (e instanceof UserCodeError) {
    const thrown = mapper.locate(e.original) ?? siteOf(mapper, e.site)
    const callee = thrown === undefined && e.callee !== undefined ? mapper.locateFunction?.(e.callee) : undefined
    const where = thrown ?? callee
    const orig = e.original instanceof Error ? `${e.original.name}: ${e.original.message}` : thrownText(e.original)
    // (A site's column is 0 when unknown, as a Python job tells the line only: then the error names no column.)
    const known: ErrorWhere | undefined = where === undefined || where.column > 0 ? where : { file: where.file, line: where.line }
    const at = known ? ` at ${known.file}:${known.line}${known.column === undefined ? '' : `:${known.column}`}` : ''
    // Said, so the callback's line is not taken for the throw's. V8 keeps no place for a thrown non-Error; only its
    // debugger pausing at every throw (the job's own caught ones too) could find it, which a run does not pay for.
    const why = callee !== undefined
      ? ` (the line where ${e.callback} was entered, which need not be the throw's: a thrown value that is not an Error carries no stack, so the throw's line, in ${e.callback} or a function it called, is not known; throw new Error(...) to get it)`
      : ''
    return new RiffleError('JOB_THREW', `${e.callback} threw ${orig}${at}${why}`, { where: known })
  }
  // Errors raised by the engine on the job's behalf (a bad key, a null list element) name the job line too.
  const where = mapper.locate(e)
  if (where !== undefined) {
    const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e)
    return new RiffleError('JOB_THREW', `${msg} at ${where.file}:${where.line}:${where.column}`, { where })
  }
  const err = new RiffleError('INTERNAL', e instanceof Error ? e.message : String(e))
  if (e instanceof Error) err.stack = e.stack
  return err
}

/** A thrown value that is not an Error as the user wrote it: `throw { code: 7 }` read "[object Object]". */
function thrownText(v: unknown): string {
  if (typeof v !== 'object' || v === null) return String(v)
  try {
    return JSON.stringify(v) ?? String(v)
  } catch {
    return String(v) // a cycle, a BigInt inside
  }
}

/** Where the job made what a UserCodeError's site stands for, as a position (column 0 when not known). */
function siteOf(mapper: Pick<JobErrorMapper, 'of'>, site: Error | undefined): JobPosition | undefined {
  const loc = site === undefined ? null : mapper.of(site)
  return loc === null ? undefined : { file: loc.file, line: loc.line, column: loc.column ?? 0 }
}

const asFrames = (_e: Error, frames: NodeJS.CallSite[]): NodeJS.CallSite[] => frames

/**
 * The stack here as V8's call sites, not as text: formatting every frame (and a source-map hook's rewriting of
 * it) cost several times more than reading the one frame wanted, and a trace or a kept console line asks at every call.
 */
function framesNow(): NodeJS.CallSite[] {
  const limit = Error.stackTraceLimit
  const prepare = Error.prepareStackTrace
  Error.stackTraceLimit = HOOK_STACK_LIMIT
  Error.prepareStackTrace = asFrames
  try {
    const holder: { stack?: NodeJS.CallSite[] } = {}
    Error.captureStackTrace(holder)
    return holder.stack ?? []
  } finally {
    Error.prepareStackTrace = prepare
    Error.stackTraceLimit = limit
  }
}

function resolveSource(jobPath: string, source: string): string {
  // esbuild writes sources as URLs relative to the outfile's directory, which is the cwd for write: false: a
  // file's '#', '%' and non-ASCII letters escaped ('%23', '%25', '%C3%BC'), so it is read back as a URL, not a path.
  try {
    return fileURLToPath(new URL(source, pathToFileURL(`${process.cwd()}/`)))
  } catch {
    return jobPath
  }
}
