// JSON Lines recordings (recordings/README.md): events, blank lines, control lines, bad lines, gzip, missing files.
import { afterAll, describe, expect, it } from 'vitest'
import { openRecording, RecordingError } from '../../../src-main/replay'
import { drain, readAll, rejection, tempDir } from './helpers'
import { toErrorInfo } from '../../../src-main/common/errors'

const tmp = tempDir()
afterAll(() => tmp.remove())

describe('JSON Lines', () => {
  it('reads one event per line with its 1-based line number and no source timestamp', async () => {
    const p = tmp.file('a.jsonl', '{"ts":1,"user_id":"a"}\n{"ts":2,"user_id":"b"}\n[1,2]\n"text"\n42\n')
    const items = await readAll(p)
    expect(items).toEqual([
      { kind: 'record', value: { ts: 1, user_id: 'a' }, sourceTimestamp: null, origin: { line: 1 } },
      { kind: 'record', value: { ts: 2, user_id: 'b' }, sourceTimestamp: null, origin: { line: 2 } },
      { kind: 'record', value: [1, 2], sourceTimestamp: null, origin: { line: 3 } },
      { kind: 'record', value: 'text', sourceTimestamp: null, origin: { line: 4 } },
      { kind: 'record', value: 42, sourceTimestamp: null, origin: { line: 5 } },
    ])
    expect(items.map((i) => (i.kind === 'record' ? i.text : null))).toEqual([undefined, undefined, undefined, undefined, undefined])
    const r = await openRecording(p)
    expect(r.format).toBe('jsonl')
    await r.close()
  })

  it('keeps each record\'s line text when opened for a Python job (keepLineText), where 3.0 must stay a float', async () => {
    const p = tmp.file('floats.jsonl', '{"amount":3.0}\n{"$watermark":5}\n[1e2]\n')
    const items = await readAll(p, { keepLineText: true })
    expect(items.map((i) => (i.kind === 'record' ? i.text : i.kind))).toEqual(['{"amount":3.0}', 'watermark', '[1e2]'])
  })

  it('escapes a bad line\'s control characters in its error and listing, which a terminal would not show', async () => {
    const p = tmp.file('binary.jsonl', '\u0000\u0001\n{"a":"x\ty\u001b"}\r\n')
    const e = await rejection(readAll(p))
    expect(e.message).toContain('not JSON (Unexpected token \'\\u0000\', "\\u0000\\u0001" is not valid JSON)')
    const r = await openRecording(p, { skipBadLines: true })
    await drain(r)
    const bad = r.badLines()
    await r.close()
    expect(bad.map((b) => b.text)).toEqual(['\\u0000\\u0001', '{"a":"x\ty\\u001b"}'])
    // eslint-disable-next-line no-control-regex -- no raw control character but a tab may reach the screen
    for (const b of bad) expect(`${b.reason} ${b.text}`).not.toMatch(/[\u0000-\u0008\u000a-\u001f]/)
  })

  it('skips blank and whitespace-only lines but keeps counting them for line numbers', async () => {
    const p = tmp.file('blank.ndjson', '\n{"a":1}\n   \n\t\r\n{"a":2}\n\n')
    const items = await readAll(p)
    expect(items.map((i) => i.origin.line)).toEqual([2, 5])
  })

  it('accepts CRLF line endings, a UTF-8 BOM and a last line without a line break', async () => {
    const p = tmp.file('crlf.jsonl', '\uFEFF{"a":"é"}\r\n{"a":2}')
    const items = await readAll(p, { keepLineText: true })
    expect(items.map((i) => (i.kind === 'record' ? i.value : null))).toEqual([{ a: 'é' }, { a: 2 }])
    // The line's own text (a Python job decodes it) without the BOM, which no JSON decoder takes.
    expect(items.map((i) => (i.kind === 'record' ? i.text : null))).toEqual(['{"a":"é"}\r', '{"a":2}'])
  })

  it('turns $watermark and $processingTime lines into control items, not events', async () => {
    const p = tmp.file('ctl.jsonl', '{"a":1}\n{"$watermark": 1000}\n{"$processingTime": 2500}\n{"a":2}\n')
    const items = await readAll(p)
    expect(items).toEqual([
      { kind: 'record', value: { a: 1 }, sourceTimestamp: null, origin: { line: 1 } },
      { kind: 'watermark', watermark: 1000, origin: { line: 2 } },
      { kind: 'processingTime', time: 2500, origin: { line: 3 } },
      { kind: 'record', value: { a: 2 }, sourceTimestamp: null, origin: { line: 4 } },
    ])
  })

  it.each([
    ['{"$watermark": "soon"}', '$watermark must be a finite number of milliseconds (got "soon")'],
    ['{"$watermark": null}', '$watermark must be a finite number of milliseconds (got null)'],
    ['{"$processingTime": 1e999}', '$processingTime must be a finite number of milliseconds (got Infinity)'],
    ['{"$processingTime": 2500.5}', '$processingTime: 2500.5, a fraction: a timestamp is a whole number of milliseconds (Flink\'s long)'],
    ['{"$watermark": 5, "user_id": "a"}', 'a control line has exactly one key, "$watermark" or "$processingTime" (found "$watermark", "user_id")'],
  ])('a malformed control line %s is a bad line, never an event', async (line, reason) => {
    const p = tmp.file('badctl.jsonl', `{"a":1}\n${line}\n`)
    const err = await rejection(readAll(p))
    expect(err).toBeInstanceOf(RecordingError)
    expect(err).toMatchObject({ code: 'BAD_LINE', file: p, line: 2, reason })
  })

  it('reads a gzipped .jsonl.gz like the plain file', async () => {
    const content = Array.from({ length: 5000 }, (_, i) => JSON.stringify({ i, s: 'x'.repeat(i % 50) })).join('\n') + '\n'
    const plain = await readAll(tmp.file('same.jsonl', content))
    const gz = await readAll(tmp.file('same.jsonl.gz', content))
    expect(gz).toHaveLength(5000)
    expect(gz).toEqual(plain)
  })

  it('reads a .gz made of several concatenated gzip members as one stream', async () => {
    const { gzipSync } = await import('node:zlib')
    const { writeFileSync } = await import('node:fs')
    const p = tmp.dir + '/multi.jsonl.gz'
    writeFileSync(p, Buffer.concat([gzipSync('{"a":1}\n{"a":'), gzipSync('2}\n{"a":3}\n')]))
    expect((await readAll(p)).map((i) => (i.kind === 'record' ? i.value : null))).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }])
  })

  it('an empty file yields no items', async () => {
    expect(await readAll(tmp.file('empty.jsonl', ''))).toEqual([])
  })

  it('returns [] only at the end, and batches never exceed max', async () => {
    const p = tmp.file('batches.jsonl', Array.from({ length: 10 }, (_, i) => `{"i":${i}}\n\n`).join(''))
    const r = await openRecording(p)
    const sizes: number[] = []
    for (;;) {
      const b = await r.nextBatch(3)
      sizes.push(b.length)
      if (b.length === 0) break
    }
    await r.close()
    expect(sizes).toEqual([3, 3, 3, 1, 0])
  })
})

