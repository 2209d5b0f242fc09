// A RecordingReader over items already in memory: for tests and for the benchmark of the engine core
// on pre-parsed events (no file, no parsing).
import type { BadLineView } from '../common/views'
import { RecordingError } from './recording-error'
import type { RecordingItem, RecordingPosition, RecordingReader } from './recording-types'

export class ArrayRecordingReader implements RecordingReader {
  readonly format = 'jsonl' as const
  private pos: number

  constructor(private readonly items: RecordingItem[], readonly path = '<memory>', start?: RecordingPosition) {
    this.pos = start?.items ?? 0
  }

  /** Records from plain values, numbered as lines 1..n. */
  static ofValues(values: unknown[], path?: string): ArrayRecordingReader {
    return new ArrayRecordingReader(values.map((value, i) => ({ kind: 'record', value, sourceTimestamp: null, origin: { line: i + 1 } })), path)
  }

  async nextBatch(max = 4096): Promise<RecordingItem[]> {
    const batch = this.items.slice(this.pos, this.pos + max)
    this.pos += batch.length
    return batch
  }

  position(): RecordingPosition {
    const last = this.items[this.pos - 1]
    return { line: last?.origin.line ?? 0, byteOffset: 0, items: this.pos }
  }

  badLines(): BadLineView[] { return [] }
  badLineCount(): number { return 0 }
  badRecord(line: number, reason: string, text: string): void { throw new RecordingError('BAD_LINE', this.path, line, reason, text) }
  progress(): { fileBytes: number; totalFileBytes: number } { return { fileBytes: this.pos, totalFileBytes: this.items.length } }
  async close(): Promise<void> {}
}
