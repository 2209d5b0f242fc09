// Behaviour of timers in a keyed process function (docs/semantics.md: T1-T5, E1-E7, P1, P4),
// run end to end through runJob as `riffle run --out` would.
import { describe, expect, it } from 'vitest'
import { MAX_TIMESTAMP, MIN_TIMESTAMP } from '../../../../src-main/engine/api/time'
import { mainValues, runInline } from '../../helpers/run-inline'
import { scriptJob } from '../../helpers/script-job'

type V = Record<string, unknown>
const fired = (vals: unknown[]): V[] => (vals as V[]).filter((v) => 'fired' in v)

// Records carry their own timestamps; the control line moves event time exactly (recordings/README.md).
const manualWm = 'WatermarkStrategy.noWatermarks().withTimestampAssigner((e: any) => e.ts)'

describe('timer identity and deletion (T1, T2)', () => {
  it('T1: an event-time timer registered twice for the same key and timestamp fires once', async () => {
    const r = await runInline(scriptJob(), [
      { k: 'a', ts: 1, reg: [20, 20] },
      { k: 'a', ts: 2, reg: [20] },
    ])
    expect(fired(mainValues(r)).map((v) => v.fired)).toEqual([20])
  })

  it('T1: the same timestamp on two different keys is two timers', async () => {
    const r = await runInline(scriptJob(), [{ k: 'a', ts: 1, reg: [20] }, { k: 'b', ts: 1, reg: [20] }])
    expect(fired(mainValues(r)).map((v) => v.key)).toEqual(['a', 'b'])
  })

  it('T2: deleting a timer that does not exist is a no-op', async () => {
    const r = await runInline(scriptJob(), [{ k: 'a', ts: 1, del: [99], delPt: [99], reg: [20] }])
    expect(fired(mainValues(r)).map((v) => v.fired)).toEqual([20])
    expect(r.summary.pendingEventTimers).toBe(0)
  })

  it('T2: a deleted timer does not fire', async () => {
    const r = await runInline(scriptJob(), [{ k: 'a', ts: 1, reg: [20, 30] }, { k: 'a', ts: 2, del: [20] }])
    expect(fired(mainValues(r)).map((v) => v.fired)).toEqual([30])
  })

  it('T2: deleting then re-registering the same timer fires exactly once', async () => {
    const r = await runInline(scriptJob(), [{ k: 'a', ts: 1, reg: [20] }, { k: 'a', ts: 2, del: [20], reg: [20] }])
    expect(fired(mainValues(r)).map((v) => v.fired)).toEqual([20])
  })
})

describe('tie order and the current key (T3, T4)', () => {
  it('T3: timers with equal timestamps on different keys fire in registration order, the same every run', async () => {
    const lines = [{ k: 'c', ts: 1, reg: [100] }, { k: 'a', ts: 2, reg: [100] }, { k: 'b', ts: 3, reg: [100] }, { k: 'a', ts: 4, reg: [50] }]
    const first = await runInline(scriptJob(), lines)
    const second = await runInline(scriptJob(), lines)
    expect(fired(mainValues(first)).map((v) => `${v.key}@${v.fired}`)).toEqual(['a@50', 'c@100', 'a@100', 'b@100'])
    expect(second.raw).toBe(first.raw)
  })

  it('T4: onTimer runs with the timer\'s key as the current key, and state is scoped to it', async () => {
    const job = scriptJob({ onTimer: 'out.collect({ seenCount: this.count.value(), key: ctx.getCurrentKey() })' })
      .replace('class Script extends KeyedProcessFunction<any, any, any> {', `class Script extends KeyedProcessFunction<any, any, any> {
  count: any
  open(rc: any) { this.count = rc.getState(new ValueStateDescriptor('count', Types.INT)) }`)
      .replace('const s = ctx.timerService()\n    for', 'this.count.update((this.count.value() ?? 0) + 1)\n    const s = ctx.timerService()\n    for')
    const r = await runInline(job, [
      { k: 'x', ts: 1, reg: [10] }, { k: 'y', ts: 2, reg: [10] }, { k: 'y', ts: 3 }, { k: 'x', ts: 4 }, { k: 'y', ts: 5 },
    ])
    const seen = (mainValues(r) as V[]).filter((v) => 'seenCount' in v)
    expect(seen).toEqual([{ seenCount: 2, key: 'x' }, { seenCount: 3, key: 'y' }])
  })

  it('T4: a composite (array) key is the current key in onTimer', async () => {
    const r = await runInline(scriptJob({ key: '[e.u, e.n]' }), [{ u: 'a', n: 1, ts: 1, reg: [5] }, { u: 'a', n: 2, ts: 1, reg: [5] }])
    expect(fired(mainValues(r)).map((v) => v.key)).toEqual([['a', 1], ['a', 2]])
  })
})

