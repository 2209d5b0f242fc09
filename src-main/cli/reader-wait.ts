// Waiting for the reader of an output that is a pipe (`--out -` into `| less`, a named pipe) while the pipe is full,
// without holding the thread: Node runs signal handlers on the main thread's event loop only, so a wait inside the
// write made Ctrl-C and SIGTERM do nothing for as long as the reader did not read (`riffle run ... --out - | sleep 40`).
import { stopOnInterrupt } from './interrupt'

/** How often a full pipe is tried again. */
const RETRY_MS = 10

/** After a signal stopped the command, how long a reader that takes nothing is waited for before the rest is dropped. */
export const STALLED_READER_MS = 1000

/** One wait for a full pipe, from the write that found it full to the one that emptied what was to write. */
export class ReaderWait {
  private progressAt = Date.now()
  private interruptedAt: number | null = null
  // While waiting, a signal is heard here (interrupt.ts): with nothing to stop, it would kill the process where it
  // stands, leaving the run's temporary folders behind.
  private readonly release = stopOnInterrupt(() => { this.interruptedAt ??= Date.now() })

  /**
   * The last write took `took` bytes and not all: resolves true once it is worth trying again, or false when a signal
   * has stopped the command and the reader took nothing for STALLED_READER_MS since (a reader still reading is waited
   * for: what it takes is output the user keeps).
   */
  async again(took: number): Promise<boolean> {
    const now = Date.now()
    if (took > 0) this.progressAt = now
    if (this.interruptedAt !== null && now - Math.max(this.progressAt, this.interruptedAt) >= STALLED_READER_MS) return false
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS))
    return true
  }

  /** The wait is over (all written, or given up): a signal is again the command's to handle. */
  end(): void { this.release() }
}
