// How far through the recording a run is by the records it has processed, not by those its reader has read:
// the reader reads a whole batch (8,192 records) ahead, so its own byte count would jump a batch at a time and
// read 100% while most of a small recording is still unprocessed. The reader says the exact (decoded) byte
// offset at both ends of a batch; a processed record's origin line places it between them.
import type { RecordingItem, RecordingReader } from '../../replay/recording-types'

/** What a progress line says of a run: records processed and the file's bytes up to the last of them. */
export interface RunProgress { records: number; fileBytes: number; totalFileBytes: number }

/**
 * How often JobRun.runToEnd tells its onProgress within a batch: 64 steps are about 1/16 ms of a fast job and
 * 64 ms of one that takes 1 ms a record, well inside a progress line's 250 ms redraw.
 */
export const PROGRESS_EVERY_STEPS = 64

export class BatchSpan {
  private batch: readonly RecordingItem[] = []
  private startLine = 0
  private startOffset = 0
  private startBytes = 0
  private endLine = 0
  private endOffset = 0
  private endBytes = 0

  /** Reads the reader's next batch, noting where in the file it starts and ends. */
  async read(reader: RecordingReader, max: number | undefined): Promise<RecordingItem[]> {
    const start = reader.position()
    this.startLine = start.line
    this.startOffset = start.byteOffset
    this.startBytes = reader.progress().fileBytes
    const batch = await reader.nextBatch(max)
    this.batch = batch
    const end = reader.position()
    this.endLine = end.line
    this.endOffset = end.byteOffset
    this.endBytes = reader.progress().fileBytes
    return batch
  }

  /**
   * The file's bytes up to the batch's `consumed`th item, in proportion to its line within the batch's lines.
   * A plain file's bytes are its decoded offsets (the reader's own count runs up to 1 MB ahead of them); a
   * gzipped one's are fewer than those, and only the compressed bytes read at both ends of the batch are known
   * (so are only they for a subtask's routed reader, which knows no offsets until the end: routed-reader.ts).
   */
  fileBytesAt(consumed: number): number {
    const plain = this.endOffset > this.startOffset && this.endBytes >= this.endOffset
    if (consumed <= 0) return plain ? this.startOffset : this.startBytes
    let share = 1
    if (consumed < this.batch.length && this.endLine > this.startLine) {
      share = Math.max(0, Math.min(1, (this.batch[consumed - 1].origin.line - this.startLine) / (this.endLine - this.startLine)))
    }
    return plain ? this.startOffset + share * (this.endOffset - this.startOffset) : this.startBytes + share * (this.endBytes - this.startBytes)
  }
}
