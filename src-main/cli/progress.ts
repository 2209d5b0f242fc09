// Progress of a long `riffle run` on standard error, only when it is a terminal: records processed, the rate,
// how much of the file they span and the time left, redrawn in place on one line about 4 times a second and
// erased before the summary. Nothing at all when standard error is a file or a pipe (a CI log, `2> log`),
// and nothing for a run shorter than the first delay. The worker counts into a shared array (no messages).

/** Slots of the shared progress array the worker fills every few steps (JobRun.runToEnd). */
export const PROGRESS_RECORDS = 0
export const PROGRESS_FILE_BYTES = 1
export const PROGRESS_TOTAL_BYTES = 2
/** Where in the file the run started: past 0 for a run resumed with --from-savepoint. */
export const PROGRESS_START_BYTES = 3

export function createProgressBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(4 * Float64Array.BYTES_PER_ELEMENT)
}

/** startBytes: the file's bytes before the run's first record (0 when it started at the top). */
export interface ProgressSample { records: number; fileBytes: number; totalBytes: number; startBytes?: number }

/** The one line: "riffle: 1,200,000 records · 410,000 records/s · 61% of the file · about 3 s left". */
export function progressLine(s: ProgressSample, elapsedMs: number): string {
  const secs = elapsedMs / 1000
  const rate = secs > 0 ? s.records / secs : 0
  const parts = [`riffle: ${s.records.toLocaleString('en-US')} records`, `${Math.round(rate).toLocaleString('en-US')} records/s`]
  if (s.totalBytes > 0) {
    const share = Math.min(1, s.fileBytes / s.totalBytes)
    parts.push(`${Math.floor(share * 100)}% of the file`)
    // The time left goes at the pace of the bytes this run has read, not the file's (a resumed run skipped some).
    const start = Math.min(s.startBytes ?? 0, s.fileBytes)
    const done = (s.fileBytes - start) / (s.totalBytes - start)
    if (done > 0.01 && share < 1) parts.push(`about ${duration(secs * (1 - done) / done)} left`)
  }
  return parts.join(' · ')
}

function duration(secs: number): string {
  if (secs < 60) return `${Math.max(1, Math.round(secs))} s`
  const m = Math.floor(secs / 60)
  return m < 60 ? `${m} min ${Math.round(secs - m * 60)} s` : `${Math.floor(m / 60)} h ${m % 60} min`
}

/** Where progress goes: standard error, or in tests any stream that says whether it is a terminal. */
export interface ProgressStream { isTTY?: boolean; columns?: number; write(text: string): unknown }

export class ProgressReporter {
  private timer: ReturnType<typeof setInterval> | null = null
  private delay: ReturnType<typeof setTimeout> | null = null
  private shown = false
  private readonly started = performance.now()
  /** The stream's own write, while start() has put one in front of it that erases the line first; undo puts it back. */
  private ownWrite: ProgressStream['write'] | null = null
  private undo: (() => void) | null = null

  constructor(
    private readonly stream: ProgressStream,
    private readonly read: () => ProgressSample,
    /** hidden: no line even on a terminal (the records themselves are printed there). */
    private readonly o: { firstAfterMs?: number; everyMs?: number; hidden?: boolean } = {},
  ) {}

  /** True when progress will be shown at all: standard error is a terminal (and the line is not hidden). */
  get active(): boolean { return this.stream.isTTY === true && this.o.hidden !== true }

  start(): void {
    if (!this.active) return
    // Whatever else writes to the stream while the line is up (the job's console lines, notices, the live bad-line
    // notes) would be glued to the line's end: it is erased first, and drawn again below at the next tick.
    const stream = this.stream
    const hadOwn = Object.prototype.hasOwnProperty.call(stream, 'write')
    const before = stream.write
    const own = before.bind(stream)
    // Every argument passed on: a caller's encoding and callback (one waiting for the write before it exits).
    const erasing = (text: string, ...rest: unknown[]): unknown => {
      if (this.shown) own('\r\x1b[2K')
      this.shown = false
      return (own as (...args: unknown[]) => unknown)(text, ...rest)
    }
    stream.write = erasing
    this.ownWrite = own
    this.undo = () => {
      // Left as it is when something else replaced it since (standard-streams.ts, after a failed write).
      if (stream.write !== erasing) return
      if (hadOwn) stream.write = before
      else delete (stream as { write?: unknown }).write
    }
    this.delay = setTimeout(() => {
      this.draw()
      this.timer = setInterval(() => this.draw(), this.o.everyMs ?? 250)
      this.timer.unref()
    }, this.o.firstAfterMs ?? 1000)
    this.delay.unref()
  }

  /** Stops and erases the line, so the summary starts on a clean line. */
  stop(): void {
    if (this.delay !== null) clearTimeout(this.delay)
    if (this.timer !== null) clearInterval(this.timer)
    this.delay = this.timer = null
    this.undo?.()
    this.undo = this.ownWrite = null
    if (this.shown) this.stream.write('\r\x1b[2K')
    this.shown = false
  }

  private draw(): void {
    const sample = this.read()
    if (sample.records === 0 && sample.fileBytes === 0) return // still compiling and opening: nothing to say yet
    const line = progressLine(sample, performance.now() - this.started)
    // A pseudo-terminal may report 0 columns: then assume a usual width.
    const width = this.stream.columns !== undefined && this.stream.columns > 20 ? this.stream.columns : 120
    const write = this.ownWrite ?? this.stream.write.bind(this.stream)
    write(`\r\x1b[2K${line.length >= width ? line.slice(0, width - 1) : line}`)
    this.shown = true
  }
}

/** Reads what the worker wrote into the shared progress array. */
export function progressReader(buffer: SharedArrayBuffer): () => ProgressSample {
  const a = new Float64Array(buffer)
  return () => ({ records: a[PROGRESS_RECORDS], fileBytes: a[PROGRESS_FILE_BYTES], totalBytes: a[PROGRESS_TOTAL_BYTES], startBytes: a[PROGRESS_START_BYTES] })
}
