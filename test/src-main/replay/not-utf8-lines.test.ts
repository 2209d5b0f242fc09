// A recording line that is not valid UTF-8 is a bad line (file:line: not UTF-8: byte … at column …), skippable
// like any other: it was decoded with U+FFFD in place of its bad bytes, so the keys "u\xff\xfe" and "u\xfe\xff"
// read as one ("u��") and their counts merged silently. Valid multi-byte UTF-8 reads as before, also across
// chunk boundaries and when the reader resumes from a position.
import { afterAll, describe, expect, it } from 'vitest'
import { openRecording } from '../../../src-main/replay'
import { LineSplitter } from '../../../src-main/replay/line-splitter'
import type { ChunkSource } from '../../../src-main/replay/chunk-source'
import { utf8Problem } from '../../../src-main/replay/utf8-check'
import { drain, readAll, rejection, tempDir } from './helpers'

const tmp = tempDir()
afterAll(() => tmp.remove())

const bytes = (...parts: Array<string | number[]>): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))))

/** Two records whose keys differ only in bytes that are not UTF-8, between two good ones. */
const TWO_KEYS = bytes('{"ts":0,"user_id":"a"}\n', '{"ts":1,"user_id":"u', [0xff, 0xfe], '"}\n',
  '{"ts":2,"user_id":"u', [0xfe, 0xff], '"}\n', '{"ts":3,"user_id":"é"}\n')

const values = (items: Awaited<ReturnType<typeof readAll>>): unknown[] => items.map((i) => (i.kind === 'record' ? i.value : i.kind))

describe('a recording line that is not UTF-8', () => {
  it('stops the reader with BAD_LINE file:line: not UTF-8: byte 0xFF at column 21', async () => {
    const path = tmp.file('two-keys.jsonl', TWO_KEYS)
    const err = await rejection(readAll(path))
    expect(err.code).toBe('BAD_LINE')
    expect(err.message).toBe(`${path}:2: not UTF-8: byte 0xFF at column 21 (a recording is UTF-8 text)`)
  })

  it('with skipBadLines is skipped and listed, exactly that line, and the reader goes on', async () => {
    const path = tmp.file('two-keys-skip.jsonl', TWO_KEYS)
    const r = await openRecording(path, { skipBadLines: true })
    const items = await drain(r)
    expect(values(items)).toEqual([{ ts: 0, user_id: 'a' }, { ts: 3, user_id: 'é' }])
    expect(items.map((i) => i.origin)).toEqual([{ line: 1 }, { line: 4 }])
    expect(r.badLines().map((b) => [b.line, b.reason])).toEqual([
      [2, 'not UTF-8: byte 0xFF at column 21 (a recording is UTF-8 text)'],
      [3, 'not UTF-8: byte 0xFE at column 21 (a recording is UTF-8 text)'],
    ])
    expect(r.badLineCount()).toBe(2)
    expect(r.position()).toEqual({ line: 4, byteOffset: TWO_KEYS.length, items: 2 })
    await r.close()
  })

  it('positions after each item resume to the same items (bad lines in the middle of a chunk)', async () => {
    const path = tmp.file('resume.jsonl', TWO_KEYS)
    const r = await openRecording(path, { skipBadLines: true })
    const all = await drain(r, 1)
    await r.close()
    const r1 = await openRecording(path, { skipBadLines: true })
    await r1.nextBatch(1)
    const at = r1.position()
    await r1.close()
    const rest = await readAll(path, { skipBadLines: true, start: at })
    expect(values(rest)).toEqual(values(all.slice(1)))
  })

  it('an unterminated last line, a bad first line, and bad lines side by side', async () => {
    const path = tmp.file('edges.jsonl', bytes([0xc3], '{"a":1}\n', [0xe9], '\n', [0xed, 0xa0, 0x80], '\n{"a":2}\n{"a":"', [0xf0, 0x9f], '"}'))
    const r = await openRecording(path, { skipBadLines: true })
    expect(values(await drain(r))).toEqual([{ a: 2 }])
    expect(r.badLines().map((b) => [b.line, b.reason.slice(0, 30)])).toEqual([
      [1, 'not UTF-8: byte 0xC3 at column'], [2, 'not UTF-8: byte 0xE9 at column'], [3, 'not UTF-8: byte 0xED at column'],
      [5, 'not UTF-8: byte 0xF0 at column'],
    ])
    await r.close()
  })

  it('a CSV row that is not UTF-8 is a bad line too', async () => {
    const csv = tmp.file('rows.csv', bytes('ts,user_id\n1,a\n2,b', [0xff], '\n3,c\n'))
    const c = await openRecording(csv, { skipBadLines: true })
    expect(values(await drain(c))).toEqual([{ ts: 1, user_id: 'a' }, { ts: 3, user_id: 'c' }])
    expect(c.badLines().map((b) => b.line)).toEqual([3])
    await c.close()
  })
})

