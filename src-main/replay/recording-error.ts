// The error the recording readers throw: a RiffleError that also keeps the file, line, reason and the
// offending text apart (bad-line lists show them).
import { type ErrorCode, RiffleError } from '../common/errors'
import { escapeControls } from './recording-types'

export type RecordingErrorCode = Extract<ErrorCode, 'BAD_LINE' | 'RECORDING_NOT_FOUND' | 'RECORDING_UNREADABLE' | 'BAD_ARGUMENT'>

export class RecordingError extends RiffleError {
  declare readonly code: RecordingErrorCode
  /** The recording's path, as it was given to the reader. */
  readonly file: string
  /** 1-based line of the bad line (BAD_LINE), else null. */
  readonly line: number | null
  /** Why, without the file and line (e.g. "not JSON (Unexpected token ...)"). */
  readonly reason: string
  /** The offending line, truncated (BAD_LINE only). */
  readonly text: string | null

  constructor(code: RecordingErrorCode, file: string, line: number | null, reason: string, text: string | null = null) {
    // "recordings/x.jsonl:17: not JSON (...)" or "recordings/x.jsonl: no such file"
    super(code, line === null ? `${file}: ${reason}` : `${file}:${line}: ${reason}`, line === null ? {} : { where: { file, line } })
    this.name = 'RecordingError'
    this.file = file
    this.line = line
    this.reason = reason
    this.text = text
  }
}

/** Longest bad-line text kept in errors and bad-line lists. */
export const BAD_LINE_TEXT_MAX = 200

/** The text as errors and bad-line lists show it: cut after BAD_LINE_TEXT_MAX, control characters escaped. */
export function truncateLineText(text: string): string {
  return escapeControls(text.length > BAD_LINE_TEXT_MAX ? text.slice(0, BAD_LINE_TEXT_MAX) + '…' : text)
}
