// Writes the job's result as JSON lines (docs/command-line.md, --out): {"value":V,"timestamp":T} for the main
// output and {"tag":"ID","value":V,"timestamp":T} for side outputs, each line into the output ring
// (output-ring.ts) the moment it is emitted, so nothing emitted waits in this thread's memory.
import { EngineAbort } from '../sandbox/gate'
import { RingClosedError, type RingWriter } from './output-ring'
import { MAX_TIMESTAMP, MIN_TIMESTAMP } from '../engine/api/time'

export class OutputWriter {
  records = 0
  sideRecords = 0

  /** failure: why the output could not be written, as the side that writes it knows. */
  constructor(private readonly ring: RingWriter, private readonly failure: () => string) {}

  write(tag: string | null, value: unknown, timestamp: number | null): void {
    // Values were checked to be JSON data where the job emitted them (engine/runtime: checkOutput).
    const ts = timestamp === null ? 'null' : timestampJson(timestamp)
    const line = tag === null
      ? `{"value":${JSON.stringify(value)},"timestamp":${ts}}\n`
      : `{"tag":${JSON.stringify(tag)},"value":${JSON.stringify(value)},"timestamp":${ts}}\n`
    if (tag === null) this.records++
    else this.sideRecords++
    try {
      this.ring.write(line)
    } catch (e) {
      // Not the job's fault: passes the gate unwrapped, so it is not blamed on its out.collect line.
      if (e instanceof RingClosedError) throw new EngineAbort('OUTPUT_WRITE_FAILED', this.failure())
      throw e
    }
  }

  /** End of the run: the owner drains now rather than at its next poll. */
  flush(): void { this.ring.flush() }
}

/**
 * A record's timestamp as JSON: at Long's ends (a timer at MAX_TIMESTAMP, or 2**63 - 1 in Python) the exact integer,
 * as Flink and the program `riffle export` writes print it, not the double 2^63's 9223372036854776000, which a
 * Java or Python reader takes for another number (JavaScript reads both as the same double).
 */
function timestampJson(t: number): string {
  return t === MAX_TIMESTAMP ? '9223372036854775807' : t === MIN_TIMESTAMP ? '-9223372036854775808' : JSON.stringify(t)
}
