// What the line router (cli/line-router.ts) sends one subtask of `riffle run --parallelism N`, and the
// builder that fills it: where the subtask's own lines are in the chunk of the file all subtasks share, and
// for the runs of records other subtasks own only what keeps its watermarks and processing time those of
// one run (routed-reader.ts reads it).

/** One batch, in file order: the entries of one chunk of the file. */
export interface RoutedBatch {
  /**
   * The chunk's bytes (UTF-8 as in the file), one shared buffer for every subtask: the main thread
   * copies the file into it once and never writes it again, so no subtask's lines are copied apart.
   */
  bytes: SharedArrayBuffer
  byteLength: number
  /** ENTRY_SLOTS numbers per entry (see RoutedBatchBuilder); transferred to the subtask, not copied. */
  meta: ArrayBuffer
  entries: number
  /** Bytes of the file up to the batch's last line (compressed bytes for .gz), for progress. */
  fileBytes: number
}

export const ENTRY_SLOTS = 4
/** Entry kinds: a line of `bytes`; a run of other subtasks' records; a line too long to read. */
export const LINE = 0
export const SKIPPED = 1
export const OVERSIZED = 2

/** The line number of entry `i` of `meta` (a SKIPPED run's is its first record's line). */
export function entryLine(meta: Float64Array, i: number): number {
  const at = i * ENTRY_SLOTS
  return meta[at] === SKIPPED ? meta[at + 3] : meta[at + 1]
}

/**
 * Entries: [LINE, line number, start, end] (the line's bytes in the chunk, without its line break);
 * [SKIPPED, count, timestamp of the first (NaN: none), its line]; [OVERSIZED, line number, its bytes, 0].
 * The entries are handed over with the batch (transferred), and the builder starts the next batch anew.
 */
export class RoutedBatchBuilder {
  private meta = new Float64Array(ENTRY_SLOTS * 1024)
  private n = 0
  /** Index of the last entry when it is SKIPPED (a run may grow), else -1. */
  private lastSkip = -1

  get empty(): boolean { return this.n === 0 }

  addLine(start: number, end: number, line: number): void {
    this.push(LINE, line, start, end)
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

  /** The batch so far, over `chunk` (the bytes its LINE entries point into); the builder starts the next one. */
  take(chunk: SharedArrayBuffer, byteLength: number, fileBytes: number): RoutedBatch {
    const batch: RoutedBatch = { bytes: chunk, byteLength, meta: this.meta.buffer as ArrayBuffer, entries: this.n, fileBytes }
    this.meta = new Float64Array(Math.max(ENTRY_SLOTS * 1024, this.n * ENTRY_SLOTS))
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
