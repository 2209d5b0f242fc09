// The line router's field scan (replay/field-scan.ts): finds the key and timestamp properties of a JSON
// line as JSON.parse would give them, or says it is unsure; never routes a line by a wrong value.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { FieldScan } from '../../../src-main/replay/field-scan'
import { javaHashCode, keyGroupOf, keyGroupOfHash } from '../../../src-main/engine/runtime/key-group'

/** A key the scan gave as its Java hashCode only (a plain ASCII string), as `hash(k)` names it. */
const hashed = (n: number): string => `hashCode ${n}`
const hash = (k: string): string => hashed(javaHashCode(k))

function scan(line: string, key = 'user_id', ts: string | null = 'ts'): { ok: boolean; key?: unknown; ts?: unknown } {
  const s = new FieldScan(key, ts)
  const b = Buffer.from(line, 'utf8')
  if (!s.scan(b, 0, b.length)) return { ok: false }
  return { ok: true, key: s.keyHash !== null ? hashed(s.keyHash) : s.key, ts: s.timestamp }
}

describe('FieldScan', () => {
  it('reads a plain record\'s key and timestamp', () => {
    expect(scan('{"ts":1708848000418,"user_id":"u84869","type":"click","page":"/p/1"}')).toEqual({ ok: true, key: hash('u84869'), ts: 1708848000418 })
    expect(scan(' { "user_id" : "a" , "ts" : 5 } \r')).toEqual({ ok: true, key: hash('a'), ts: 5 })
  })

  it('gives a plain ASCII string key as the hashCode keyGroupOf takes of the string, and only such a key', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 40 }), (k) => {
      const line = JSON.stringify({ user_id: k, ts: 1 })
      const s = new FieldScan('user_id', 'ts')
      const b = Buffer.from(line, 'utf8')
      expect(s.scan(b, 0, b.length)).toBe(true)
      if (s.keyHash === null) {
        // JSON.stringify escaped something (a quote, a backslash, a control character): the decoded string.
        expect(s.key).toBe(k)
        expect(JSON.stringify(k)).not.toBe(`"${k}"`)
      } else {
        expect(s.key).toBeUndefined()
        expect(keyGroupOfHash(s.keyHash)).toBe(keyGroupOf(k))
      }
    }))
  })

  it('takes the top-level property, not a nested one of the same name', () => {
    expect(scan('{"meta":{"user_id":"inner","ts":1},"user_id":"outer","ts":2,"list":[{"user_id":"x"}]}')).toEqual({ ok: true, key: hash('outer'), ts: 2 })
    expect(scan('{"note":"\\"user_id\\":\\"fake\\"","user_id":"real","ts":3}')).toEqual({ ok: true, key: hash('real'), ts: 3 })
  })

  it('decodes escaped and non-ASCII strings as JSON.parse does', () => {
    const line = '{"user_id":"caf\\u00e9 \\"q\\" \\\\ \\n","ts":1}'
    expect(scan(line)).toEqual({ ok: true, key: (JSON.parse(line) as { user_id: string }).user_id, ts: 1 })
    expect(scan('{"user_id":"日本語 😀","ts":1}')).toEqual({ ok: true, key: '日本語 😀', ts: 1 })
  })

  it('reads numbers and booleans as keys, exactly as JSON.parse', () => {
    for (const n of ['42', '-7', '0', '-0', '1.5', '1e3', '12345678901234567890', '0.1e-2']) {
      const r = scan(`{"user_id":${n},"ts":${n === '-0' ? 1 : 2}}`)
      expect(r.ok).toBe(true)
      expect(Object.is(r.key, JSON.parse(n))).toBe(true)
    }
    expect(scan('{"user_id":true,"ts":1}')).toEqual({ ok: true, key: true, ts: 1 })
  })

  it('keeps the last of duplicate properties (JSON.parse\'s rule)', () => {
    expect(scan('{"user_id":"first","ts":1,"user_id":"last","ts":9}')).toEqual({ ok: true, key: hash('last'), ts: 9 })
  })

  it('gives undefined for a missing property or one that is null, an object or an array', () => {
    expect(scan('{"ts":1}')).toEqual({ ok: true, key: undefined, ts: 1 })
    expect(scan('{"user_id":null,"ts":{"a":1}}')).toEqual({ ok: true, key: undefined, ts: undefined })
    expect(scan('{"user_id":[1,2],"ts":"5"}')).toEqual({ ok: true, key: undefined, ts: '5' })
    expect(scan('{}')).toEqual({ ok: true, key: undefined, ts: undefined })
  })

  it('is unsure of anything it does not plainly read: invalid JSON, control lines, escaped names, non-objects', () => {
    for (const line of [
      '', '   ', '[1]', '"x"', '5', 'null', '{"user_id":"a",}', '{"user_id":"a"} x', '{"user_id":01}', '{"user_id":1.}',
      '{"user_id":"a\tb"}', '{"user_id":"\\x"}', '{"user_id":"a"', '{"$watermark":5}', '{"$processingTime":5}',
      '{"user\\u005fid":"a"}', '\ufeff{"user_id":"a"}', '{"a":tru}', '{"a":[1,]}', '{"a":nul}',
      '{"a":' + '['.repeat(100) + ']'.repeat(100) + '}',
    ]) {
      const ok = scan(line).ok
      if (ok) throw new Error(`accepted ${JSON.stringify(line)}`)
    }
  })

  it('accepts what it reads only when JSON.parse accepts the line too', () => {
    const lines = ['{"a":[1,{"b":[true,false,null]}],"user_id":"k","ts":1}', '{"a":"\\/\\b\\f\\r\\t\\u12aB","user_id":"k"}', '{"a":-0.5E+10}']
    for (const l of lines) {
      expect(scan(l).ok).toBe(true)
      expect(() => JSON.parse(l)).not.toThrow()
    }
  })

  it('works without a timestamp property', () => {
    expect(scan('{"user_id":"a","ts":1}', 'user_id', null)).toEqual({ ok: true, key: hash('a'), ts: undefined })
  })

  it('finds a plain line\'s end itself, where the line break is, and reads it as scan() of the line does', () => {
    const lines = ['{"ts":1,"user_id":"a"}', ' {"user_id":"b","ts":2} \r', '{"user_id":"c","ts":3,"x":[1,{"y":"z"}]}']
    const b = Buffer.from(lines.join('\n'), 'utf8')
    const s = new FieldScan('user_id', 'ts')
    let pos = 0
    for (const line of lines) {
      const end = s.scanLine(b, pos, b.length)
      expect(end).toBe(pos + Buffer.byteLength(line))
      expect({ ok: true, key: s.keyHash !== null ? hashed(s.keyHash) : s.key, ts: s.timestamp }).toEqual(scan(line))
      pos = end + 1
    }
  })

  it('never reads past a line break: a line that goes on after one is unsure, whatever follows', () => {
    const s = new FieldScan('user_id', 'ts')
    for (const text of ['{"user_id":"a",\n"ts":1}', '{"user_id":\n"a"}', '{"user_id":"a\nb","ts":1}', '{"user_id":"a"\n}', '{\n}', '\n{"user_id":"a"}', '{"a":[1,\n2],"user_id":"a"}']) {
      expect(s.scanLine(Buffer.from(text, 'utf8'), 0, text.length)).toBe(-1)
    }
  })

  it('gives any line\'s end, or -1, and when it gives one, scan() of that line agrees (random lines)', () => {
    const piece = fc.oneof(
      fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', ' ', '\r', '\n', '\t', '1', '-', 'e', 'null', 'true', '"user_id"', '"ts"', '"u1"', '5', '.5'),
      fc.json().map((j) => j.replace(/\n/g, '')),
    )
    fc.assert(fc.property(fc.array(fc.array(piece, { maxLength: 12 }).map((p) => p.join('')), { minLength: 1, maxLength: 6 }), (parts) => {
      const b = Buffer.from(parts.join(''), 'utf8')
      const s = new FieldScan('user_id', 'ts')
      let pos = 0
      while (pos < b.length) {
        let nl = b.indexOf(0x0a, pos)
        if (nl === -1) nl = b.length
        const end = s.scanLine(b, pos, b.length)
        if (end !== -1) {
          expect(end).toBe(nl)
          const got = { key: s.key, keyHash: s.keyHash, ts: s.timestamp }
          const whole = new FieldScan('user_id', 'ts')
          expect(whole.scan(b, pos, nl)).toBe(true)
          expect({ key: whole.key, keyHash: whole.keyHash, ts: whole.timestamp }).toEqual(got)
        }
        pos = nl + 1
      }
    }), { numRuns: 2000 })
  })
})
