// Where bytes that should be UTF-8 text are not: the first byte that starts no well-formed sequence, by its
// column in characters (as an editor counts them), for messages about a recording line or a job file.
import { isUtf8 } from 'node:buffer'

/** "not UTF-8: byte 0xFF at column 21" for bytes [start, end) of `b` (one line), or null when they are UTF-8. */
export function notUtf8(b: Buffer, start: number, end: number): string | null {
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
  return `not UTF-8: byte 0x${hex} at column ${chars + 1}`
}

/**
 * A line of bytes that is not UTF-8: its number (1-based, counted from where the search began), its bytes
 * [start, end) without the line break, and why.
 */
export interface NotUtf8Line { line: number; start: number; end: number; reason: string }

/** The lines of bytes [start, end) of `b` (lines end at 0x0A) that are not UTF-8, in order. */
export function* notUtf8Lines(b: Buffer, start: number, end: number): Generator<NotUtf8Line> {
  let pos = start
  for (let line = 1; pos < end; line++) {
    let nl = b.indexOf(0x0a, pos)
    if (nl === -1 || nl >= end) nl = end
    const reason = notUtf8(b, pos, nl)
    if (reason !== null) yield { line, start: pos, end: nl, reason }
    pos = nl + 1
  }
}

/** The first line (1-based) of `b` that is not UTF-8 and why, or null when all of `b` is UTF-8. */
export function firstNotUtf8Line(b: Buffer): { line: number; reason: string } | null {
  if (isUtf8(b)) return null
  for (const bad of notUtf8Lines(b, 0, b.length)) return { line: bad.line, reason: bad.reason }
  return null
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