describe('poll before fire (T5)', () => {
  it('T5: deleting the firing timer inside its own onTimer is a no-op (it fired, nothing else changes)', async () => {
    const r = await runInline(scriptJob({ onTimer: 's.deleteEventTimeTimer(t)' }), [{ k: 'a', ts: 1, reg: [20, 30] }])
    expect(fired(mainValues(r)).map((v) => v.fired)).toEqual([20, 30])
  })

  it('T5: re-registering the same timestamp inside onTimer re-inserts the timer (it fires again)', async () => {
    const job = scriptJob({ onTimer: 'if (++(globalThis as any).__t5 < 3) s.registerEventTimeTimer(t)' })
      .replace('export const SIDE', '(globalThis as any).__t5 = 0\nexport const SIDE')
    const r = await runInline(job, [{ k: 'a', ts: 1, reg: [20] }, { $watermark: 25 }, { k: 'a', ts: 2 }])
    const f = fired(mainValues(r))
    expect(f.map((v) => v.fired)).toEqual([20, 20, 20])
    // The re-inserted timer is already due, so it fires in the same advance (E3), before the next record.
    expect(f.map((v) => v.wm)).toEqual([25, 25, 25])
    expect((mainValues(r) as V[]).at(-1)).toMatchObject({ in: 'a', ts: 2 })
  })

  it('T5: deleting then re-registering the firing timer inside onTimer re-inserts it', async () => {
    const job = scriptJob({ onTimer: 'if (++(globalThis as any).__t5b < 2) { s.deleteEventTimeTimer(t); s.registerEventTimeTimer(t) }' })
      .replace('export const SIDE', '(globalThis as any).__t5b = 0\nexport const SIDE')
    const r = await runInline(job, [{ k: 'a', ts: 1, reg: [20] }])
    expect(fired(mainValues(r)).map((v) => v.fired)).toEqual([20, 20])
  })
})

