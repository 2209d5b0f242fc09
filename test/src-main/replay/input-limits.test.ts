// Lines past the reader's limits are bad lines with file, line and reason, and skippable like any other
// (recordings/README.md "Bad lines"): JSON nested deeper than values may be, a line longer than the line
// limit, and timestamps that are not exact milliseconds (above 2^53, beyond MAX_TIMESTAMP).
import { afterAll, describe, expect, it } from 'vitest'
import { openRecording } from '../../../src-main/replay'
import { MAX_TIMESTAMP } from '../../../src-main/engine/api/time'
import { drain, readAll, rejection, tempDir } from './helpers'

const tmp = tempDir()
afterAll(() => tmp.remove())

const deep = (levels: number): string => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels)

describe('JSON nested too deep', () => {
  it('20 000 levels: BAD_LINE with file, line and reason (not a stack overflow), and skippable', async () => {
    const p = tmp.file('deep.jsonl', `{"k":1}\n${deep(20_000)}\n[${'['.repeat(19_999)}${']'.repeat(20_000)}\n{"k":2}\n`)
    const err = await rejection(readAll(p))
    expect(err).toMatchObject({ code: 'BAD_LINE', file: p, line: 2, reason: 'JSON nested more than 500 levels deep' })
    const r = await openRecording(p, { skipBadLines: true })
    const items = await drain(r)
    expect(items.map((i) => i.origin.line)).toEqual([1, 4])
    expect(r.badLines().map((b) => [b.line, b.reason])).toEqual([[2, 'JSON nested more than 500 levels deep'], [3, 'JSON nested more than 500 levels deep']])
    await r.close()
  })

  it('500 levels, the limit of state and output values, are still an event', async () => {
    const p = tmp.file('limit.jsonl', `${deep(500)}\n`)
    expect(await readAll(p)).toHaveLength(1)
  })

  it('a kcat payload nested too deep is a bad line of its envelope', async () => {
    const env = (payload: string, offset: number): string => JSON.stringify({ topic: 't', partition: 0, offset, ts: 5, key: 'k', payload })
    const p = tmp.file('deep.kcat.jsonl', `${env('{"a":1}', 0)}\n${env(deep(1000), 1)}\n`)
    const err = await rejection(readAll(p))
    expect(err).toMatchObject({ code: 'BAD_LINE', line: 2, reason: 'JSON nested more than 500 levels deep' })
  })
})

describe('a line longer than the limit', () => {
  // The limit applies to a line the reader would have to buffer across reads (more than 64 KB here).
  it('is passed over to its line break, reported as a bad line, and the next line reads at the right position', async () => {
    const long = 'x'.repeat(300_000)
    const p = tmp.file('long.jsonl', `{"k":1}\n"${long}"\n{"k":3}\n`)
    const err = await rejection(readAll(p, { maxLineBytes: 4096 }))
    expect(err).toMatchObject({ code: 'BAD_LINE', line: 2 })
    expect(String(err.reason)).toMatch(/^line longer than 4 KB \(293 KB; is this a text recording\?\)$/)
    const r = await openRecording(p, { maxLineBytes: 4096, skipBadLines: true })
    const items = await drain(r, 1)
    expect(items.map((i) => [i.origin.line, i.kind === 'record' ? i.value : null])).toEqual([[1, { k: 1 }], [3, { k: 3 }]])
    expect(r.badLineCount()).toBe(1)
    // Positions count the passed-over bytes: resuming after line 1 or at the end is exact.
    expect(r.position()).toEqual({ line: 3, byteOffset: 8 + 300_003 + 8, items: 2 })
    await r.close()
    const resumed = await readAll(p, { maxLineBytes: 4096, skipBadLines: true, start: { line: 2, byteOffset: 8 + 300_003, items: 1 } })
    expect(resumed.map((i) => i.origin.line)).toEqual([3])
  })

  it('as the last line, without a line break: reported, and the reader ends', async () => {
    const p = tmp.file('long-last.jsonl', `{"k":1}\n${'y'.repeat(300_000)}`)
    const r = await openRecording(p, { maxLineBytes: 4096, skipBadLines: true })
    expect((await drain(r)).map((i) => i.origin.line)).toEqual([1])
    expect(r.badLines().map((b) => b.line)).toEqual([2])
    await r.close()
  })

  it('the real 64 MB limit: a 65 MB line is skippable (before: BAD_LINE that could not be skipped)', async () => {
    const p = tmp.file('huge.jsonl', Buffer.concat([Buffer.from('{"k":1}\n"'), Buffer.alloc(65 * 1024 * 1024, 0x61), Buffer.from('"\n{"k":2}\n')]))
    const r = await openRecording(p, { skipBadLines: true })
    expect((await drain(r)).map((i) => i.origin.line)).toEqual([1, 3])
    expect(r.badLines()[0]).toMatchObject({ line: 2, reason: 'line longer than 64 MB (65 MB; is this a text recording?)' })
    await r.close()
  }, 30_000)
})

describe('timestamps that are not exact milliseconds', () => {
  it.each([
    ['{"$watermark": 1e20}', '$watermark: 100000000000000000000, above 2^53, beyond MAX_TIMESTAMP: not an exact millisecond timestamp'],
    ['{"$processingTime": 9007199254740994}', '$processingTime: 9007199254740994, above 2^53: not an exact millisecond timestamp'],
    ['{"$watermark": -1e19}', '$watermark: -10000000000000000000, below -2^53, beyond MIN_TIMESTAMP: not an exact millisecond timestamp'],
    [JSON.stringify({ topic: 't', partition: 0, offset: 1, ts: 2 ** 60, payload: '{}' }), 'kcat envelope field "ts": 1152921504606847000, above 2^53: not an exact millisecond timestamp'],
  ])('%s is a bad line', async (line, reason) => {
    const p = tmp.file(`ts-${Math.random().toString(36).slice(2)}.jsonl`, `${line}\n`)
    const err = await rejection(readAll(p))
    expect(err).toMatchObject({ code: 'BAD_LINE', line: 1 })
    expect(String(err.reason)).toContain(reason)
  })

  it('a control line may send MAX_TIMESTAMP itself (the end-of-input watermark)', async () => {
    const p = tmp.file('max.jsonl', `{"$watermark": ${MAX_TIMESTAMP}}\n`)
    expect(await readAll(p)).toEqual([{ kind: 'watermark', watermark: MAX_TIMESTAMP, origin: { line: 1 } }])
  })
})
