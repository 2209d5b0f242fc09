// Simulated processing time (docs/job-api.md "Time in a replay", docs/semantics.md P1/P3): follow mode,
// manual mode with $processingTime lines, and pending timers at the end of input.
import { describe, expect, it } from 'vitest'
import { mainValues, runInline } from '../../helpers/run-inline'
import { scriptJob } from '../../helpers/script-job'

type V = Record<string, unknown>
const seq = (vals: unknown[]): unknown[] => (vals as V[]).map((v) => (v.fired !== undefined ? `t${v.fired}` : v.in))

describe('follow mode (the default)', () => {
  it('processing time becomes max(processing time, record ts) before the record is processed', async () => {
    const r = await runInline(scriptJob(), [{ k: 'a', ts: 100 }, { k: 'a', ts: 50 }, { k: 'a', ts: 300 }])
    expect((mainValues(r) as V[]).map((v) => v.pt)).toEqual([100, 100, 300])
  })

  it('P1: processing-time timers the record makes due fire before it; one equal to the new time fires too', async () => {
    const r = await runInline(scriptJob(), [
      { k: 'a', ts: 10, id: 'r1', regPt: [200, 100, 101] }, { k: 'b', ts: 100, id: 'r2' }, { k: 'b', ts: 150, id: 'r3' },
    ])
    expect(seq(mainValues(r))).toEqual(['r1', 't100', 'r2', 't101', 'r3'])
    expect(r.summary.pendingProcessingTimers).toBe(1)
  })

  it('follow mode without timestamps: processing time stays at 0 and only $processingTime lines move it', async () => {
    const r = await runInline(scriptJob({ noAssigner: true }), [{ k: 'a', id: 'r1', regPt: [5] }, { $processingTime: 5 }, { k: 'a', id: 'r2' }])
    expect(seq(mainValues(r))).toEqual(['r1', 't5', 'r2'])
    expect((mainValues(r) as V[]).map((v) => v.pt)).toEqual([0, 5, 5])
  })
})

describe('manual mode', () => {
  it('starts at 0 and ignores record timestamps; only $processingTime lines move it, and never back', async () => {
    const r = await runInline(scriptJob(), [
      { k: 'a', ts: 1000, id: 'r1', regPt: [50] }, { $processingTime: 49 }, { k: 'a', ts: 2000, id: 'r2' }, { $processingTime: 50 },
      { k: 'a', ts: 3000, id: 'r3' }, { $processingTime: 10 }, { k: 'a', ts: 4000, id: 'r4' },
    ], { processingTime: 'manual' })
    expect(seq(mainValues(r))).toEqual(['r1', 'r2', 't50', 'r3', 'r4'])
    expect((mainValues(r) as V[]).map((v) => v.pt)).toEqual([0, 49, 50, 50, 50])
  })
})

describe('processing-time timers in the past (P2)', () => {
  it('a timer registered at or before the current processing time fires right after the callback, before the next record', async () => {
    const r = await runInline(scriptJob({ noAssigner: true }), [
      { $processingTime: 100 }, { k: 'a', id: 'r1', regPt: [40, 100] }, { k: 'b', id: 'r2' },
    ], { processingTime: 'manual' })
    expect(seq(mainValues(r))).toEqual(['r1', 't40', 't100', 'r2'])
    expect((mainValues(r) as V[]).slice(1, 3).map((v) => v.pt)).toEqual([100, 100])
  })
})

