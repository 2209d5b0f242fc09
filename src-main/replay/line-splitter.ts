// Turns byte chunks into decoded text that always ends at a line break, and tracks line and byte positions.
import type { ChunkSource } from './chunk-source'
import { decodeChunk } from './decode-chunk'
import type { BadLine } from './recording-types'
import { invalidLines, invalidUtf8Line } from './utf8-check'

/**
 * A line longer than this is not buffered (a file with no line breaks): its bytes are passed over up to
 * the next line break, and the reader reports it as a bad line (skippable like any other).
 */
export const MAX_LINE_BYTES = 64 * 1024 * 1024

/** Part of a chunk that is not valid UTF-8: a run of valid lines, or one bad line (`bad`) with its line break. */
interface Piece { bytes: Buffer; bad: BadLine | null }

/** A line passed over for being longer than MAX_LINE_BYTES. */
export interface OversizedLine { line: number; bytes: number }

/**
 * The reader scans `text` from `pos` itself with indexOf('\n') (the fast path); this class only refills
 * `text` with the next run of whole lines and answers "how many bytes have been consumed" for positions.
 * Chunks are cut at the last 0x0A byte, so a multi-byte UTF-8 character is never split.
 */
export class LineSplitter {
  /** Decoded whole lines (ends with '\n' except for a final unterminated line). */
  text = ''
  /** Char index in `text` of the first unconsumed line. */
  pos = 0
  /** Last line number consumed (1-based; 0 before the first). */
  line: number

  private chunkStartByte: number
  private chunkStartLine: number
  private chunkBytes = 0
  private ascii = true
  /** The chunk's bytes, kept to map char positions back to byte offsets when chars and bytes differ. */
  private raw: Buffer | null = null
  private carry: Buffer[] = []
  private carryLen = 0
  private eof = false
  /** The over-long line being passed over, until its line break. */
  private skipping: OversizedLine | null = null
  private oversized: OversizedLine | null = null
  /**
   * A chunk that is not valid UTF-8, cut into runs of valid lines and its bad lines (bytes, or the bad
   * line): refill() hands them out one by one, so the reader's loop over `text` is the same for all.
   */
  private pieces: Piece[] = []
  private invalid: BadLine | null = null

  constructor(private readonly src: ChunkSource, readonly maxLineBytes = MAX_LINE_BYTES, startByte = 0, startLine = 0) {
    this.chunkStartByte = startByte
    this.chunkStartLine = startLine
    this.line = startLine
  }

  /** Uncompressed bytes consumed up to `pos` (just after the last consumed line's break). */
  byteOffset(): number {
    if (this.pos === 0) return this.chunkStartByte
    // Every char decoded from one byte: char and byte offsets agree (the common, ASCII case).
    if (this.ascii) return this.chunkStartByte + this.pos
    // Otherwise `pos` is just after the k-th line break of the chunk: find that 0x0A in the raw bytes.
    // (Re-encoding the text would be wrong for invalid UTF-8, which decodes to U+FFFD.)
    const raw = this.raw as Buffer
    if (this.pos >= this.text.length) return this.chunkStartByte + raw.length
    let at = -1
    for (let k = this.line - this.chunkStartLine; k > 0; k--) at = raw.indexOf(0x0a, at + 1)
    return this.chunkStartByte + at + 1
  }

  /** Loads the next run of lines once `text` is used up. False at end of input. */
  async refill(): Promise<boolean> {
    if (this.pos < this.text.length) return true
    this.chunkStartByte += this.chunkBytes
    this.chunkStartLine = this.line
    this.chunkBytes = 0
    this.raw = null
    this.text = ''
    this.pos = 0
    if (this.pieces.length > 0) {
      this.takePiece()
      return true
    }
    while (!this.eof) {
      let buf = await this.src.next()
      if (buf === null) {
        this.eof = true
        if (this.skipping !== null) { this.endSkip(); return false }
        if (this.carryLen === 0) return false
        this.take(Buffer.concat(this.carry, this.carryLen), this.carryLen)
        return true
      }
      if (this.skipping !== null) {
        const end = buf.indexOf(0x0a)
        this.skipping.bytes += end === -1 ? buf.length : end + 1
        if (end === -1) continue
        this.endSkip()
        buf = buf.subarray(end + 1)
        if (buf.length === 0) continue
      }
      const nl = buf.lastIndexOf(0x0a)
      if (nl === -1) {
        this.carry.push(buf)
        this.carryLen += buf.length
        if (this.carryLen > this.maxLineBytes) {
          // Not buffered without bound: pass over the rest of the line.
          this.skipping = { line: this.line + 1, bytes: this.carryLen }
          this.carry = []
          this.carryLen = 0
        }
        continue
      }
      let data = buf
      let cut = nl + 1
      if (this.carryLen > 0) {
        this.carry.push(buf)
        data = Buffer.concat(this.carry, this.carryLen + buf.length)
        cut += this.carryLen
      }
      this.carry = cut < data.length ? [data.subarray(cut)] : []
      this.carryLen = data.length - cut
      this.take(data, cut)
      return true
    }
    return false
  }

  /** The over-long line passed over by the last refill(), once (the reader reports it as a bad line). */
  takeOversized(): OversizedLine | null {
    const o = this.oversized
    this.oversized = null
    return o
  }

  /** The line of the last refill() that is not valid UTF-8, once (the reader reports it as a bad line). */
  takeInvalid(): BadLine | null {
    const b = this.invalid
    this.invalid = null
    return b
  }

  /** The over-long line ended: the next chunk starts after it. */
  private endSkip(): void {
    const s = this.skipping!
    this.skipping = null
    this.oversized = s
    this.line = s.line
    this.chunkStartLine = s.line
    this.chunkStartByte += s.bytes
  }

  private take(data: Buffer, end: number): void {
    const text = decodeChunk(data, 0, end)
    if (text === null) {
      this.cutInvalid(data, end)
      this.takePiece()
      return
    }
    this.text = text
    this.chunkBytes = end
    this.ascii = this.text.length === end
    this.raw = this.ascii ? null : data.subarray(0, end)
  }

  /** Cuts bytes [0, end) of `data`, not valid UTF-8, into pieces: runs of valid lines, and each bad line. */
  private cutInvalid(data: Buffer, end: number): void {
    let pos = 0
    let line = this.line
    for (const bad of invalidLines(data, 0, end)) {
      if (bad.start > pos) {
        this.pieces.push({ bytes: data.subarray(pos, bad.start), bad: null })
        for (let i = pos; i < bad.start; i++) if (data[i] === 0x0a) line++
      }
      line++
      const next = Math.min(bad.end + 1, end)
      this.pieces.push({ bytes: data.subarray(bad.start, next), bad: invalidUtf8Line(data, bad.start, bad.end, line) })
      pos = next
    }
    if (pos < end) this.pieces.push({ bytes: data.subarray(pos, end), bad: null })
  }

  /** The next piece of a chunk that is not valid UTF-8: valid lines as `text`, or a bad line passed over. */
  private takePiece(): void {
    const p = this.pieces.shift() as Piece
    if (p.bad === null) {
      this.take(p.bytes, p.bytes.length)
      return
    }
    // Passed over like an over-long line: the next piece starts after it.
    this.invalid = p.bad
    this.line = p.bad.line
    this.chunkStartLine = p.bad.line
    this.chunkStartByte += p.bytes.length
  }
}
