// The job's own `Date`, `Math` and `performance`: the compiled job is wrapped in a function whose parameters
// shadow these globals, so a job that reads the wall clock gets the run's simulated processing time and one
// that asks for a random number gets the run's seeded source. Replays (time travel, a trace, a second run)
// then see the same values, and each read is reported (a finding names the line). Its `console` writes to the
// thread's job output (job-console.ts): the app's Console tab, or standard error on the command line.
import type { ClockReadKind } from '../engine/observe/run-observer'
import type { SourceLocation } from '../common/trace-api'
import { jobConsole } from './job-console'

/** What the job's globals ask of the run; loadJob makes it, the run fills it in. */
export interface JobClock {
  /** Simulated processing time (0 until a run sets it). */
  now: () => number
  /** The current step: the random source restarts per step, so re-running a step draws the same numbers. */
  step: () => number
  /**
   * Which pass over the steps the run is on: a new run or a restored one (time travel) starts another. The random
   * source also restarts when it changes, so a step re-run after a seek draws its first numbers again even when the
   * last step that drew before the seek had the same number. Never in the seed: how a step was reached changes
   * nothing it draws.
   */
  pass: () => number
  /** Told of every read (the run's observer hub), or null when nobody watches. */
  onRead: ((read: ClockReadKind, value: unknown) => void) | null
  /** The run's seed. */
  seed: number
}

export interface JobGlobals { Date: DateConstructor; Math: Math; performance: { now(): number; timeOrigin: number }; console: Console }

/** The globals that read the run's clock and random source: a debugger expression gets these too (expressionClock). */
export const CLOCK_GLOBAL_NAMES = ['Date', 'Math', 'performance'] as const
/** The names the job's wrapper function takes, in order (load-job.ts passes `jobGlobals()` values in this order). */
export const JOB_GLOBAL_NAMES = [...CLOCK_GLOBAL_NAMES, 'console'] as const

export function newJobClock(seed = 0x5eed): JobClock {
  return { now: () => 0, step: () => 0, pass: () => 0, onRead: null, seed }
}

/**
 * The clock a debugger expression (a watch, a breakpoint condition) reads through its own `jobGlobals`: the job's
 * (its `Date.now()` is what the job reads at that step, its `Math.random()` the step's first draw), with its reads
 * not told, as they are not the job's (no finding or trace entry names a job line for them).
 */
export function expressionClock(job: JobClock): JobClock {
  return { now: () => job.now(), step: () => job.step(), pass: () => job.pass(), onRead: null, seed: job.seed }
}

/** `here` says where in the job a console call is (the job's line beside its output in the app). */
export function jobGlobals(clock: JobClock, here: () => SourceLocation | null = () => null): JobGlobals {
  const RealDate = Date
  const report = (read: ClockReadKind, value: unknown): void => { clock.onRead?.(read, value) }
  // Named Date, so messages about a job's dates (a Date is not JSON data) read as they always did.
  const SimDate = class Date extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) {
        const v = clock.now()
        super(v)
        report('new Date', v)
      } else {
        super(...(args as [string | number]))
      }
    }

    static now(): number {
      const v = clock.now()
      report('Date.now', v)
      return v
    }
  }
  let lastStep = -1
  let lastPass = -1
  let draws = 0
  const random = (): number => {
    const step = clock.step()
    const pass = clock.pass()
    if (step !== lastStep || pass !== lastPass) { lastStep = step; lastPass = pass; draws = 0 }
    const v = mulberry32(hash3(clock.seed, step, draws++))
    report('Math.random', v)
    return v
  }
  const SimMath = Object.create(Math, { random: { value: random, enumerable: false } }) as Math
  const performance = {
    now: (): number => {
      const v = clock.now()
      report('performance.now', v)
      return v
    },
    timeOrigin: 0,
  }
  return { Date: SimDate as DateConstructor, Math: SimMath, performance, console: jobConsole(here) }
}

// A small, well-known integer hash and PRNG step (mulberry32): the same inputs give the same number on every run.
function hash3(a: number, b: number, c: number): number {
  let h = (a ^ 0x9e3779b9) >>> 0
  h = Math.imul(h ^ (b >>> 0), 0x85ebca6b) >>> 0
  h = Math.imul(h ^ Math.floor(b / 0x100000000), 0xc2b2ae35) >>> 0
  h = Math.imul(h ^ (c >>> 0), 0x27d4eb2f) >>> 0
  return (h ^ (h >>> 15)) >>> 0
}

function mulberry32(seed: number): number {
  let t = (seed + 0x6d2b79f5) >>> 0
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
