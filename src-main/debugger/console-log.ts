// A session's console: the lines the job's own code printed (sandbox/job-console.ts), each with its step and job
// line. Only the newest KEEP are kept (a job that prints per record must not fill the worker's memory), and a
// line longer than LINE_CHARS is cut, saying how much was cut.
import type { ConsoleLineView, ConsoleView } from '../common/trace-api'
import type { JobOutput } from '../sandbox/job-console'

/** Lines a session keeps. */
export const CONSOLE_KEEP = 10_000
/** Characters of one line kept. */
export const LINE_CHARS = 10_000

export class ConsoleLog {
  /** A ring of the newest lines: `lines[seq % keep]`. */
  private readonly lines: ConsoleLineView[] = []
  private total = 0

  constructor(private readonly keep = CONSOLE_KEEP) {}

  /** Keeps what one call printed at `step`, a line each (a console.log of a multi-line text is several). */
  add(o: JobOutput, step: number): void {
    const where = o.where()
    for (const raw of o.text.split('\n')) {
      const text = raw.length <= LINE_CHARS ? raw : `${raw.slice(0, LINE_CHARS)}… (${(raw.length - LINE_CHARS).toLocaleString('en-US')} more characters)`
      const line: ConsoleLineView = { seq: this.total, step, stream: o.stream, text, where }
      if (this.lines.length < this.keep) this.lines.push(line)
      else this.lines[this.total % this.keep] = line
      this.total++
    }
  }

  /** The kept lines from seq `from` on, at most `limit`. */
  view(from: number, limit: number): ConsoleView {
    const dropped = Math.max(0, this.total - this.keep)
    const start = Math.max(from, dropped)
    const end = Math.min(this.total, start + limit)
    const lines: ConsoleLineView[] = []
    for (let seq = start; seq < end; seq++) lines.push(this.lines[seq % this.keep])
    return { lines, total: this.total, dropped, keep: this.keep }
  }
}