describe('utf8Problem', () => {
  it('names the first byte that does not start a well-formed sequence and its column in characters', () => {
    expect(utf8Problem(Buffer.from('é🙂a'), 0, 7)).toBe(null)
    expect(utf8Problem(bytes('é🙂', [0xff]), 0, 7)).toBe('not UTF-8: byte 0xFF at column 3 (a recording is UTF-8 text)')
    expect(utf8Problem(bytes('ab', [0xe2, 0x82], 'c'), 0, 5)).toMatch(/byte 0xE2 at column 3 /) // cut short
    expect(utf8Problem(bytes([0xc0, 0xaf]), 0, 2)).toMatch(/byte 0xC0 at column 1 /) // overlong
    expect(utf8Problem(bytes('x', [0xed, 0xa0, 0x80]), 0, 4)).toMatch(/byte 0xED at column 2 /) // a surrogate
    expect(utf8Problem(bytes([0xf4, 0x90, 0x80, 0x80]), 0, 4)).toMatch(/byte 0xF4 at column 1 /) // past U+10FFFF
  })
})

/** Hands out `data` in pieces of `size` bytes, as a file read in small chunks would. */
function pieces(data: Buffer, size: number): ChunkSource {
  let at = 0
  return {
    fileSize: data.length,
    fileBytesAt: (offset) => offset,
    next: async () => {
      if (at >= data.length) return null
      const b = data.subarray(at, at + size)
      at += b.length
      return b
    },
    close: async () => {},
  }
}

async function splitLines(data: Buffer, size: number): Promise<Array<string | number>> {
  const s = new LineSplitter(pieces(data, size))
  const out: Array<string | number> = []
  while (await s.refill()) {
    const bad = s.takeInvalid()
    if (bad !== null) out.push(bad.line)
    out.push(...s.text.split('\n').filter((t) => t !== ''))
    // What the reader does as it reads the text's lines: count them.
    s.line += (s.text.match(/\n/g) ?? []).length + (s.text !== '' && !s.text.endsWith('\n') ? 1 : 0)
    s.pos = s.text.length
  }
  return out
}

describe('multi-byte UTF-8 across chunk boundaries', () => {
  const text = '{"k":"日本語"}\n{"k":"🙂😀"}\n{"k":"Zoë"}\n'

  it('reads the same lines whatever the chunk size, a character split between chunks or not', async () => {
    for (let size = 1; size <= 12; size++) {
      expect(await splitLines(Buffer.from(text), size)).toEqual(['{"k":"日本語"}', '{"k":"🙂😀"}', '{"k":"Zoë"}'])
    }
  })

  it('finds the same bad line whatever the chunk size', async () => {
    const data = bytes(text, '{"k":"', [0xff], '"}\n', '{"k":"ok"}\n')
    for (let size = 1; size <= 12; size++) {
      expect(await splitLines(data, size)).toEqual(['{"k":"日本語"}', '{"k":"🙂😀"}', '{"k":"Zoë"}', 4, '{"k":"ok"}'])
    }
  })

  it('a file whose first read ends inside an emoji reads every record', async () => {
    // The first read of a plain file is 64 KB (chunk-source.ts): put a 4-byte character across byte 65536.
    const first = '{"k":"' + 'x'.repeat(65534 - 9 - 6) + '"}'
    const lines = [first, '{"k":"🙂"}', '{"k":"日本"}']
    const file = Buffer.from(lines.join('\n') + '\n')
    expect(file.indexOf(Buffer.from('🙂'))).toBe(65534)
    expect(values(await readAll(tmp.file('across.jsonl', file)))).toEqual(lines.map((l) => JSON.parse(l)))
  })
})
