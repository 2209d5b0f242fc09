// Where in the job's source the job is right now: the one question trace entries, findings and line
// breakpoints ask of a runtime. The TypeScript/JavaScript runtime answers it from a stack mapped through
// the job's source map (sandbox/job-errors.ts); a Python runtime can answer it from its own frames. It is
// asked only inside hooks (they run inside the job's call) and only when a line is needed: taking a stack
// costs microseconds, so hot paths ask once per call site, not once per call.
import type { SourceLocation } from '../../common/trace-api'

export interface CallSiteLocator {
  /** The innermost frame of the job's code on the current stack, or null when the job is not on it. */
  here(): SourceLocation | null
  /** Every frame of the job's code on the current stack, innermost first. */
  stackHere(): SourceLocation[]
  /** The innermost job frame of an Error's stack (an Error taken while the job created something). */
  of(err: unknown): SourceLocation | null
  /**
   * How the job is emitting the output being collected, when its language has two ways (a Python job yields, or
   * calls the seed article's out.collect): a trace writes the call as the job file does. Absent: out.collect.
   */
  outputForm?(): 'yield' | 'collect'
  /**
   * The output being collected as the job's language writes the value it emitted, when the engine's JSON of it
   * would say otherwise (a Python job's tuple ('u1', 3), not ["u1",3]); null or absent: write the JSON.
   */
  outputText?(): string | null
  /**
   * An aggregating state's call in progress as the job's language writes its value, when the engine's JSON of it would
   * say otherwise: what add() was given (a Python tuple ('/x', 1.0), not ['/x', 1]; a reducing state's add() too) or
   * what get() gave (get_result's 3.0, not 3); null or absent: write the JSON.
   */
  aggregateText?(stateName: string, part: 'input' | 'result'): string | null
}