describe('pending processing-time timers at the end of input', () => {
  const lines = [{ k: 'a', ts: 10, regPt: [500, 100] }, { k: 'b', ts: 20, regPt: [300] }]

  it('do not fire and stay pending by default', async () => {
    const r = await runInline(scriptJob(), lines)
    expect(seq(mainValues(r))).toEqual(['a', 'b'])
    expect(r.summary.pendingProcessingTimers).toBe(3)
  })

  it('fire in timestamp order with drainProcessingTimers, processing time moving to each', async () => {
    const r = await runInline(scriptJob(), lines, { drainProcessingTimers: true })
    const v = mainValues(r) as V[]
    expect(seq(v)).toEqual(['a', 'b', 't100', 't300', 't500'])
    expect(v.slice(2).map((x) => x.pt)).toEqual([100, 300, 500])
    expect(r.summary.pendingProcessingTimers).toBe(0)
  })

  it('drain also fires processing-time timers that onTimer registers while draining', async () => {
    const r = await runInline(scriptJob({ onTimer: 'if (t === 100) s.registerProcessingTimeTimer(1000)' }), lines, { drainProcessingTimers: true })
    expect(seq(mainValues(r))).toEqual(['a', 'b', 't100', 't300', 't500', 't1000'])
  })

  it('event-time timers fire at end of input before pending processing-time timers are drained', async () => {
    const r = await runInline(scriptJob(), [{ k: 'a', ts: 10, regPt: [100], reg: [1000] }], { drainProcessingTimers: true })
    expect((mainValues(r) as V[]).slice(1).map((v) => `${v.domain}@${v.fired}`)).toEqual(['EVENT_TIME@1000', 'PROCESSING_TIME@100'])
  })
})

describe('processing-time timers across keyed stages', () => {
  it('P1: due timers of different operators fire in timestamp order, not operator order', async () => {
    // Stage 1 registers a timer at 100; stage 2 (fed by stage 1's output) one at 50. A record at 200
    // makes both due: stage 2's earlier timer fires first.
    const job = scriptJob({
      after: `.keyBy((v: any) => 'all').process(new (class extends KeyedProcessFunction<any, any, any> {
        processElement(v: any, ctx: any, out: any) {
          if (v.in === 'first') ctx.timerService().registerProcessingTimeTimer(50)
          out.collect({ stage2Got: v.fired ?? v.in })
        }
        onTimer(t: number, ctx: any, out: any) { out.collect({ stage2Timer: t }) }
      })())`,
    })
    const r = await runInline(job, [{ k: 'a', ts: 10, id: 'first', regPt: [100] }, { k: 'a', ts: 200, id: 'second' }])
    expect(mainValues(r)).toEqual([{ stage2Got: 'first' }, { stage2Timer: 50 }, { stage2Got: 100 }, { stage2Got: 'second' }])
  })
})

describe('processing-time timers during an event-time advance', () => {
  it('P2/E3: a processing-time timer made due inside an event-time onTimer fires after the whole advance, never in the middle of it', async () => {
    const job = scriptJob({
      strategy: 'WatermarkStrategy.noWatermarks().withTimestampAssigner((e: any) => e.ts)',
      onTimer: "if (t === 10 && ctx.timeDomain() === TimeDomain.EVENT_TIME) s.registerProcessingTimeTimer(0)",
    })
    const r = await runInline(job, [{ k: 'a', ts: 1, reg: [10, 20] }, { k: 'b', ts: 1, reg: [15] }, { $watermark: 30 }, { k: 'c', ts: 2, id: 'next' }])
    expect(mainValues(r).slice(2).map((v) => { const x = v as Record<string, unknown>; return x.fired !== undefined ? `${x.domain}@${x.fired}` : x.in })).toEqual([
      'EVENT_TIME@10', 'EVENT_TIME@15', 'EVENT_TIME@20', 'PROCESSING_TIME@0', 'next',
    ])
  })
})

describe('draining after the end of input', () => {
  it('W7: an event-time timer that a drained processing-time timer registers still fires (the watermark is already MAX)', async () => {
    const job = scriptJob({ onTimer: "if (ctx.timeDomain() === TimeDomain.PROCESSING_TIME) s.registerEventTimeTimer(t + 1)" })
    const r = await runInline(job, [{ k: 'a', ts: 10, regPt: [500] }], { drainProcessingTimers: true })
    expect(mainValues(r).slice(1).map((v) => { const x = v as Record<string, unknown>; return `${x.domain}@${x.fired}` })).toEqual(['PROCESSING_TIME@500', 'EVENT_TIME@501'])
    expect(r.summary.pendingEventTimers).toBe(0)
  })
})
