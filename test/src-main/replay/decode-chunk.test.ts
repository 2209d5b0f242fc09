// decodeChunk gives exactly what Buffer's UTF-8 decoding gives, whichever decoder it takes, and null for bytes that are not UTF-8.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { isUtf8 } from 'node:buffer'
import { decodeChunk } from '../../../src-main/replay/decode-chunk'

const utf8 = (b: Buffer, s = 0, e = b.length): string => b.toString('utf8', s, e)

describe('decodeChunk', () => {
  it('decodes ASCII bytes to the same one-byte-per-character string as UTF-8 decoding', () => {
    const b = Buffer.from('{"ts":1,"user_id":"u1"}\n{"ts":2,"user_id":"u2"}\n')
    expect(decodeChunk(b)).toBe(utf8(b))
    expect(decodeChunk(b, 3, 20)).toBe(utf8(b, 3, 20))
  })

  it('decodes multi-byte UTF-8 as characters, not as Latin-1 bytes', () => {
    const b = Buffer.from('{"name":"Zoë","city":"Kraków","emoji":"🙂"}\n')
    expect(decodeChunk(b)).toBe('{"name":"Zoë","city":"Kraków","emoji":"🙂"}\n')
    expect(decodeChunk(b)?.length).toBeLessThan(b.length)
  })

  it('looks only at its own range: ASCII inside a chunk with non-ASCII elsewhere, and the reverse', () => {
    const b = Buffer.from('ab\nÄö\ncd\n')
    expect(decodeChunk(b, 0, 3)).toBe('ab\n')
    expect(decodeChunk(b, 3, 8)).toBe('Äö\n')
    expect(decodeChunk(b, 8)).toBe('cd\n')
  })

  it('gives null for bytes that are not UTF-8, not U+FFFD in their place (a byte ≥ 0x80 is never read as Latin-1)', () => {
    const b = Buffer.from([0x61, 0xff, 0x62, 0xc3, 0x0a])
    expect(decodeChunk(b)).toBe(null)
    expect(decodeChunk(b, 0, 1)).toBe('a')
  })

  it('reads a view of a SharedArrayBuffer (what the line router hands each subtask)', () => {
    const b = Buffer.from(new SharedArrayBuffer(16))
    b.write('{"k":"é"}\n{"k":1}\n'.slice(0, 16))
    expect(decodeChunk(b)).toBe(utf8(b))
  })

  it('equals UTF-8 decoding on any valid bytes and any range of them, null on any other', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), fc.nat(), fc.nat(), (bytes, a, z) => {
      const b = Buffer.from(bytes)
      const s = Math.min(a, z) % (b.length + 1)
      const e = s + (Math.max(a, z) % (b.length - s + 1))
      expect(decodeChunk(b, s, e)).toBe(isUtf8(b.subarray(s, e)) ? utf8(b, s, e) : null)
    }), { numRuns: 2000 })
  })

  it('decodes an empty range to the empty string', () => {
    expect(decodeChunk(Buffer.alloc(0))).toBe('')
    expect(decodeChunk(Buffer.from('abc'), 2, 2)).toBe('')
  })
})
