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
  /** Per stream, the start of a line written in parts (JobOutput.chunk) that has no newline yet. */
  private readonly partial = new Map<string, { text: string; step: number; where: ConsoleLineView['where'] }>()

  constructor(private readonly keep = CONSOLE_KEEP) {}

  /** Keeps what one call printed at `step`, a line each (a console.log of a multi-line text is several). */
  add(o: JobOutput, step: number): void {
    const where = o.where()
    if (o.chunk === true) {
      const started = this.partial.get(o.stream)
      const parts = ((started?.text ?? '') + o.text).split('\n')
      const rest = parts.pop()!
      // A line written in parts that grows past what a line keeps is a line already (print(x, end="") in a loop).
      if (rest.length > LINE_CHARS) parts.push(rest)
      if (rest === '' || rest.length > LINE_CHARS) this.partial.delete(o.stream)
      else this.partial.set(o.stream, { text: rest, step, where: started?.where ?? where })
      if (parts.length > 0) this.push(parts, o.stream, step, started?.where ?? where)
      return
    }
    this.push(o.text.split('\n'), o.stream, step, where)
  }

  /** A step ended: a line it left without its newline is a line of its own (the next step's text is the next step's). */
  endStep(): void {
    if (this.partial.size === 0) return
    for (const [stream, p] of this.partial) this.push([p.text], stream as JobOutput['stream'], p.step, p.where)
    this.partial.clear()
  }

  private push(texts: string[], stream: JobOutput['stream'], step: number, where: ConsoleLineView['where']): void {
    for (const raw of texts) {
      const text = raw.length <= LINE_CHARS ? raw : `${raw.slice(0, LINE_CHARS)}… (${(raw.length - LINE_CHARS).toLocaleString('en-US')} more characters)`
      const line: ConsoleLineView = { seq: this.total, step, stream, text, where }
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
