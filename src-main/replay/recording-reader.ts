// openRecording: a streaming reader over a recording (JSON Lines, CSV or kcat -J, optionally gzipped).
import type { BadLineView } from '../common/views'
import { openChunkSource, type ChunkSource } from './chunk-source'
import { CsvLineParser } from './csv-line-parser'
import { detectFormat } from './detect-format'
import { JsonLineParser } from './json-line-parser'
import { KcatLineParser } from './kcat-line-parser'
import { LineSplitter, MAX_LINE_BYTES } from './line-splitter'
import { BadLineLog, MAX_LISTED_BAD_LINES } from './bad-line-log'
import { RecordingError } from './recording-error'
import {
  BadLine, type LineParser, type OpenRecordingOptions, type RecordingFormat, type RecordingItem,
  type RecordingPosition, type RecordingReader,
} from './recording-types'

export type { RecordingItem, RecordingPosition, RecordingReader, OpenRecordingOptions, RecordingFormat }

export const DEFAULT_BATCH = 4096
export { MAX_LISTED_BAD_LINES }

function checkStart(start: RecordingPosition, file: string): void {
  const ok = (n: unknown): boolean => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0
  if (!ok(start.line) || !ok(start.byteOffset) || !ok(start.items)) {
    throw new RecordingError('BAD_ARGUMENT', file, null,
      `a start position needs non-negative integers line, byteOffset and items (got ${JSON.stringify(start)})`)
  }
}

export async function openRecording(path: string, opts: OpenRecordingOptions = {}): Promise<RecordingReader> {
  const file = path
  const start = opts.start ?? { line: 0, byteOffset: 0, items: 0 }
  checkStart(start, file)
  const detected = opts.detected ?? await detectFormat(path, file)
  let parser: LineParser
  if (detected.format === 'csv') {
    // Resuming past the header: the header comes from the detection pass, not from the stream.
    const h = detected.csvHeader
    parser = new CsvLineParser(h !== null && start.line >= h.line ? h.columns : null)
  } else {
    parser = detected.format === 'kcat' ? new KcatLineParser() : new JsonLineParser(opts.keepLineText === true)
  }
  const src = await openChunkSource(path, file, start.byteOffset)
  return new StreamingReader(path, detected.format, new LineSplitter(src, opts.maxLineBytes ?? MAX_LINE_BYTES, start.byteOffset, start.line), src, parser, start, opts.skipBadLines === true)
}

class StreamingReader implements RecordingReader {
  private items: number
  private readonly bad: BadLineLog
  private ended = false
  private closed = false
  private busy = false

  constructor(
    readonly path: string,
    readonly format: RecordingFormat,
    private readonly lines: LineSplitter,
    private readonly src: ChunkSource,
    private readonly parser: LineParser,
    start: RecordingPosition,
    skipBadLines: boolean,
  ) {
    this.items = start.items
    this.bad = new BadLineLog(path, skipBadLines)
  }

  async nextBatch(max: number = DEFAULT_BATCH): Promise<RecordingItem[]> {
    if (this.bad.failure) throw this.bad.failure
    if (this.closed || this.ended) return []
    // One batch at a time: two interleaved reads would share (and corrupt) the line cursor.
    if (this.busy) throw new Error('internal: RecordingReader.nextBatch called while another call is still reading')
    this.busy = true
    try {
      return await this.readBatch(max)
    } finally {
      this.busy = false
    }
  }

  private async readBatch(max: number): Promise<RecordingItem[]> {
    const out: RecordingItem[] = []
    const limit = Math.max(1, Math.floor(max))
    const lines = this.lines
    const parser = this.parser
    while (out.length < limit) {
      if (lines.pos >= lines.text.length) {
        let more: boolean
        try {
          more = await lines.refill()
        } catch (err) {
          this.bad.failure = err as RecordingError // a read error ends the reader: later calls repeat it
          if (out.length === 0) throw err
          break
        }
        const long = lines.takeOversized()
        if (long !== null) {
          if (!this.bad.take(oversizedLine(long.line, lines.maxLineBytes, long.bytes), out.length)) break
        }
        const invalid = lines.takeInvalid()
        if (invalid !== null && !this.bad.take(invalid, out.length)) break
        if (!more) {
          this.ended = true
          this.guard(() => parser.end(), out)
          break
        }
      }
      // The hot loop: scan the decoded chunk in place, one indexOf and one parse per line.
      const text = lines.text
      let pos = lines.pos
      let line = lines.line
      try {
        while (pos < text.length && out.length < limit) {
          const nl = text.indexOf('\n', pos)
          const end = nl === -1 ? text.length : nl
          const lineText = text.slice(pos, end)
          pos = end + 1
          line++
          const item = parser.line(lineText, line)
          if (item !== null) out.push(item)
        }
      } catch (err) {
        lines.pos = Math.min(pos, text.length)
        lines.line = line
        if (!(err instanceof BadLine)) throw err
        if (!this.bad.take(err, out.length)) break
        continue
      }
      lines.pos = Math.min(pos, text.length)
      lines.line = line
    }
    this.items += out.length
    return out
  }

  /** Runs fn, turning a BadLine into a skip or a failure. */
  private guard(fn: () => void, out: RecordingItem[]): void {
    try {
      fn()
    } catch (err) {
      if (!(err instanceof BadLine)) throw err
      this.bad.take(err, out.length)
    }
  }

  badRecord(line: number, reason: string, text: string): void {
    this.bad.badRecord(line, reason, text)
  }

  position(): RecordingPosition {
    return { line: this.lines.line, byteOffset: this.lines.byteOffset(), items: this.items }
  }

  badLines(): BadLineView[] {
    return this.bad.list()
  }

  badLineCount(): number {
    return this.bad.count()
  }

  progress(): { fileBytes: number; totalFileBytes: number } {
    return { fileBytes: this.src.fileBytesAt(this.lines.byteOffset()), totalFileBytes: this.src.fileSize }
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.src.close()
  }
}

/** A line longer than the reader buffers, as a bad line (skippable like any other). */
export function oversizedLine(line: number, maxLineBytes: number, bytes: number): BadLine {
  return new BadLine(line, `line longer than ${formatBytes(maxLineBytes)} (${formatBytes(bytes)}; is this a text recording?)`, '')
}

function formatBytes(n: number): string {
  return n >= 1 << 20 ? `${Math.round(n / (1 << 20))} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} bytes`
}
