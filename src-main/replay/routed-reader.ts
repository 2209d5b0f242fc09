// The recording reader of one subtask of `riffle run --parallelism N` when the main thread reads the file
// (cli/line-router.ts): it parses the lines it is sent with the reader's own JSON Lines parser, and turns
// each run of other subtasks' records into one 'skipped' item. Until the main thread has said whether it
// routes (it asks every subtask for the job's shape first), it waits; told to read the file itself, it
// hands every call to the file reader, as when nothing routes.
import type { BadLineView } from '../common/views'
import { BadLineLog } from './bad-line-log'
import { decodeChunk } from './decode-chunk'
import { JsonLineParser } from './json-line-parser'
import { oversizedLine } from './recording-reader'
import { RecordingError, type RecordingErrorCode } from './recording-error'
import { BadLine, type RecordingItem, type RecordingPosition, type RecordingReader } from './recording-types'
import { ENTRY_SLOTS, entryLine, LINE, SKIPPED, type RoutedBatch } from './routed-batch'
import { MAX_LINE_BYTES } from './line-splitter'
import { invalidUtf8Line } from './utf8-check'

/** What the main thread sends a subtask's reader. */
export type RouteInput =
  | { kind: 'file' }
  | { kind: 'start'; fileSize: number }
  | { kind: 'batch'; batch: RoutedBatch }
  | { kind: 'end'; line: number; byteOffset: number; fileBytes: number }
  | { kind: 'failed'; code: RecordingErrorCode; file: string; line: number | null; reason: string }

export class RoutedReader implements RecordingReader {
  readonly format = 'jsonl' as const
  private file: RecordingReader | null = null
  private readonly queue: RouteInput[] = []
  private wake: (() => void) | null = null
  private readonly parser: JsonLineParser
  private readonly bad: BadLineLog
  // The batch being read: its chunk's bytes, and as text when every byte decodes to one character (ASCII),
  // so a line's byte offsets are its text's offsets too.
  private bytes: Buffer<ArrayBufferLike> = Buffer.alloc(0)
  private text: string | null = null
  /** The batch's chunk is valid UTF-8 (else each line of it is checked: one that is not is a bad line). */
  private utf8 = true
  private meta = new Float64Array(0)
  private entries = 0
  private entry = 0
  private items = 0
  private line = 0
  private byteOffset = 0
  private fileBytes = 0
  /**
   * The current batch's span, for progress: the file's bytes and the line read at its start, and its last line
   * (its fileBytes are at that line). A position within it is placed in proportion to its line.
   */
  private spanBytes = 0
  private spanLine = 0
  private spanEndLine = 0
  private fileSize = 0
  private ended = false
  private closed = false

  /**
   * `openFile` opens the file reader (told 'file'); `consumed` is called as each batch is used up, so the
   * main thread sends more (it keeps only a few batches in flight per subtask).
   */
  /** keepLineText: as OpenRecordingOptions.keepLineText. */
  constructor(readonly path: string, skipBadLines: boolean, private readonly openFile: () => Promise<RecordingReader>, private readonly consumed: () => void,
    keepLineText: boolean) {
    this.bad = new BadLineLog(path, skipBadLines)
    this.parser = new JsonLineParser(keepLineText)
  }

  /** A message from the main thread (session-worker.ts), in the order sent. */
  receive(m: RouteInput): void {
    this.queue.push(m)
    const w = this.wake
    this.wake = null
    w?.()
  }

  async nextBatch(max = 4096): Promise<RecordingItem[]> {
    if (this.file !== null) return this.file.nextBatch(max)
    if (this.bad.failure) throw this.bad.failure
    const out: RecordingItem[] = []
    const limit = Math.max(1, Math.floor(max))
    while (out.length < limit && !this.closed) {
      if (this.entry >= this.entries) {
        if (this.ended) break
        if (out.length > 0 && this.queue.length === 0) break // give the run what there is, rather than wait
        const m = await this.next()
        if (m.kind === 'file') {
          this.file = await this.openFile()
          return this.file.nextBatch(max)
        }
        if (!this.take(m)) break
        continue
      }
      if (!this.read(out, limit)) break
    }
    this.items += out.length
    return out
  }

