// scanRecording (the app's "format, event count, time range" summary) and the sparse line index for seeking.
import { afterAll, describe, expect, it } from 'vitest'
import { buildLineIndex, scanRecording } from '../../../src-main/replay'
import type { ScanProgress } from '../../../src-main/replay'
import { readAll, tempDir } from './helpers'

const tmp = tempDir()
afterAll(() => tmp.remove())

describe('scanRecording', () => {
  it('counts records, control lines and bad lines, and finds the min and max event time', async () => {
    const p = tmp.file('s.jsonl', [
      '{"ts":5000,"u":"a"}', '{"ts":3000,"u":"b"}', '{"$watermark":2000}', 'oops', '', '{"ts":9000,"u":"a"}', '{"u":"no time"}',
    ].join('\n'))
    const s = await scanRecording(p)
    expect(s).toMatchObject({ format: 'jsonl', records: 4, controlLines: 1, badLines: 1, firstTimestamp: 3000, lastTimestamp: 9000, index: null })
    expect(s.firstBadLines.map((b) => b.line)).toEqual([4])
    expect(s.bytes).toBe(s.uncompressedBytes)
  })

  it('falls back from ts to timestamp to event_time, and reports null when no event has a numeric time', async () => {
    const p = tmp.file('t.jsonl', '{"timestamp":10}\n{"event_time":7}\n{"ts":"not a number","timestamp":12}\n')
    expect(await scanRecording(p)).toMatchObject({ firstTimestamp: 7, lastTimestamp: 12 })
    const q = tmp.file('none.jsonl', '{"a":1}\n[1]\n')
    expect(await scanRecording(q)).toMatchObject({ records: 2, firstTimestamp: null, lastTimestamp: null })
  })

  it('takes kcat envelope timestamps and reports compressed and uncompressed sizes for .gz', async () => {
    const lines = Array.from({ length: 300 }, (_, i) =>
      JSON.stringify({ topic: 't', partition: i % 2, offset: i, ts: 1000 + i, key: null, payload: JSON.stringify({ ts: 1 }) }))
    const content = lines.join('\n') + '\n'
    const s = await scanRecording(tmp.file('k.jsonl.gz', content))
    expect(s).toMatchObject({ format: 'kcat', records: 300, firstTimestamp: 1000, lastTimestamp: 1299 })
    expect(s.uncompressedBytes).toBe(Buffer.byteLength(content))
    expect(s.bytes).toBeLessThan(s.uncompressedBytes)
  })

  it('reports progress up to the whole file', async () => {
    const content = Array.from({ length: 30000 }, (_, i) => `{"ts":${i},"pad":"${'p'.repeat(40)}"}`).join('\n')
    const p = tmp.file('prog.jsonl', content)
    const seen: ScanProgress[] = []
    await scanRecording(p, (x) => seen.push(x))
    expect(seen.length).toBeGreaterThan(1)
    const last = seen[seen.length - 1]
    expect(last).toEqual({ bytes: Buffer.byteLength(content), totalBytes: Buffer.byteLength(content), records: 30000 })
    for (let i = 1; i < seen.length; i++) expect(seen[i].records).toBeGreaterThanOrEqual(seen[i - 1].records)
  })
})

describe('buildLineIndex', () => {
  it('gives the position before every Nth item, and opening at an entry resumes at exactly that item', async () => {
    const lines: string[] = []
    for (let i = 0; i < 2500; i++) {
      if (i % 400 === 0) lines.push('')
      lines.push(`{"i":${i}}`)
    }
    const p = tmp.file('idx.jsonl', lines.join('\n') + '\n')
    const index = await buildLineIndex(p, 1000)
    expect(index.map((e) => e.items)).toEqual([0, 1000, 2000])
    expect(index[0]).toEqual({ line: 0, byteOffset: 0, items: 0 })
    for (const entry of index) {
      const rest = await readAll(p, { start: entry })
      expect(rest.length).toBe(2500 - entry.items)
      expect(rest[0].kind === 'record' && rest[0].value).toEqual({ i: entry.items })
    }
  })

  it('an exact multiple of N does not end with an entry pointing at the end', async () => {
    const p = tmp.file('exact.jsonl', Array.from({ length: 20 }, (_, i) => `{"i":${i}}`).join('\n'))
    expect((await buildLineIndex(p, 10)).map((e) => e.items)).toEqual([0, 10])
  })
})