describe('bad lines', () => {
  it('a line that is not JSON stops the read with an error naming the file, the line and the reason', async () => {
    const p = tmp.file('bad.jsonl', '{"a":1}\n{"a":2}\n{"a": oops}\n{"a":4}\n')
    const err = await rejection(readAll(p))
    expect(err).toBeInstanceOf(RecordingError)
    expect(err.code).toBe('BAD_LINE')
    expect(err.file).toBe(p)
    expect(err.line).toBe(3)
    expect(String(err.reason)).toMatch(/^not JSON \(/)
    expect(err.text).toBe('{"a": oops}')
    expect(String(err.message)).toMatch(new RegExp(`^${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3: not JSON \\(`))
  })

  it('a bad-line error converts to the plain ErrorInfo that crosses process boundaries', async () => {
    const p = tmp.file('info.jsonl', '{"a":1}\n{oops\n')
    const err = await rejection(readAll(p))
    expect(toErrorInfo(err)).toEqual({ code: 'BAD_LINE', message: err.message, where: { file: p, line: 2 } })
  })

  it('the records before a bad line are delivered first, then the error (and again on later calls)', async () => {
    const p = tmp.file('bad2.jsonl', '{"a":1}\n{"a":2}\nnope\n{"a":4}\n')
    const r = await openRecording(p)
    const first = await r.nextBatch(10)
    expect(first.map((i) => i.origin.line)).toEqual([1, 2])
    const e1 = await rejection(r.nextBatch(10))
    const e2 = await rejection(r.nextBatch(10))
    expect([e1.code, e1.line, e2.code, e2.line]).toEqual(['BAD_LINE', 3, 'BAD_LINE', 3])
    await r.close()
  })

  it('with skipBadLines, bad lines are counted and listed, and every other line is still read', async () => {
    const lines = ['{"a":1}', 'garbage', '{"a":3}', '{"$watermark":"x"}', '', '{"a":6}', '{broken']
    const p = tmp.file('skip.jsonl', lines.join('\n'))
    const r = await openRecording(p, { skipBadLines: true })
    const items = await drain(r)
    expect(items.map((i) => i.origin.line)).toEqual([1, 3, 6])
    expect(r.badLineCount()).toBe(3)
    const listed = r.badLines()
    expect(listed.map((b) => [b.file, b.line, b.text])).toEqual([[p, 2, 'garbage'], [p, 4, '{"$watermark":"x"}'], [p, 7, '{broken']])
    expect(listed[0].reason).toMatch(/^not JSON/)
    // No line is dropped silently: every non-blank line is either an item or a listed bad line.
    expect(items.length + r.badLineCount()).toBe(lines.filter((l) => l.trim() !== '').length)
    await r.close()
  })

  it('a bad line is listed with its text truncated', async () => {
    const long = 'x'.repeat(5000)
    const r = await openRecording(tmp.file('long.jsonl', long + '\n'), { skipBadLines: true })
    await drain(r)
    const [b] = r.badLines()
    expect(b.text.length).toBeLessThanOrEqual(201)
    expect(b.text.startsWith('xxxx')).toBe(true)
    await r.close()
  })
})

describe('files that cannot be read', () => {
  it('a missing file fails with RECORDING_NOT_FOUND naming the path', async () => {
    const p = tmp.dir + '/nope/missing.jsonl'
    const err = await rejection(openRecording(p))
    expect(err).toBeInstanceOf(RecordingError)
    expect(err.code).toBe('RECORDING_NOT_FOUND')
    expect(String(err.message)).toContain(p)
  })

  it('a directory fails with RECORDING_UNREADABLE', async () => {
    const err = await rejection(openRecording(tmp.dir))
    expect(err.code).toBe('RECORDING_UNREADABLE')
  })

  it('a .gz that is not gzip data fails with RECORDING_UNREADABLE', async () => {
    const { writeFileSync } = await import('node:fs')
    const p = tmp.dir + '/fake.jsonl.gz'
    writeFileSync(p, '{"a":1}\n')
    const err = await rejection(readAll(p))
    expect(err.code).toBe('RECORDING_UNREADABLE')
    expect(String(err.message)).toContain(p)
  })

  it('a truncated gzip file fails with RECORDING_UNREADABLE after the lines it could read', async () => {
    const { gzipSync } = await import('node:zlib')
    const { writeFileSync } = await import('node:fs')
    const full = gzipSync(Array.from({ length: 20000 }, (_, i) => `{"i":${i}}`).join('\n') + '\n')
    const p = tmp.dir + '/cut.jsonl.gz'
    writeFileSync(p, full.subarray(0, Math.floor(full.length * 0.8)))
    const r = await openRecording(p)
    let n = 0
    const err = await rejection((async () => {
      for (;;) {
        const b = await r.nextBatch(1000)
        if (b.length === 0) break
        n += b.length
      }
    })())
    await r.close()
    expect(err.code).toBe('RECORDING_UNREADABLE')
    expect(n).toBeGreaterThan(0)
    expect(n).toBeLessThan(20000)
  })
})
