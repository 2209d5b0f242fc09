// Watermark generation and control lines (docs/semantics.md: W1, W2, W4, W5, W7-W9; docs/job-api.md
// "Time in a replay"): a step shows the watermark its record caused, as the debugger sees it.
import { describe, expect, it } from 'vitest'
import type { StepView } from '../../../../src-main/common/views'
import { MAX_TIMESTAMP, MIN_TIMESTAMP } from '../../../../src-main/engine/api/time'
import { WatermarkGenerator } from '../../../../src-main/engine/time/watermark-generator'
import { mainValues, openInline, runInline } from '../../helpers/run-inline'
import { scriptJob } from '../../helpers/script-job'

type V = Record<string, unknown>
const ts = (e: string): string => `${e}.withTimestampAssigner((e: any) => e.ts)`
const bounded = (b: number): string => ts(`WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofMillis(${b}))`)

/** Every step of a run (one per record, control line or timer), each with the watermark after it. */
async function steps(job: string, lines: unknown[], opts = {}): Promise<StepView[]> {
  const s = await openInline(job, lines, opts)
  try {
    const out: StepView[] = []
    expect((await s.status()).watermark).toBe(MIN_TIMESTAMP) // before any record
    for (;;) {
      const r = await s.step({ kind: 'step' })
      if (r.taken === 0) return out
      out.push(...r.steps)
    }
  } finally {
    await s.close()
  }
}
const recordWms = (st: StepView[]): number[] => st.filter((x) => x.kind === 'record').map((x) => x.watermark)

describe('generated watermarks (W1, W2, W4)', () => {
  it('W1: bounded out-of-orderness gives maxTs - B - 1 after every record; MIN before any event', async () => {
    const st = await steps(scriptJob({ strategy: bounded(5) }), [{ k: 'a', ts: 100 }, { k: 'a', ts: 90 }, { k: 'b', ts: 120 }, { k: 'a', ts: 121 }])
    expect(recordWms(st)).toEqual([94, 94, 114, 115])
  })

  it('W1: a bound of zero is maxTs - 1; B = 0 also via Duration.ofSeconds(0)', async () => {
    const st = await steps(scriptJob({ strategy: ts('WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofSeconds(0))') }), [{ k: 'a', ts: 100 }])
    expect(recordWms(st)).toEqual([99])
  })

  it('W2: monotonous timestamps give maxTs - 1', async () => {
    const st = await steps(scriptJob(), [{ k: 'a', ts: 10 }, { k: 'a', ts: 11 }, { k: 'a', ts: 11 }, { k: 'a', ts: 50 }])
    expect(recordWms(st)).toEqual([9, 10, 10, 49])
  })

  it('W4: the watermark only rises: an out-of-order record never lowers it, and only a rise opens a timer advance', async () => {
    // A timer registered below the watermark (E6) would fire on any advance; it waits for a real rise.
    const r = await runInline(scriptJob({ strategy: bounded(10) }), [
      { k: 'a', ts: 100 }, { k: 'a', ts: 100, id: 'reg', reg: [50] }, { k: 'a', ts: 60, id: 'older' }, { k: 'a', ts: 100, id: 'same' }, { k: 'a', ts: 101, id: 'rise' },
    ])
    expect((mainValues(r) as V[]).map((v) => v.fired ?? v.in)).toEqual(['a', 'reg', 'older', 'same', 'rise', 50])
    expect((mainValues(r) as V[]).map((v) => v.wm)).toEqual([MIN_TIMESTAMP, 89, 89, 89, 89, 90])
  })

  it('W5: the timestamp assigner gets the previous timestamp: MIN for plain JSON lines, the kcat ts for kcat -J', async () => {
    const job = scriptJob({ strategy: 'WatermarkStrategy.forMonotonousTimestamps().withTimestampAssigner((e: any, prev: number) => prev === MIN_TIMESTAMP ? 7 : prev + 1)' })
    const plain = await runInline(job, [{ k: 'a' }])
    expect(plain.out[0].timestamp).toBe(7)
    const env = (o: V): string => JSON.stringify({ topic: 't', partition: 0, offset: 0, tstype: 'create', ts: 1000, broker: 1, key: null, ...o })
    const kcat = await runInline(job, [env({ payload: '{"k":"a"}' })])
    expect(kcat.out[0].timestamp).toBe(1001)
  })
})

