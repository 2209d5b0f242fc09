// Which lines of a recording chunk are not valid UTF-8, and why. Such a line is a bad line like any other:
// decoded with U+FFFD in place of its bad bytes, two different keys ("u\xff\xfe", "u\xfe\xff") would read
// as one and merge silently. Only chunks that fail Buffer's isUtf8 come here (decode-chunk.ts).
import { notUtf8, notUtf8Lines } from '../common/not-utf8'
import { BadLine } from './recording-types'

/** A line of a chunk that is not UTF-8: its bytes [start, end) without the line break, and why. */
export interface InvalidLine { start: number; end: number; reason: string }

const recordingReason = (why: string): string => `${why} (a recording is UTF-8 text)`

/** Why bytes [start, end) of `b` (one line) are not UTF-8, or null when they are. */
export function utf8Problem(b: Buffer, start: number, end: number): string | null {
  const why = notUtf8(b, start, end)
  return why === null ? null : recordingReason(why)
}

/** The line (1-based number `line`) of bytes [start, end) as a bad line, or null when it is UTF-8. */
export function invalidUtf8Line(b: Buffer, start: number, end: number, line: number): BadLine | null {
  const reason = utf8Problem(b, start, end)
  return reason === null ? null : new BadLine(line, reason, b.toString('utf8', start, end))
}

/** The lines of bytes [start, end) of `b` that are not UTF-8, in order (lines end at 0x0A). */
export function invalidLines(b: Buffer, start: number, end: number): InvalidLine[] {
  return [...notUtf8Lines(b, start, end)].map((l) => ({ start: l.start, end: l.end, reason: recordingReason(l.reason) }))
}
