// Where a job's own output goes: what its code writes with console.log/info/debug/warn/error (TypeScript) or
// print() and sys.stdout/sys.stderr (Python). The owner of the thread decides where it goes: a command-line
// run writes it to standard error (standard output may be the run's --out), an app session keeps it once per
// step for its Console tab (debugger/console-log.ts).
import { formatWithOptions } from 'node:util'
import type { ConsoleStream, SourceLocation } from '../common/trace-api'

/** One line (or one console call, which may hold several lines) the job wrote, and the job line that wrote it. */
export interface JobOutput {
  stream: ConsoleStream
  text: string
  /** Asked only by a sink that keeps the line (a TypeScript job's line costs a stack; a re-run's lines are dropped). */
  where: () => SourceLocation | null
  /** Text as written (Python's print writes its parts and the newline apart): the lines are made of what follows. */
  chunk?: boolean
}

let sink: ((o: JobOutput) => void) | null = null

/** Where this thread's job output goes from now on; null: standard error, line by line. */
export function setJobOutputSink(s: ((o: JobOutput) => void) | null): void { sink = s }

export function jobOutput(o: JobOutput): void {
  if (sink !== null) sink(o)
  else toStderr.sink(o)
}

/**
 * A sink that hands `write` whole lines only, each ending in a newline: Python's print writes its parts and the
 * newline apart, and the workers of a --parallelism run print at once, so parts would mix ("processingprocessing").
 * `flush` writes a last line left without its newline (at the end of a run).
 */
export function byLine(write: (text: string) => void): { sink: (o: JobOutput) => void; flush: () => void } {
  const unfinished = new Map<string, string>()
  return {
    sink: (o) => {
      if (o.chunk !== true) { write(`${o.text}\n`); return }
      const text = (unfinished.get(o.stream) ?? '') + o.text
      const end = text.lastIndexOf('\n')
      if (end < 0) { unfinished.set(o.stream, text); return }
      unfinished.set(o.stream, text.slice(end + 1))
      write(text.slice(0, end + 1))
    },
    flush: () => {
      for (const text of unfinished.values()) if (text !== '') write(`${text}\n`)
      unfinished.clear()
    },
  }
}

const toStderr = byLine((text) => process.stderr.write(text))

/**
 * The `console` a TypeScript job sees (a parameter of its wrapper, as Date and Math are: job-globals.ts). The
 * methods that print go through jobOutput, formatted as Node formats them; the rest (table, dir, time...) are
 * Node's own.
 */
export function jobConsole(here: () => SourceLocation | null): Console {
  const say = (stream: ConsoleStream) => (...args: unknown[]): void => {
    jobOutput({ stream, text: formatWithOptions({ colors: false }, ...args), where: here })
  }
  const c = Object.create(console) as Console
  Object.assign(c, { log: say('out'), info: say('out'), debug: say('out'), warn: say('warn'), error: say('err') })
  return c
}
