// Where in a gzipped file a decompressed byte offset lies: the compressed bytes zlib had consumed when it put
// out each chunk, so progress can follow the records processed rather than the compressed bytes read ahead
// (the file is read a megabyte at a time and decompressed ahead of the reader).
import type { Gunzip } from 'node:zlib'

/** One chunk's end: decompressed bytes put out so far, and compressed bytes consumed to put them out. */
interface Mark { decoded: number; compressed: number }

export class CompressedOffsets {
  /** Marks not yet passed by a query, oldest first; `before` is the last one passed (the start at first). */
  private marks: Mark[] = []
  private before: Mark = { decoded: 0, compressed: 0 }
  private decoded = 0

  /**
   * Notes each chunk `gunzip` puts out. zlib adds a chunk's consumed input to bytesWritten just before it
   * pushes the chunk (lib/zlib.js processCallback), so at push time bytesWritten is exact for that chunk.
   */
  watch(gunzip: Gunzip): void {
    const push = gunzip.push.bind(gunzip)
    gunzip.push = (chunk: Buffer | null, encoding?: BufferEncoding): boolean => {
      if (chunk !== null && chunk.length > 0) {
        this.decoded += chunk.length
        this.marks.push({ decoded: this.decoded, compressed: gunzip.bytesWritten })
      }
      return push(chunk, encoding)
    }
  }

  /**
   * Compressed bytes up to decompressed byte `offset`, in proportion within the chunk that holds it. Queries
   * only move forward (a reader's position), so marks passed are dropped and memory stays a few marks.
   */
  at(offset: number): number {
    while (this.marks.length > 0 && this.marks[0].decoded <= offset) this.before = this.marks.shift() as Mark
    const next = this.marks[0]
    const from = this.before
    if (next === undefined || offset <= from.decoded) return from.compressed
    return from.compressed + ((offset - from.decoded) / (next.decoded - from.decoded)) * (next.compressed - from.compressed)
  }
}
