// Which lines of a recording chunk are not valid UTF-8, and why. Such a line is a bad line like any other:
// decoded with U+FFFD in place of its bad bytes, two different keys ("u\xff\xfe", "u\xfe\xff") would read
// as one and merge silently. Only chunks that fail Buffer's isUtf8 come here (decode-chunk.ts).
import { isUtf8 } from 'node:buffer'
import { BadLine } from './recording-types'

/** A line of a chunk that is not UTF-8: its bytes [start, end) without the line break, and why. */
export interface InvalidLine { start: number; end: number; reason: string }

/** Why bytes [start, end) of `b` (one line) are not UTF-8, or null when they are. */
export function utf8Problem(b: Buffer, start: number, end: number): string | null {
  if (isUtf8(b.subarray(start, end))) return null
  let chars = 0
  let i = start
  while (i < end) {
    const n = sequenceLength(b, i, end)
    if (n === 0) break
    i += n
    chars++
  }
  const hex = b[i].toString(16).toUpperCase().padStart(2, '0')
  return `not UTF-8: byte 0x${hex} at column ${chars + 1} (a recording is UTF-8 text)`
}

/** The line (1-based number `line`) of bytes [start, end) as a bad line, or null when it is UTF-8. */
export function invalidUtf8Line(b: Buffer, start: number, end: number, line: number): BadLine | null {
  const reason = utf8Problem(b, start, end)
  return reason === null ? null : new BadLine(line, reason, b.toString('utf8', start, end))
}

/** The lines of bytes [start, end) of `b` that are not UTF-8, in order (lines end at 0x0A). */
export function invalidLines(b: Buffer, start: number, end: number): InvalidLine[] {
  const out: InvalidLine[] = []
  let pos = start
  while (pos < end) {
    let nl = b.indexOf(0x0a, pos)
    if (nl === -1 || nl >= end) nl = end
    const reason = utf8Problem(b, pos, nl)
    if (reason !== null) out.push({ start: pos, end: nl, reason })
    pos = nl + 1
  }
  return out
}

/** Bytes in the well-formed UTF-8 sequence at b[i] (the Unicode standard's table 3-7), 0 when there is none. */
function sequenceLength(b: Buffer, i: number, end: number): number {
  const c = b[i]
  if (c < 0x80) return 1
  let n: number
  let lo = 0x80
  let hi = 0xbf
  if (c >= 0xc2 && c <= 0xdf) n = 2
  else if (c >= 0xe0 && c <= 0xef) {
    n = 3
    if (c === 0xe0) lo = 0xa0
    else if (c === 0xed) hi = 0x9f // no surrogates
  } else if (c >= 0xf0 && c <= 0xf4) {
    n = 4
    if (c === 0xf0) lo = 0x90
    else if (c === 0xf4) hi = 0x8f // nothing past U+10FFFF
  } else return 0
  if (i + n > end) return 0
  const second = b[i + 1]
  if (second < lo || second > hi) return 0
  for (let k = 2; k < n; k++) if (b[i + k] < 0x80 || b[i + k] > 0xbf) return 0
  return n
}
