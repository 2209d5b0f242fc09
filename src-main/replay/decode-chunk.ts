// Decodes a chunk of a recording's bytes to text. Most recordings are ASCII, and ASCII bytes read as
// Latin-1 give the very string UTF-8 decoding gives, at the cost of a copy: Node's check for ASCII and
// its Latin-1 decoder together run many times faster than its UTF-8 decoder, which every record's bytes
// pass through once (twice or more at --parallelism N, where each subtask decodes the chunk it shares).
import { isAscii } from 'node:buffer'

/** Buffer's own decoders (what toString calls after its argument checks). */
interface Slicing { latin1Slice(start: number, end: number): string; utf8Slice(start: number, end: number): string }

/** Bytes [start, end) of `b` as UTF-8 text (invalid sequences decode to U+FFFD, as toString('utf8') does). */
export function decodeChunk(b: Buffer, start = 0, end = b.length): string {
  const s = b as unknown as Slicing
  return isAscii(b.subarray(start, end)) ? s.latin1Slice(start, end) : s.utf8Slice(start, end)
}