describe('noWatermarks, control lines and end of input (W7, docs/job-api.md "Time in a replay")', () => {
  it('noWatermarks(): records get timestamps, but only $watermark lines and the end of input move event time', async () => {
    const st = await steps(scriptJob({ strategy: ts('WatermarkStrategy.noWatermarks()') }), [
      { k: 'a', ts: 100 }, { k: 'a', ts: 200 }, { $watermark: 150 }, { k: 'a', ts: 300 },
    ])
    expect(st.map((x) => [x.kind, x.watermark])).toEqual([['record', MIN_TIMESTAMP], ['record', MIN_TIMESTAMP], ['watermark', 150], ['record', 150]])
  })

  it('$watermark lines raise the watermark whatever the strategy, and it never goes back', async () => {
    const st = await steps(scriptJob({ strategy: bounded(5) }), [
      { k: 'a', ts: 100 }, { $watermark: 1000 }, { k: 'a', ts: 200 }, { $watermark: 500 }, { k: 'a', ts: 2000 },
    ])
    expect(st.map((x) => x.watermark)).toEqual([94, 1000, 1000, 1000, 1994])
  })

  it('$watermark lines move event time for a job without any timestamp assigner', async () => {
    const r = await runInline(scriptJob({ noAssigner: true }), [{ k: 'a', reg: [10] }, { $watermark: 10 }, { k: 'a', id: 'after' }])
    expect((mainValues(r) as V[]).map((v) => v.fired ?? v.in)).toEqual(['a', 10, 'after'])
  })

  it('W7: end of input sends MAX_TIMESTAMP, so every event-time timer fires (even one at MAX - 1 second)', async () => {
    const r = await runInline(scriptJob(), [{ k: 'a', ts: 1, reg: [5e15, 1e9] }, { k: 'b', ts: 2, reg: [MAX_TIMESTAMP - 1000] }])
    const f = (mainValues(r) as V[]).filter((v) => 'fired' in v)
    expect(f.map((v) => v.fired)).toEqual([1e9, 5e15, MAX_TIMESTAMP - 1000])
    expect(f.every((v) => v.wm === MAX_TIMESTAMP)).toBe(true)
    expect(r.summary.pendingEventTimers).toBe(0)
  })

  it('a watermark step is its own step kind, with the control line as its input', async () => {
    const st = await steps(scriptJob(), [{ $watermark: 42 }])
    expect(st[0]).toMatchObject({ kind: 'watermark', watermark: 42, input: { line: 1, value: { $watermark: 42 }, sourceTimestamp: null } })
  })
})

describe('idle partitions (W8, W9)', () => {
  const env = (partition: number, offset: number, t: number, k = `p${partition}`): string =>
    JSON.stringify({ topic: 't', partition, offset, tstype: 'create', ts: t, broker: 1, key: null, payload: JSON.stringify({ k, ts: t }) })
  // Partition 1 speaks once and falls silent; partition 0 keeps going for 10 s.
  const lines = [env(1, 0, 1000), ...Array.from({ length: 10 }, (_, i) => env(0, i, 1000 + (i + 1) * 1000))]

  it('W8: without idleness the silent partition holds the watermark back (minimum over partitions)', async () => {
    const st = await steps(scriptJob({ strategy: 'WatermarkStrategy.forMonotonousTimestamps()' }), lines)
    expect(recordWms(st).at(-1)).toBe(999)
  })

  it('W9: with withIdleness the silent partition is excluded once processing time moved past the timeout', async () => {
    const st = await steps(scriptJob({ strategy: 'WatermarkStrategy.forMonotonousTimestamps().withIdleness(Duration.ofSeconds(3))' }), lines)
    const wms = recordWms(st)
    // Checks after each record: p1 is first found inactive at pt 2000 (the first p0 record), and is idle
    // once pt - 2000 > 3000, i.e. at pt 6000.
    expect(wms).toEqual([999, 999, 999, 999, 999, 5999, 6999, 7999, 8999, 9999, 10999])
  })

  it('W9: an idle partition that speaks again is active again and holds the watermark where it is', async () => {
    const more = [...lines, env(1, 1, 5000), env(0, 10, 12000)]
    const st = await steps(scriptJob({ strategy: 'WatermarkStrategy.forMonotonousTimestamps().withIdleness(Duration.ofSeconds(3))' }), more)
    expect(recordWms(st).slice(-2)).toEqual([10999, 10999]) // p1 at 4999 is below; the watermark never goes back
  })

  it('WatermarkGenerator: per-partition minimum; idleness measured on processing time, strictly greater than the timeout', () => {
    const g = new WatermarkGenerator(0, 100)
    g.onEvent(50, 'a'); g.onEvent(10, 'b')
    expect(g.onPeriodicEmit(0)).toBe(9)
    g.onEvent(60, 'a')
    expect(g.onPeriodicEmit(10)).toBe(9) // b: first inactive check starts its idle timer at 10
    g.onEvent(70, 'a')
    expect(g.onPeriodicEmit(110)).toBe(9) // 110 - 10 = 100 is not > 100
    g.onEvent(80, 'a')
    expect(g.onPeriodicEmit(111)).toBe(79) // now idle
  })
})
