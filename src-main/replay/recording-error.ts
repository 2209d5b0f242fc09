// The one error type the recording readers throw: a stable code plus the file, line and reason.
import type { ErrorInfo } from '../common/debug-api'

/** Codes are a subset of ErrorInfo['code'], so the service can pass them across unchanged. */
export type RecordingErrorCode = Extract<
  ErrorInfo['code'],
  'BAD_LINE' | 'RECORDING_NOT_FOUND' | 'RECORDING_UNREADABLE' | 'BAD_ARGUMENT'
>

export class RecordingError extends Error {
  readonly code: RecordingErrorCode
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
    super(line === null ? `${file}: ${reason}` : `${file}:${line}: ${reason}`)
    this.name = 'RecordingError'
    this.code = code
    this.file = file
    this.line = line
    this.reason = reason
    this.text = text
  }

  /** The plain-data form that crosses process boundaries. */
  toInfo(): ErrorInfo {
    const info: ErrorInfo = { code: this.code, message: this.message }
    if (this.line !== null) info.where = { file: this.file, line: this.line }
    return info
  }
}

/** Longest bad-line text kept in errors and bad-line lists. */
export const BAD_LINE_TEXT_MAX = 200

export function truncateLineText(text: string): string {
  return text.length > BAD_LINE_TEXT_MAX ? text.slice(0, BAD_LINE_TEXT_MAX) + '…' : text
}
