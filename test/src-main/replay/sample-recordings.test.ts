// The committed samples in recordings/ read cleanly and have the properties recordings/README.md states.
import { execFileSync } from 'node:child_process'
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { scanRecording } from '../../../src-main/replay'
import type { RecordingItem } from '../../../src-main/replay'
import { readAll, tempDir } from './helpers'

const ROOT = join(import.meta.dirname, '../../..')
const rec = (name: string): string => join(ROOT, 'recordings', name)
const tmp = tempDir()
afterAll(() => tmp.remove())

type Click = { ts: number; user_id: string; type: string; page: string }
const records = (items: RecordingItem[]): unknown[] => items.flatMap((i) => (i.kind === 'record' ? [i.value] : []))

/** Sessions by a 30-minute inactivity gap, per user: [first ts, last ts, count]. */
function sessions(events: Click[]): Map<string, [number, number, number][]> {
  const out = new Map<string, [number, number, number][]>()
  const sorted = [...events].sort((a, b) => a.ts - b.ts)
  for (const e of sorted) {
    const list = out.get(e.user_id) ?? []
    const last = list[list.length - 1]
    if (last && e.ts - last[1] <= 30 * 60_000) { last[1] = e.ts; last[2]++ } else list.push([e.ts, e.ts, 1])
    out.set(e.user_id, list)
  }
  return out
}

describe('sample recordings', () => {
  it('every sample is under 5 MB and scans with no bad lines', async () => {
    for (const name of ['clicks-small.jsonl', 'clicks.jsonl', 'logins.jsonl', 'payments.jsonl', 'purchases.csv', 'orders.kcat.jsonl']) {
      expect(statSync(rec(name)).size).toBeLessThan(5 * 1024 * 1024)
      const s = await scanRecording(rec(name))
      expect({ name, badLines: s.badLines }).toEqual({ name, badLines: 0 })
    }
  })

  it('clicks-small.jsonl: 40 events of 4 users, a $watermark at line 18, an out-of-order event at line 6, 8 sessions', async () => {
    const items = await readAll(rec('clicks-small.jsonl'))
    const events = records(items) as Click[]
    expect(events).toHaveLength(40)
    expect(new Set(events.map((e) => e.user_id))).toEqual(new Set(['u1', 'u2', 'u3', 'u4']))
    expect(items.filter((i) => i.kind !== 'record')).toEqual([{ kind: 'watermark', watermark: 1708850880000, origin: { line: 18 } }])
    const line6 = items.find((i) => i.origin.line === 6)
    const line5 = items.find((i) => i.origin.line === 5)
    expect(line6?.kind === 'record' && line5?.kind === 'record' && (line6.value as Click).ts < (line5.value as Click).ts).toBe(true)
    const T = (hhmmss: string): number => Date.parse(`2024-02-25T${hhmmss}Z`)
    expect(Object.fromEntries(sessions(events))).toEqual({
      u1: [[T('08:00:00'), T('08:41:00'), 6], [T('09:30:00'), T('09:36:00'), 5]],
      u2: [[T('08:01:00'), T('08:05:00'), 4], [T('08:50:00'), T('09:20:00'), 5]],
      u3: [[T('08:02:00'), T('08:21:00'), 4], [T('08:52:00'), T('09:40:00'), 7]],
      u4: [[T('08:14:00'), T('08:17:00'), 3], [T('09:01:00'), T('09:07:00'), 6]],
    })
    // Every event after the $watermark line is later than the watermark (none becomes late because of it).
    expect(items.filter((i) => i.origin.line > 18).every((i) => i.kind === 'record' && (i.value as Click).ts > 1708850880000)).toBe(true)
  })

  it.each([
    ['clicks.jsonl', ['--events', '50000', '--users', '1000', '--seed', '1']],
    ['logins.jsonl', ['--kind', 'logins', '--events', '6000', '--users', '400', '--seed', '1']],
    ['payments.jsonl', ['--kind', 'payments', '--events', '4000', '--users', '300', '--seed', '1']],
  ])('%s is exactly what the generator makes with the documented arguments', (name, args) => {
    const out = join(tmp.dir, name)
    execFileSync(process.execPath, [join(ROOT, 'scripts/gen-recording.mjs'), ...args, '--out', out], { stdio: 'pipe' })
    expect(readFileSync(out).equals(readFileSync(rec(name)))).toBe(true)
  })

  it('purchases.csv: typed fields, quoted commas, quotes and line breaks', async () => {
    const items = await readAll(rec('purchases.csv'))
    expect(items.map((i) => i.origin.line)).toEqual([2, 3, 4, 5, 6, 8, 9])
    const rows = records(items) as Record<string, unknown>[]
    expect(rows[0]).toEqual({ ts: 1708848000000, user_id: 'u1', item: 'book', price: 12.5, quantity: 1, gift: false, note: null })
    expect(rows[1].item).toBe('lamp, desk')
    expect(rows[2].note).toBe('for "Dad"')
    expect(rows[4].note).toBe('two-line note:\ncall before delivery')
    expect(rows[5]).toMatchObject({ item: '00042', note: '' })
  })

  it('orders.kcat.jsonl: kcat format, 2 partitions with rising offsets, keys, timestamps and a string payload', async () => {
    const items = await readAll(rec('orders.kcat.jsonl'))
    expect(items).toHaveLength(29)
    const byPartition = new Map<number, number[]>()
    for (const i of items) {
      expect(i.kind).toBe('record')
      if (i.kind !== 'record') continue
      expect(i.sourceTimestamp).toBeGreaterThanOrEqual(1708848000000)
      byPartition.set(i.origin.partition!, [...(byPartition.get(i.origin.partition!) ?? []), i.origin.offset!])
    }
    expect([...byPartition.keys()].sort()).toEqual([0, 1])
    expect(byPartition.get(0)).toEqual(Array.from({ length: 11 }, (_, k) => k))
    expect(byPartition.get(1)).toEqual(Array.from({ length: 18 }, (_, k) => k))
    const keyless = items.filter((i) => i.origin.kafkaKey === null)
    expect(keyless.map((i) => (i.kind === 'record' ? [i.value, i.origin.partition, i.origin.offset] : null))).toEqual([['heartbeat', 1, 17]])
    const first = items[0]
    expect(first.kind === 'record' && (first.value as { user_id: string }).user_id).toBe(first.origin.kafkaKey)
  })
})
