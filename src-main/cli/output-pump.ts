// The owner's side of the output ring (output-ring.ts): moves what the job emitted into the --out
// file (output-file.ts), while the run goes on and once more after it ended, however it ended.
import type { OutputError, OutputFile } from './output-file'
import { RingReader } from './output-ring'
import { ReaderWait } from './reader-wait'

/** How often the owner looks into the ring when the producer did not ask (a trickle of output). */
const POLL_MS = 50

export class OutputPump {
  private readonly reader: RingReader
  private stopped = false
  /** True once finish() kept or dropped the output. */
  finished = false

  constructor(ring: SharedArrayBuffer, readonly file: OutputFile) {
    this.reader = new RingReader(ring)
  }

  /**
   * Writes what is in the ring, waiting in this thread while a pipe is full (a worker's own output, drained where it is
   * written). A write failure is kept on the file and stops the producer.
   */
  drain(): void {
    if (this.file.failure !== null) return
    try {
      this.reader.drainTo((chunk) => { this.file.write(chunk); return chunk.length })
    } catch {
      this.reader.fail()
    }
  }

  /**
   * Writes what of the ring the file takes now: the bytes written, and whether some are left for a full pipe's reader.
   * A write failure is kept on the file and stops the producer.
   */
  private drainSome(): { took: number; full: boolean } {
    let took = 0
    let full = false
    if (this.file.failure !== null) return { took, full }
    try {
      took = this.reader.drainTo((chunk) => {
        const n = this.file.writeSome(chunk)
        full = n < chunk.length
        return n
      })
    } catch {
      this.reader.fail()
    }
    return { took, full }
  }

  /** Why the output could not be written (the producer's error message). */
  failureMessage(): string {
    return this.file.failure?.message ?? `writing ${this.file.name} failed`
  }

  /**
   * Drains whenever the producer asks, or every POLL_MS, until finish(); a full pipe is waited for without holding
   * the thread (reader-wait.ts), so the run's signals are heard. (A pending Atomics.waitAsync does not keep the process
   * alive: the running worker does, and finish() does not wait for the loop.)
   */
  start(): void {
    void (async () => {
      let wait: ReaderWait | null = null
      try {
        while (!this.stopped && this.file.failure === null) {
          const { took, full } = this.drainSome()
          if (!full) {
            wait?.end()
            wait = null
            await this.reader.waitForData(POLL_MS)
          } else if (!(await (wait ??= new ReaderWait()).again(took))) {
            this.giveUp()
          }
        }
      } finally {
        wait?.end()
      }
    })()
  }

  /** The rest of the ring, into the file; waits for a full pipe's reader unless a signal stopped the command and it stopped reading. */
  private async drainAll(): Promise<void> {
    let { took, full } = this.drainSome()
    if (!full) return
    const wait = new ReaderWait()
    try {
      while (full) {
        if (!(await wait.again(took))) return this.giveUp()
        ;({ took, full } = this.drainSome())
      }
    } finally {
      wait.end()
    }
  }

  /** The reader stopped reading after a signal: the rest of the output is dropped, and the producer stopped. */
  private giveUp(): void {
    this.file.readerStalled(this.reader.pending())
    this.reader.fail()
  }

  /**
   * The run ended: drains what is left, then keeps the output (ok) or the part written before the
   * failure as OUT.partial (a regular file) or on the stream. `failure` is set when the output itself
   * could not be written, also after a run that succeeded.
   */
  async finish(ok: boolean): Promise<{ partial: string | null; failure: OutputError | null }> {
    this.stopped = true
    this.finished = true
    await this.drainAll()
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
