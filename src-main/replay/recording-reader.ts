// openRecording: a streaming reader over a recording (JSON Lines, CSV or kcat -J, optionally gzipped).
import type { BadLineView } from '../common/views'
import { openChunkSource, type ChunkSource } from './chunk-source'
import { CsvLineParser } from './csv-line-parser'
import { detectFormat } from './detect-format'
import { JsonLineParser } from './json-line-parser'
import { KcatLineParser } from './kcat-line-parser'
import { LineSplitter, MAX_LINE_BYTES } from './line-splitter'
import { RecordingError, truncateLineText } from './recording-error'
import {
  BadLine, type LineParser, type OpenRecordingOptions, type RecordingFormat, type RecordingItem,
  type RecordingPosition, type RecordingReader,
} from './recording-types'

export type { RecordingItem, RecordingPosition, RecordingReader, OpenRecordingOptions, RecordingFormat }

export const DEFAULT_BATCH = 4096
/** Skipped bad lines are all counted, but only this many are kept for listing. */
export const MAX_LISTED_BAD_LINES = 1000

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
    parser = detected.format === 'kcat' ? new KcatLineParser() : new JsonLineParser()
  }
  const src = await openChunkSource(path, file, start.byteOffset)
  return new StreamingReader(path, detected.format, new LineSplitter(src, opts.maxLineBytes ?? MAX_LINE_BYTES, start.byteOffset, start.line), src, parser, start, opts.skipBadLines === true)
}

class StreamingReader implements RecordingReader {
  private items: number
  private readonly listed: BadLineView[] = []
  private skipped = 0
  /** A bad line found after some items of a batch: those are returned first, the error on the next call. */
  private failure: RecordingError | null = null
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
    private readonly skipBadLines: boolean,
  ) {
    this.items = start.items
  }

  async nextBatch(max: number = DEFAULT_BATCH): Promise<RecordingItem[]> {
    if (this.failure) throw this.failure
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
          this.failure = err as RecordingError // a read error ends the reader: later calls repeat it
          if (out.length === 0) throw err
          break
        }
        const long = lines.takeOversized()
        if (long !== null) {
          const bad = new BadLine(long.line, `line longer than ${formatBytes(lines.maxLineBytes)} (${formatBytes(long.bytes)}; is this a text recording?)`, '')
          if (!this.badLine(bad, out)) break
        }
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
        if (!this.badLine(err, out)) break
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
      this.badLine(err, out)
    }
  }

  /** Records a skipped bad line (true: keep reading) or fails; a failure after items is deferred one call. */
  private badLine(bad: BadLine, out: RecordingItem[]): boolean {
    if (this.skipBadLines && !bad.fatal) {
      this.skipped++
      if (this.listed.length < MAX_LISTED_BAD_LINES) {
        this.listed.push({ file: this.path, line: bad.line, reason: bad.reason, text: truncateLineText(bad.text) })
      }
      return true
    }
    const err = new RecordingError('BAD_LINE', this.path, bad.line, bad.reason, truncateLineText(bad.text))
    this.failure = err // the reader stops here: later calls repeat the error
    if (out.length === 0) throw err
    return false
  }

  badRecord(line: number, reason: string, text: string): void {
    const bad = new BadLine(line, reason, text)
    if (!this.skipBadLines) throw new RecordingError('BAD_LINE', this.path, line, reason, truncateLineText(text))
    this.badLine(bad, [])
  }

  position(): RecordingPosition {
    return { line: this.lines.line, byteOffset: this.lines.byteOffset(), items: this.items }
  }

  badLines(): BadLineView[] {
    // In line order: those the run found (badRecord) come after the reader's own of the same batch.
    return this.listed.slice().sort((a, b) => a.line - b.line)
  }

  badLineCount(): number {
    return this.skipped
  }

  progress(): { fileBytes: number; totalFileBytes: number } {
    return { fileBytes: this.src.fileBytesRead(), totalFileBytes: this.src.fileSize }
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.src.close()
  }
}

function formatBytes(n: number): string {
  return n >= 1 << 20 ? `${Math.round(n / (1 << 20))} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} bytes`
}
