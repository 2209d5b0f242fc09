// The owner's side of the output ring (output-ring.ts): moves what the job emitted into the --out
// file (output-file.ts), while the run goes on and once more after it ended, however it ended.
import type { OutputError, OutputFile } from './output-file'
import { RingReader } from './output-ring'

/** How often the owner looks into the ring when the producer did not ask (a trickle of output). */
const POLL_MS = 50

export class OutputPump {
  private readonly reader: RingReader
  private stopped = false
  /** True once finish() kept or dropped the output. */
  finished = false
  private readonly write = (chunk: Buffer): void => this.file.write(chunk)

  constructor(ring: SharedArrayBuffer, readonly file: OutputFile) {
    this.reader = new RingReader(ring)
  }

  /** Writes what is in the ring. A write failure is kept on the file and stops the producer. */
  drain(): void {
    if (this.file.failure !== null) return
    try {
      this.reader.drainTo(this.write)
    } catch {
      this.reader.fail()
    }
  }

  /** Why the output could not be written (the producer's error message). */
  failureMessage(): string {
    return this.file.failure?.message ?? `writing ${this.file.name} failed`
  }

  /**
   * Drains whenever the producer asks, or every POLL_MS, until finish(). (A pending Atomics.waitAsync
   * does not keep the process alive: the running worker does, and finish() does not wait for the loop.)
   */
  start(): void {
    void (async () => {
      while (!this.stopped && this.file.failure === null) {
        this.drain()
        await this.reader.waitForData(POLL_MS)
      }
    })()
  }

  /**
   * The run ended: drains what is left, then keeps the output (ok) or the part written before the
   * failure as OUT.partial (a regular file) or on the stream. `failure` is set when the output itself
   * could not be written, also after a run that succeeded.
   */
  finish(ok: boolean): { partial: string | null; failure: OutputError | null } {
    this.stopped = true
    this.finished = true
    this.drain()
    if (ok && this.file.failure === null) {
      try {
        this.file.commit()
        return { partial: null, failure: null }
      } catch { /* kept on the file: falls through to keep the part written */ }
    }
    return { partial: this.file.abandon(), failure: this.file.failure }
  }
}

/** The message of a failed run whose --out output so far was kept (OUT.partial, or on the stream). */
export function withKeptOutput(message: string, file: OutputFile, partial: string | null): string {
  const one = file.lines === 1
  const lines = `${file.lines} line${one ? '' : 's'}`
  const untouched = `${file.target} was not ${file.existed ? 'changed' : 'created'}`
  if (partial !== null) return `${message}\n  the ${lines} of output written before the failure ${one ? 'is' : 'are'} in ${partial} (${untouched})`
  if (file.replacesTarget) return `${message}\n  no output was written before the failure (${untouched})`
  return file.lines > 0 ? `${message}\n  the ${lines} of output before the failure ${one ? 'was' : 'were'} written to ${file.name}` : message
}
