// What a recording reader does with a bad line: with skipBadLines count it and list the first ones, else
// stop with its BAD_LINE error (after the items read before it). Shared by the file reader
// (recording-reader.ts) and the routed one of `--parallelism N` (routed-reader.ts).
import type { BadLineView } from '../common/views'
import { RecordingError, truncateLineText } from './recording-error'
import { BadLine } from './recording-types'

/** Skipped bad lines are all counted, but only this many are kept for listing. */
export const MAX_LISTED_BAD_LINES = 1000

export class BadLineLog {
  private readonly listed: BadLineView[] = []
  private skipped = 0
  /** A bad line found after some items of a batch: those are returned first, the error on the next call. */
  failure: RecordingError | null = null

  constructor(private readonly path: string, private readonly skipBadLines: boolean) {}

  /** Records a skipped bad line (true: keep reading) or fails; a failure after `items` items is deferred one call. */
  take(bad: BadLine, items: number): boolean {
    if (this.skipBadLines && !bad.fatal) {
      this.skipped++
      if (this.listed.length < MAX_LISTED_BAD_LINES) {
        this.listed.push({ file: this.path, line: bad.line, reason: bad.reason, text: truncateLineText(bad.text) })
      }
      return true
    }
    const err = new RecordingError('BAD_LINE', this.path, bad.line, bad.reason, truncateLineText(bad.text))
    this.failure = err // the reader stops here: later calls repeat the error
    if (items === 0) throw err
    return false
  }

  /** RecordingReader.badRecord: a line the run found bad after reading it. */
  badRecord(line: number, reason: string, text: string): void {
    if (!this.skipBadLines) throw new RecordingError('BAD_LINE', this.path, line, reason, truncateLineText(text))
    this.take(new BadLine(line, reason, text), 0)
  }

  list(): BadLineView[] {
    // In line order: those the run found (badRecord) come after the reader's own of the same batch.
    return this.listed.slice().sort((a, b) => a.line - b.line)
  }

  count(): number {
    return this.skipped
  }
}
