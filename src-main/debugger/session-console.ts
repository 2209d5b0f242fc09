// A debug session's console (the app's Console tab): what the job's code printed, kept the first time its step
// runs. Time travel re-runs steps (seek, step back, a trace, a history): what they print again is neither kept nor
// echoed again; a backend check's fresh runs in this thread are not this run's and print nothing here.
import type { ConsoleView } from '../common/trace-api'
import type { JobOutput } from '../sandbox/job-console'
import { ConsoleLog } from './console-log'

export class SessionConsole {
  private readonly log = new ConsoleLog()
  /** The steps whose output is kept (-1 until the job has loaded). */
  private printedThrough = -1
  private muted = false
  /** Told every line printed from now on, re-runs' too (a step's trace lists what it printed). */
  tap: ((o: JobOutput) => void) | null = null

  /** `echo`: the terminal running the service shows each kept line too, once (null: not shown there). */
  constructor(private readonly echo: ((text: string) => void) | null = (t) => { process.stderr.write(t) }) {}

  /** What the job printed while it loaded (before the session existed): step 0's. */
  loaded(list: readonly JobOutput[]): void {
    for (const o of list) this.keep(o, 0)
    this.stepRan(0)
  }

  /** A line the job's code printed at `step` (sandbox/job-console.ts). */
  output(o: JobOutput, step: number): void {
    if (this.muted) return
    if (this.tap !== null) this.tap(o)
    if (step <= this.printedThrough) return
    this.keep(o, step)
  }

  /** `step` ran to its end (or threw): its output is complete, and a re-run of it prints nothing new. */
  stepRan(step: number): void {
    if (step > this.printedThrough) this.printedThrough = step
    this.log.endStep()
  }

  /** Runs `fn` (a backend check) with the console deaf to what it prints. */
  async muting<T>(fn: () => Promise<T>): Promise<T> {
    this.muted = true
    try {
      return await fn()
    } finally {
      this.muted = false
    }
  }

  view(from: number, limit: number): ConsoleView { return this.log.view(from, limit) }

  private keep(o: JobOutput, step: number): void {
    this.log.add(o, step)
    this.echo?.(o.chunk === true ? o.text : `${o.text}\n`)
  }
}