describe('event-time timers (E1-E7)', () => {
  it('E1: currentWatermark() is MIN_TIMESTAMP before the first watermark', async () => {
    const r = await runInline(scriptJob(), [{ k: 'a', ts: 100 }, { k: 'a', ts: 200 }])
    expect((mainValues(r) as V[]).map((v) => v.wm)).toEqual([MIN_TIMESTAMP, 99]) // the second record sees the watermark the first one caused
  })

  it('E2: a timer whose timestamp equals the watermark fires; one a millisecond later does not', async () => {
    const r = await runInline(scriptJob({ strategy: manualWm }), [{ k: 'a', ts: 1, reg: [20, 21] }, { $watermark: 20 }, { k: 'a', ts: 2, id: 'after' }])
    const v = mainValues(r) as V[]
    expect(v.map((x) => x.fired ?? x.in)).toEqual(['a', 20, 'after', 21])
    expect(v[3].wm).toBe(MAX_TIMESTAMP) // 21 fired only at end of input
  })

  it('E3: timers registered in onTimer that are already due fire in the same advance, in timestamp order', async () => {
    const job = scriptJob({ strategy: manualWm, onTimer: 'if (t === 10) { s.registerEventTimeTimer(50); s.registerEventTimeTimer(5); s.registerEventTimeTimer(200) }' })
    const r = await runInline(job, [{ k: 'a', ts: 1, reg: [10, 30] }, { $watermark: 100 }, { k: 'a', ts: 2, id: 'next' }])
    const v = mainValues(r) as V[]
    expect(v.map((x) => x.fired ?? x.in)).toEqual(['a', 10, 5, 30, 50, 'next', 200])
    expect(v.slice(1, 5).map((x) => x.wm)).toEqual([100, 100, 100, 100])
  })

  it('E4: inside an event-time onTimer the watermark is already the new one and ctx.timestamp() is the timer\'s', async () => {
    const r = await runInline(scriptJob({ strategy: manualWm }), [{ k: 'a', ts: 1, reg: [10] }, { $watermark: 42 }])
    expect(fired(mainValues(r))).toEqual([{ fired: 10, key: 'a', domain: 'EVENT_TIME', ts: 10, wm: 42, pt: 1 }])
  })

  it('E5: outputs of the timers precede the watermark downstream (a second keyed stage sees them before it)', async () => {
    // Stage 2 reports the watermark it had when each stage-1 output arrived, and registers a timer at
    // that output's timestamp, which can only fire once the watermark passes on.
    const job = scriptJob({
      strategy: manualWm,
      after: `.keyBy((v: any) => 'all').process(new (class extends KeyedProcessFunction<any, any, any> {
        processElement(v: any, ctx: any, out: any) {
          out.collect({ stage2: v.fired ?? v.in, wm: ctx.timerService().currentWatermark(), ts: ctx.timestamp() })
          if (v.fired !== undefined) ctx.timerService().registerEventTimeTimer(ctx.timestamp())
        }
        onTimer(t: number, ctx: any, out: any) { out.collect({ stage2Timer: t, wm: ctx.timerService().currentWatermark() }) }
      })())`,
    })
    const r = await runInline(job, [{ k: 'a', ts: 1, reg: [10] }, { k: 'b', ts: 1, reg: [10] }, { $watermark: 40 }])
    expect(mainValues(r)).toEqual([
      { stage2: 'a', wm: MIN_TIMESTAMP, ts: 1 },
      { stage2: 'b', wm: MIN_TIMESTAMP, ts: 1 },
      { stage2: 10, wm: MIN_TIMESTAMP, ts: 10 },
      { stage2: 10, wm: MIN_TIMESTAMP, ts: 10 },
      { stage2Timer: 10, wm: 40 },
    ])
  })

  it('E6: an event-time timer registered at or below the current watermark fires at the next advance, not at once', async () => {
    const r = await runInline(scriptJob(), [{ k: 'a', ts: 100 }, { k: 'a', ts: 100, id: 'late-reg', reg: [50] }, { k: 'a', ts: 101, id: 'next' }])
    const v = mainValues(r) as V[]
    expect(v.map((x) => x.fired ?? x.in)).toEqual(['a', 'late-reg', 'next', 50])
    expect(v[3].wm).toBe(100)
  })

  it('E7: main output from an event-time onTimer carries the timer timestamp', async () => {
    const r = await runInline(scriptJob(), [{ k: 'a', ts: 1, reg: [77] }])
    expect(r.out.find((l) => (l.value as V).fired === 77)?.timestamp).toBe(77)
  })
})

describe('processing-time timers (P1, P4, C5)', () => {
  it('P1: due processing-time timers fire in timestamp order before the record that moved the clock, including ones registered by callbacks', async () => {
    const job = scriptJob({ onTimer: 'if (t === 30) s.registerProcessingTimeTimer(40)' })
    const r = await runInline(job, [{ k: 'a', ts: 10, regPt: [50, 30, 500] }, { k: 'a', ts: 100, id: 'moves-clock' }])
    const v = mainValues(r) as V[]
    expect(v.map((x) => x.fired ?? x.in)).toEqual(['a', 30, 40, 50, 'moves-clock'])
    expect(v.slice(1, 4).map((x) => [x.domain, x.pt])).toEqual([['PROCESSING_TIME', 100], ['PROCESSING_TIME', 100], ['PROCESSING_TIME', 100]])
    expect(r.summary.pendingProcessingTimers).toBe(1) // 500 never came due
  })

  it('P4: main output from a processing-time timer has no timestamp; its side output has the timer\'s; ctx.timestamp() is the timer\'s', async () => {
    const r = await runInline(scriptJob({ onTimer: 'ctx.output(SIDE, { sideFired: t })' }), [{ k: 'a', ts: 10, regPt: [30] }, { k: 'a', ts: 100 }])
    const main = r.out.find((l) => l.tag === undefined && (l.value as V).fired === 30)
    expect(main).toEqual({ value: { fired: 30, key: 'a', domain: 'PROCESSING_TIME', ts: 30, wm: 9, pt: 100 }, timestamp: null })
    expect(r.out.find((l) => l.tag === 'side')).toEqual({ tag: 'side', value: { sideFired: 30 }, timestamp: 30 })
  })

  it('C5: timeDomain() names the queue the timer fired from', async () => {
    const r = await runInline(scriptJob(), [{ k: 'a', ts: 10, reg: [20], regPt: [20] }, { k: 'a', ts: 30 }])
    expect(fired(mainValues(r)).map((v) => `${v.domain}@${v.fired}`).sort()).toEqual(['EVENT_TIME@20', 'PROCESSING_TIME@20'])
  })
})
