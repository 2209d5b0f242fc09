// The items a recording yields and the reader's public shape (recordings/README.md); shared by every format.
import type { BadLineView, InputOrigin } from '../common/views'

export type RecordingFormat = 'jsonl' | 'csv' | 'kcat'

export type RecordingItem =
  /**
   * `text`: a JSON Lines record's own line, for a job in another language to decode as its JSON does (Python's
   * json.loads keeps `3.0` a float, JSON.parse makes it 3): python-bridge.ts.
   */
  | { kind: 'record'; value: unknown; sourceTimestamp: number | null; origin: InputOrigin; text?: string }
  | { kind: 'watermark'; watermark: number; origin: InputOrigin }
  | { kind: 'processingTime'; time: number; origin: InputOrigin }
  /**
   * `count` records of other subtasks of `--parallelism N` in a row (cli/line-router.ts), as one item: the
   * first's timestamp (null: the job assigns none), which may raise the watermark and processing time; the
   * others' do not, so they are steps with nothing to do. `origin` is the first's line.
   */
  | { kind: 'skipped'; count: number; timestamp: number | null; origin: InputOrigin }

/** Where a reader stands: pass it back as `start` to resume just after it. */
export interface RecordingPosition {
  /** Last line number consumed (1-based; 0 before the first line). */
  line: number
  /** Bytes of (uncompressed) input consumed, always just after a line break. */
  byteOffset: number
  /** Items (records and control lines) returned so far. */
  items: number
}

export interface RecordingReader {
  readonly path: string
  readonly format: RecordingFormat
  /** Up to `max` items (default 4096); [] only at end of input. */
  nextBatch(max?: number): Promise<RecordingItem[]>
  position(): RecordingPosition
  /** Bad lines skipped so far (skipBadLines only), the first MAX_LISTED_BAD_LINES of them. */
  badLines(): BadLineView[]
  /** How many bad lines were skipped so far (all of them, even past the listed ones). */
  badLineCount(): number
  /**
   * A line the run found bad after reading it (a record's assigned timestamp out of range): counted and
   * listed like a bad line the reader found when skipping them, else thrown as its BAD_LINE error.
   */
  badRecord(line: number, reason: string, text: string): void
  /**
   * Bytes of the file on disk up to position() (not what was read ahead of it) and its size (compressed
   * sizes for .gz), for progress bars.
   */
  progress(): { fileBytes: number; totalFileBytes: number }
  close(): Promise<void>
}

export interface OpenRecordingOptions {
  /** Count and list bad lines instead of throwing BAD_LINE. */
  skipBadLines?: boolean
  /** Resume just after a position returned by position() (or buildLineIndex) on the same file. */
  start?: RecordingPosition
  /**
   * The format detectFormat found for this file, to skip detecting it again (a debug session reopens its
   * recording at every seek).
   */
  detected?: { format: RecordingFormat; csvHeader: { columns: string[]; line: number } | null }
  /** Longest line buffered across reads (default MAX_LINE_BYTES, 64 MB); a longer one is a bad line. */
  maxLineBytes?: number
  /** Each JSON Lines record keeps its line's text (RecordingItem.text), for a Python job to decode. */
  keepLineText?: boolean
}

/** A bad line found by a format parser; the reader turns it into a RecordingError or a BadLineView. */
export class BadLine {
  /** Why, with control characters escaped: JSON.parse's message quotes the bad bytes themselves. */
  readonly reason: string

  constructor(
    readonly line: number,
    reason: string,
    readonly text: string,
    /** Cannot be skipped (a bad CSV header: no later row could be read). */
    readonly fatal = false,
  ) {
    this.reason = escapeControls(reason)
  }
}

/**
 * The text with control characters written as JSON writes them (\u0000): in a terminal or the app they are
 * invisible, or move the cursor. A tab stays; a line's CR (a CRLF file) is dropped.
 */
export function escapeControls(s: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return s.replace(/\r$/, '').replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** One format's parser: fed every physical line in order. */
export interface LineParser {
  /** The item the line completes, or null (blank line, or the middle of a multi-line CSV record). Throws BadLine. */
  line(text: string, lineNo: number): RecordingItem | null
  /** At end of input: throws BadLine for an unfinished record. */
  end(): void
}