  /** Takes one message; false when reading stops (the end, or a failure after items). */
  private take(m: RouteInput): boolean {
    switch (m.kind) {
      case 'start':
        this.fileSize = m.fileSize
        return true
      case 'batch': {
        const b = m.batch
        this.bytes = Buffer.from(b.bytes, 0, b.byteLength)
        // One decoding of the whole chunk (every subtask's lines) costs less than one call per own line.
        const text = decodeChunk(this.bytes)
        this.text = text !== null && text.length === b.byteLength ? text : null
        this.utf8 = text !== null
        this.meta = new Float64Array(b.meta, 0, b.entries * ENTRY_SLOTS)
        this.entries = b.entries
        this.entry = 0
        this.spanBytes = this.fileBytes
        this.spanLine = this.line
        this.spanEndLine = b.entries > 0 ? entryLine(this.meta, b.entries - 1) : this.line
        this.fileBytes = b.fileBytes
        this.consumed()
        return true
      }
      case 'end':
        this.ended = true
        this.line = m.line
        this.byteOffset = m.byteOffset
        this.fileBytes = m.fileBytes
        return false
      case 'failed':
        this.bad.failure = new RecordingError(m.code, m.file, m.line, m.reason)
        if (this.items === 0) throw this.bad.failure
        return false
      case 'file':
        throw new Error('internal: told to read the file after routed input')
    }
  }

  /** Items of the current batch into `out`; false when a bad line stops the reader. */
  private read(out: RecordingItem[], limit: number): boolean {
    const meta = this.meta
    const text = this.text
    const bytes = this.bytes
    while (this.entry < this.entries && out.length < limit) {
      const at = this.entry++ * ENTRY_SLOTS
      const kind = meta[at]
      if (kind === SKIPPED) {
        const ts = meta[at + 2]
        const line = meta[at + 3]
        out.push({ kind: 'skipped', count: meta[at + 1], timestamp: Number.isNaN(ts) ? null : ts, origin: { line } })
        this.line = line
        continue
      }
      const line = meta[at + 1]
      this.line = line
      try {
        if (kind !== LINE) throw oversizedLine(line, MAX_LINE_BYTES, meta[at + 2])
        const start = meta[at + 2]
        const end = meta[at + 3]
        if (!this.utf8) {
          const invalid = invalidUtf8Line(bytes, start, end, line)
          if (invalid !== null) throw invalid
        }
        const lineText = text !== null ? text.slice(start, end) : bytes.toString('utf8', start, end)
        const item = this.parser.line(lineText, line)
        if (item !== null) out.push(item)
      } catch (err) {
        if (!(err instanceof BadLine)) throw err
        if (!this.bad.take(err, out.length)) return false
      }
    }
    return true
  }

  private next(): Promise<RouteInput> {
    const m = this.queue.shift()
    if (m !== undefined) return Promise.resolve(m)
    return new Promise<void>((resolve) => { this.wake = resolve }).then(() => this.next())
  }

  position(): RecordingPosition {
    if (this.file !== null) return this.file.position()
    return { line: this.line, byteOffset: this.byteOffset, items: this.items }
  }

  badLines(): BadLineView[] { return this.file !== null ? this.file.badLines() : this.bad.list() }
  badLineCount(): number { return this.file !== null ? this.file.badLineCount() : this.bad.count() }

  badRecord(line: number, reason: string, text: string): void {
    if (this.file !== null) this.file.badRecord(line, reason, text)
    else this.bad.badRecord(line, reason, text)
  }

  progress(): { fileBytes: number; totalFileBytes: number } {
    if (this.file !== null) return this.file.progress()
    let fileBytes = this.fileBytes
    if (!this.ended && this.spanEndLine > this.spanLine) {
      const share = Math.max(0, Math.min(1, (this.line - this.spanLine) / (this.spanEndLine - this.spanLine)))
      fileBytes = this.spanBytes + share * (this.fileBytes - this.spanBytes)
    }
    return { fileBytes, totalFileBytes: this.fileSize }
  }

  async close(): Promise<void> {
    this.closed = true
    if (this.file !== null) await this.file.close()
  }
}
