// Decodes a chunk of a recording's bytes to text. Most recordings are ASCII, and ASCII bytes read as
// Latin-1 give the very string UTF-8 decoding gives, at the cost of a copy: Node's check for ASCII and
// its Latin-1 decoder together run many times faster than its UTF-8 decoder, which every record's bytes
// pass through once (twice or more at --parallelism N, where each subtask decodes the chunk it shares).
// Other chunks are checked once for valid UTF-8 (isUtf8): a chunk that is not is not decoded here, and
// its reader finds the offending lines (utf8-check.ts), which are bad lines.
import { isAscii, isUtf8 } from 'node:buffer'

/** Buffer's own decoders (what toString calls after its argument checks). */
interface Slicing { latin1Slice(start: number, end: number): string; utf8Slice(start: number, end: number): string }

/** Bytes [start, end) of `b` as UTF-8 text, or null when they are not valid UTF-8. */
export function decodeChunk(b: Buffer, start = 0, end = b.length): string | null {
  const s = b as unknown as Slicing
  const bytes = b.subarray(start, end)
  if (isAscii(bytes)) return s.latin1Slice(start, end)
  return isUtf8(bytes) ? s.utf8Slice(start, end) : null
}
