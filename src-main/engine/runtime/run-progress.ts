// How far through the recording a run is by the records it has processed, not by those its reader has read:
// the reader reads a whole batch (8,192 records) ahead, so its byte count would jump a batch at a time and
// read 100% while most of a small recording is still unprocessed. The reader says the file's bytes up to its
// position at both ends of a batch (compressed bytes for .gz); a processed record's line places it between them.
import type { RecordingItem, RecordingReader } from '../../replay/recording-types'

/**
 * What a progress line says of a run: records processed, the file's bytes up to the last of them, and those before
 * its first record (where a run resumed from a savepoint started; 0 for one from the top).
 */
export interface RunProgress { records: number; fileBytes: number; totalFileBytes: number; startFileBytes: number }

/**
 * How often JobRun.runToEnd tells its onProgress within a batch: 64 steps are about 1/16 ms of a fast job and
 * 64 ms of one that takes 1 ms a record, well inside a progress line's 250 ms redraw.
 */
export const PROGRESS_EVERY_STEPS = 64

export class BatchSpan {
  private batch: readonly RecordingItem[] = []
  private startLine = 0
  private startBytes = 0
  private endLine = 0
  private endBytes = 0
  private firstBytes: number | null = null

  /** fileBytesAt(consumed), and the file's bytes before the first batch read (where the run started in the file). */
  bytesAt(consumed: number): { fileBytes: number; startFileBytes: number } {
    return { fileBytes: this.fileBytesAt(consumed), startFileBytes: this.firstBytes ?? 0 }
  }

  /** Reads the reader's next batch, noting where in the file it starts and ends. */
  async read(reader: RecordingReader, max: number | undefined): Promise<RecordingItem[]> {
    this.startLine = reader.position().line
    this.startBytes = reader.progress().fileBytes
    this.firstBytes ??= this.startBytes
    const batch = await reader.nextBatch(max)
    this.batch = batch
    this.endLine = reader.position().line
    this.endBytes = reader.progress().fileBytes
    return batch
  }

  /**
   * The file's bytes up to the batch's `consumed`th item, in proportion to its line within the batch's lines
   * (a subtask's routed reader knows the bytes only at the ends of the chunks it is sent: routed-reader.ts).
   */
  fileBytesAt(consumed: number): number {
    if (consumed <= 0) return this.startBytes
    let share = 1
    if (consumed < this.batch.length && this.endLine > this.startLine) {
      share = Math.max(0, Math.min(1, (this.batch[consumed - 1].origin.line - this.startLine) / (this.endLine - this.startLine)))
    }
    return this.startBytes + share * (this.endBytes - this.startBytes)
  }
}
