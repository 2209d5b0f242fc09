// Writes the job's result as JSON lines (docs/command-line.md --out): {"value":V,"timestamp":T} for the main
// output and {"tag":"ID","value":V,"timestamp":T} for side outputs, buffered, to a file or stdout.
import { closeSync, openSync, writeSync } from 'node:fs'
import { EngineAbort } from '../sandbox/gate'
import { RiffleError } from '../common/errors'

/** The message of the stop when whoever reads --out - went away (`riffle run ... --out - | head`). */
export const OUTPUT_CLOSED = 'the --out pipe was closed (EPIPE): stopped writing'

export class OutputWriter {
  private buf: string[] = []
  private size = 0
  private readonly fd: number
  private readonly ownsFd: boolean
  records = 0
  sideRecords = 0

  constructor(target: string) {
    this.ownsFd = target !== '-'
    try {
      this.fd = target === '-' ? 1 : openSync(target, 'w')
    } catch (e) {
      // A bad --out is a bad argument (exit 2), not an internal error.
      throw new RiffleError('BAD_ARGUMENT', `cannot write --out ${target}: ${(e as Error).message}`)
    }
  }

  /** True once the reader of the output went away; later output is dropped. */
  private closedByReader = false

  write(tag: string | null, value: unknown, timestamp: number | null): void {
    if (this.closedByReader) return
    const v = value === undefined ? null : value
    const line = tag === null
      ? `{"value":${JSON.stringify(v)},"timestamp":${timestamp === null ? 'null' : JSON.stringify(timestamp)}}\n`
      : `{"tag":${JSON.stringify(tag)},"value":${JSON.stringify(v)},"timestamp":${timestamp === null ? 'null' : JSON.stringify(timestamp)}}\n`
    if (tag === null) this.records++
    else this.sideRecords++
    this.buf.push(line)
    this.size += line.length
    if (this.size > 1 << 16) this.flush()
  }

  flush(): void {
    if (this.closedByReader) { this.buf = []; this.size = 0; return }
    if (this.buf.length === 0) return
    const data = this.buf.join('')
    this.buf = []
    this.size = 0
    let b = Buffer.from(data)
    while (b.length > 0) {
      try {
        const n = writeSync(this.fd, b)
        b = b.subarray(n)
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code
        if (code === 'EPIPE') {
          // The reader went away (`| head`): stop the run instead of blaming the job's out.collect line.
          this.closedByReader = true
          throw new EngineAbort('STOPPED', OUTPUT_CLOSED)
        }
        // stdout as a non-blocking pipe may be full for a moment: wait and try again.
        if (code !== 'EAGAIN') throw e
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5)
      }
    }
  }

  close(): void {
    this.flush()
    if (this.ownsFd) closeSync(this.fd)
  }
}
