// What the line router (cli/line-router.ts) sends one subtask of `riffle run --parallelism N`, and the
// builder that fills it: the subtask's own lines as raw bytes, and for the runs of records other subtasks
// own only what keeps its watermarks and processing time those of one run (routed-reader.ts reads it).

/** One batch, in file order. Both buffers are transferred to the worker, not copied. */
export interface RoutedBatch {
  /** The batch's lines, each followed by "\n" (UTF-8 as in the file). */
  bytes: ArrayBuffer
  byteLength: number
  /** ENTRY_SLOTS numbers per entry (see RoutedBatchBuilder). */
  meta: ArrayBuffer
  entries: number
  /** Bytes of the file read when the batch was cut (progress). */
  fileBytes: number
}

export const ENTRY_SLOTS = 4
/** Entry kinds: a line of `bytes`; a run of other subtasks' records; a line too long to read. */
export const LINE = 0
export const SKIPPED = 1
export const OVERSIZED = 2

/**
 * Entries: [LINE, line number, 0, 0]; [SKIPPED, count, timestamp of the first (NaN: none), its line];
 * [OVERSIZED, line number, its bytes, 0]. The buffers are handed over with the batch (transferred), and
 * the builder starts the next batch in new ones.
 */
export class RoutedBatchBuilder {
  private bytes: Buffer
  private len = 0
  private meta: Float64Array
  private n = 0
  /** Index of the last entry when it is SKIPPED (a run may grow), else -1. */
  private lastSkip = -1

  constructor(private readonly bytesHint: number) {
    this.bytes = Buffer.allocUnsafeSlow(bytesHint)
    this.meta = new Float64Array(ENTRY_SLOTS * 1024)
  }

  get empty(): boolean { return this.n === 0 }

  addLine(src: Buffer, start: number, end: number, line: number): void {
    const need = this.len + (end - start) + 1
    if (need > this.bytes.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(need, this.bytes.length * 2))
      this.bytes.copy(grown, 0, 0, this.len)
      this.bytes = grown
    }
    const to = this.bytes
    // A record line is short: a loop costs less than a native copy's call (and makes no view of the source).
    if (end - start < 256) for (let k = start, t = this.len; k < end; k++, t++) to[t] = src[k]
    else to.set(src.subarray(start, end), this.len)
    this.len = need
    to[need - 1] = 0x0a
    this.push(LINE, line, 0, 0)
    this.lastSkip = -1
  }

  /** Another subtask's record; `raises`: its timestamp may be the highest so far, so it starts an entry of its own. */
  addSkipped(timestamp: number, raises: boolean, line: number): void {
    if (!raises && this.lastSkip >= 0) {
      this.meta[this.lastSkip * ENTRY_SLOTS + 1]++
      return
    }
    this.lastSkip = this.n
    this.push(SKIPPED, 1, timestamp, line)
  }

  addOversized(line: number, bytes: number): void {
    this.push(OVERSIZED, line, bytes, 0)
    this.lastSkip = -1
  }

  /** The batch so far; the builder starts the next one in new buffers. */
  take(fileBytes: number): RoutedBatch {
    const batch: RoutedBatch = { bytes: this.bytes.buffer as ArrayBuffer, byteLength: this.len, meta: this.meta.buffer as ArrayBuffer, entries: this.n, fileBytes }
    this.bytes = Buffer.allocUnsafeSlow(Math.max(this.bytesHint, this.len))
    this.meta = new Float64Array(Math.max(ENTRY_SLOTS * 1024, this.n * ENTRY_SLOTS))
    this.len = 0
    this.n = 0
    this.lastSkip = -1
    return batch
  }

  private push(kind: number, a: number, b: number, c: number): void {
    if ((this.n + 1) * ENTRY_SLOTS > this.meta.length) {
      const grown = new Float64Array(this.meta.length * 2)
      grown.set(this.meta)
      this.meta = grown
    }
    const at = this.n++ * ENTRY_SLOTS
    this.meta[at] = kind
    this.meta[at + 1] = a
    this.meta[at + 2] = b
    this.meta[at + 3] = c
  }
}
