// DebugSession driven one step at a time: step kinds, what a step emitted and changed,
// step targets, and the views between steps (keys, keyState with TTL stamps and timers, timers, outputs).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { StepView } from '../../../src-main/common/views'
import { MAX_TIMESTAMP } from '../../../src-main/engine/api/time'
import { keyGroupOf } from '../../../src-main/engine/runtime/key-group'
import type { DebugSession } from '../../../src-main/debugger/debug-session'
import { openInline, RIFFLE } from '../helpers/run-inline'
import { scriptJob } from '../helpers/script-job'

const OP = '3-process' // source, assigner, keyBy, process

async function withSession<T>(s: DebugSession, f: (s: DebugSession) => Promise<T>): Promise<T> {
  try { return await f(s) } finally { await s.close() }
}
async function oneStep(s: DebugSession): Promise<StepView> {
  const r = await s.step({ kind: 'step' })
  expect(r.taken).toBe(1)
  return r.steps[0]
}

const countingJob = `${RIFFLE}
export const SIDE = new OutputTag('side')
class C extends KeyedProcessFunction<any, any, any> {
  n: any
  open(rc: any) { this.n = rc.getState(new ValueStateDescriptor('n', Types.INT)) }
  processElement(e: any, ctx: any, out: any) {
    const n = (this.n.value() ?? 0) + 1
    this.n.update(n)
    if (e.t !== undefined) ctx.timerService().registerEventTimeTimer(e.t)
    if (e.pt !== undefined) ctx.timerService().registerProcessingTimeTimer(e.pt)
    if (e.emit) out.collect({ k: e.k, n })
    if (e.side) ctx.output(SIDE, e.k)
  }
  onTimer(t: number, ctx: any, out: any) { this.n.clear(); out.collect({ timer: t, k: ctx.getCurrentKey() }) }
}
export default (env: any) => env.fromRecording()
  .assignTimestampsAndWatermarks(WatermarkStrategy.noWatermarks().withTimestampAssigner((e: any) => e.ts))
  .keyBy((e: any) => e.k).process(new C())
`

describe('steps', () => {
  it('each step is a record, a control line or one timer firing, with what it emitted, changed and touched', async () => {
    const s = await openInline(countingJob, [
      { k: 'a', ts: 10, t: 20, emit: true }, { $watermark: 25 }, { $processingTime: 500 }, { k: 'b', ts: 30, side: true },
    ], { processingTime: 'manual' })
    await withSession(s, async () => {
      const s1 = await oneStep(s)
      expect(s1).toMatchObject({ step: 1, kind: 'record', input: { line: 1, value: { k: 'a', ts: 10, t: 20, emit: true } }, touchedKeys: ['"a"'] })
      expect(s1.outputs).toEqual([expect.objectContaining({ seq: 0, step: 1, operatorId: OP, tag: null, value: { k: 'a', n: 1 }, timestamp: 10, key: 'a', keyStr: '"a"', isJobOutput: true })])
      expect(s1.changes).toEqual([{ operatorId: OP, stateName: 'n', keyStr: '"a"', key: 'a', before: undefined, after: 1 }])

      const s2 = await oneStep(s) // the control line moves the watermark; the timer it makes due is its own step
      expect(s2).toMatchObject({ step: 2, kind: 'watermark', watermark: 25, outputs: [], input: { line: 2 } })
      const s3 = await oneStep(s)
      expect(s3).toMatchObject({ step: 3, kind: 'timer', timer: { operatorId: OP, key: 'a', domain: 'EVENT_TIME', timestamp: 20, aheadBy: -5 }, touchedKeys: ['"a"'] })
      expect(s3.outputs.map((o) => [o.value, o.timestamp])).toEqual([[{ timer: 20, k: 'a' }, 20]])
      expect(s3.changes).toEqual([{ operatorId: OP, stateName: 'n', keyStr: '"a"', key: 'a', before: 1, after: undefined }])

      const s4 = await oneStep(s)
      expect(s4).toMatchObject({ kind: 'processingTime', processingTime: 500, input: { value: { $processingTime: 500 } } })
      const s5 = await oneStep(s)
      expect(s5.outputs).toEqual([expect.objectContaining({ tag: 'side', value: 'b', timestamp: 30, keyStr: '"b"' })])
      expect((await s.step({ kind: 'step' })).taken).toBe(0) // end
      expect(await s.status()).toMatchObject({ finished: true, recordsIn: 2, recordsOut: 3, watermark: MAX_TIMESTAMP, processingTime: 500, keys: 2, pendingTimers: 0 })
    })
  })

  it('a processing-time timer made due by a record fires as its own step before the record\'s step', async () => {
    const s = await openInline(countingJob, [{ k: 'a', ts: 10, pt: 50 }, { k: 'b', ts: 60, emit: true }])
    await withSession(s, async () => {
      await oneStep(s)
      const t = await oneStep(s)
      expect(t).toMatchObject({ kind: 'timer', timer: { domain: 'PROCESSING_TIME', timestamp: 50 }, processingTime: 60 })
      const r = await oneStep(s)
      expect(r).toMatchObject({ kind: 'record', input: { line: 2 } })
      expect(r.step).toBe(t.step + 1)
      expect(r.outputs.map((o) => o.value)).toEqual([{ k: 'b', n: 1 }])
    })
  })

  it('step numbers run 1, 2, 3, ... without gaps, also when timers fire before the record that made them due', async () => {
    const s = await openInline(countingJob, [
      { k: 'a', ts: 10, pt: 50, t: 15 }, { k: 'b', ts: 60, pt: 70 }, { k: 'c', ts: 100, emit: true }, { $watermark: 200 },
    ])
    await withSession(s, async () => {
      const all = (await s.step({ kind: 'end' })).steps
      expect(all.map((x) => x.step)).toEqual(all.map((_, i) => i + 1))
      expect(all.map((x) => (x.kind === 'timer' ? `${x.timer?.domain[0]}${x.timer?.timestamp}` : `${x.kind}${x.input?.line}`))).toEqual([
        'record1', 'P50', 'record2', 'P70', 'record3', 'watermark4', 'E15',
      ])
    })
  })

  it('step targets: record skips timer steps, output stops at the first step that emitted, timer at the next firing, end runs out', async () => {
    const lines = [
      { k: 'a', ts: 1, t: 5 }, { $watermark: 10 }, { k: 'b', ts: 2 }, { k: 'c', ts: 3, emit: true }, { k: 'd', ts: 4, t: 100 }, { k: 'e', ts: 5 },
    ]
    const s = await openInline(countingJob, lines)
    await withSession(s, async () => {
      expect((await s.step({ kind: 'record' })).steps.map((x) => x.kind)).toEqual(['record'])
      const toTimer = await s.step({ kind: 'timer' })
      expect(toTimer.steps.map((x) => x.kind)).toEqual(['watermark', 'timer'])
      const toOut = await s.step({ kind: 'output' })
      expect(toOut.steps.map((x) => x.input?.line)).toEqual([3, 4])
      expect(toOut.steps.at(-1)?.outputs.map((o) => o.value)).toEqual([{ k: 'c', n: 1 }])
      const rest = await s.step({ kind: 'end' })
      expect(rest.steps.map((x) => x.kind)).toEqual(['record', 'record', 'timer'])
      expect(rest.status.finished).toBe(true)
    })
  })

  it('maxSteps bounds a step call', async () => {
    const s = await openInline(countingJob, Array.from({ length: 10 }, (_, i) => ({ k: `k${i}`, ts: i })))
    await withSession(s, async () => {
      const r = await s.step({ kind: 'end' }, 4)
      expect(r.taken).toBe(4)
      expect(r.status).toMatchObject({ step: 4, recordsIn: 4, finished: false })
    })
  })
})

describe('views between steps', () => {
  it('keys(): paging, search, sort by key / records / timers / last touched', async () => {
    const lines = [
      { k: 'alice', ts: 1 }, { k: 'bob', ts: 2, t: 100 }, { k: 'carol', ts: 3 }, { k: 'alice', ts: 4 }, { k: 'alina', ts: 5, t: 50, pt: 1e6 },
      { k: 'alice', ts: 6 },
    ]
    const s = await openInline(countingJob, lines)
    await withSession(s, async () => {
      await s.step({ kind: 'end' }, 6)
      const byKey = await s.keys({ sort: 'key', offset: 0, limit: 2 })
      expect(byKey.total).toBe(4)
      expect(byKey.items.map((k) => k.key)).toEqual(['alice', 'alina'])
      expect((await s.keys({ sort: 'key', offset: 2, limit: 2 })).items.map((k) => k.key)).toEqual(['bob', 'carol'])
      expect((await s.keys({ search: 'AL', sort: 'key', offset: 0, limit: 10 })).items.map((k) => k.key)).toEqual(['alice', 'alina'])
      expect((await s.keys({ sort: 'records', descending: true, offset: 0, limit: 1 })).items[0]).toMatchObject({ key: 'alice', records: 3, stateEntries: 1, firstStep: 1, lastTouchedStep: 6 })
      expect((await s.keys({ sort: 'timers', descending: true, offset: 0, limit: 2 })).items.map((k) => [k.key, k.timers])).toEqual([['alina', 2], ['bob', 1]])
      expect((await s.keys({ offset: 0, limit: 4 })).items.map((k) => k.key)).toEqual(['alice', 'alina', 'carol', 'bob']) // most recently touched first
      expect(byKey.items[0].keyGroup).toBe(keyGroupOf('alice'))
    })
  })

  it('keyState(): the seed sessionizer leaves a key with two pending timers after two events (its bug), with state values', async () => {
    const job = readFileSync(join(__dirname, '../../../examples/sessionizer-seed.ts'), 'utf8')
    const m = 60_000
    const s = await openInline(job, [{ ts: 0, user_id: 'u1', type: 'view' }, { ts: 10 * m, user_id: 'u1', type: 'click' }])
    await withSession(s, async () => {
      await s.step({ kind: 'record' })
      await s.step({ kind: 'record' })
      const ks = await s.keyState(OP, '"u1"')
      expect(ks).not.toBeNull()
      expect(ks!.timers.map((t) => [t.domain, t.timestamp])).toEqual([['EVENT_TIME', 30 * m], ['EVENT_TIME', 40 * m]])
      expect(ks!.keyGroup).toBe(keyGroupOf('u1'))
      expect(ks!.states.map((st) => [st.name, st.kind, st.entries.map((e) => e.value)])).toEqual([['session_start', 'value', [0]], ['event_count', 'value', [2]]])
      const t = await s.timers(0, 10)
      expect(t.total).toBe(2)
      expect(t.items.map((x) => x.aheadBy)).toEqual([30 * m - (10 * m - 5001), 40 * m - (10 * m - 5001)])
      // The first timeout closes the still-active session early (the bug the fixed example repairs).
      const fired = await s.step({ kind: 'end' })
      // The second timer then fires on cleared state and emits an empty session.
      expect(fired.steps.filter((x) => x.kind === 'timer').flatMap((x) => x.outputs.map((o) => o.value))).toEqual([
        { user_id: 'u1', session_start: 0, session_end: 30 * m, event_count: 2 },
        { user_id: 'u1', session_start: null, session_end: 40 * m, event_count: null },
      ])
    })
  })

  it('keyState(): TTL stamps show last access and expiry on the processing-time clock', async () => {
    const job = `${RIFFLE}
class T extends KeyedProcessFunction<any, any, any> {
  v: any; l: any
  open(rc: any) {
    const ttl = StateTtlConfig.newBuilder(Time.milliseconds(100)).disableCleanupInBackground().build()
    const d = new ValueStateDescriptor('v', Types.INT); d.enableTimeToLive(ttl); this.v = rc.getState(d)
    const ld = new ListStateDescriptor('l', Types.STRING); ld.enableTimeToLive(ttl); this.l = rc.getListState(ld)
  }
  processElement(e: any) { if (e.set) { this.v.update(e.set); this.l.add('x' + e.set) } }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new T())
`
    const s = await openInline(job, [{ k: 'a', set: 1 }, { $processingTime: 50 }, { k: 'a', set: 2 }, { $processingTime: 160 }], { processingTime: 'manual' })
    await withSession(s, async () => {
      for (let i = 0; i < 3; i++) await s.step({ kind: 'step' })
      const ks = (await s.keyState('2-process', '"a"'))!
      const v = ks.states.find((x) => x.name === 'v')!
      expect(v.ttl).toMatchObject({ ttlMillis: 100 })
      expect(v.entries).toEqual([{ entryKey: null, value: 2, ttl: { lastAccess: 50, expiresAt: 150, expired: false } }])
      expect(ks.states.find((x) => x.name === 'l')!.entries.map((e) => [e.value, e.ttl])).toEqual([
        ['x1', { lastAccess: 0, expiresAt: 100, expired: false }], ['x2', { lastAccess: 50, expiresAt: 150, expired: false }],
      ])
      await s.step({ kind: 'step' })
      const later = (await s.keyState('2-process', '"a"'))!
      expect(later.states.find((x) => x.name === 'v')!.entries[0].ttl).toEqual({ lastAccess: 50, expiresAt: 150, expired: true })
    })
  })

  it('keyState() of an unknown operator is null', async () => {
    const s = await openInline(countingJob, [{ k: 'a', ts: 1 }])
    await withSession(s, async () => { expect(await s.keyState('nope', '"a"')).toBeNull() })
  })

  it('outputs(): every captured output in order, filtered by key and by tag, with paging', async () => {
    const s = await openInline(scriptJob({ onTimer: 'ctx.output(SIDE, { t })' }), [
      { k: 'a', ts: 1, side: true, reg: [3] }, { k: 'b', ts: 2, side: true }, { k: 'a', ts: 5 },
    ])
    await withSession(s, async () => {
      await s.step({ kind: 'end' })
      const all = await s.outputs(0, 100)
      expect(all.total).toBe(7)
      expect(all.items.map((o) => o.seq)).toEqual([0, 1, 2, 3, 4, 5, 6])
      const aOnly = await s.outputs(0, 100, { keyStr: '"a"' })
      expect(aOnly.items.every((o) => o.keyStr === '"a"')).toBe(true)
      expect(aOnly.total).toBe(5)
      expect((await s.outputs(0, 100, { tag: 'side' })).items.map((o) => o.value)).toEqual([{ sideOf: 'a' }, { sideOf: 'b' }, { t: 3 }])
      expect((await s.outputs(0, 100, { tag: null })).total).toBe(4)
      expect((await s.outputs(5, 10)).items.map((o) => o.seq)).toEqual([5, 6])
    })
  })
})

describe('bad recording lines while stepping (recordings/README.md)', () => {
  it('without skipping, the step that reaches a bad line fails with BAD_LINE naming file and line', async () => {
    const s = await openInline(countingJob, [{ k: 'a', ts: 1 }, '{"k": oops}', { k: 'b', ts: 2 }])
    await withSession(s, async () => {
      const err = await s.step({ kind: 'end' }).then(() => null, (e: { code: string; message: string }) => e)
      expect(err?.code).toBe('BAD_LINE')
      expect(err?.message).toMatch(/rec\.jsonl:2/)
    })
  })

  it('with skipBadLines, bad lines are counted and listed in the status and the run goes on', async () => {
    const s = await openInline(countingJob, [{ k: 'a', ts: 1, emit: true }, '{"k": oops}', { k: 'b', ts: 2, emit: true }], { skipBadLines: true })
    await withSession(s, async () => {
      const r = await s.step({ kind: 'end' })
      expect(r.status).toMatchObject({ finished: true, recordsIn: 2, recordsOut: 2 })
      expect(r.status.badLines).toEqual([expect.objectContaining({ line: 2, text: '{"k": oops}' })])
      expect(r.status.badLines[0].file).toMatch(/rec\.jsonl$/)
    })
  })
})

describe('the watermark a step shows with several keyed stages', () => {
  it('a record step shows the watermark it caused at the last keyed stage, not one step late', async () => {
    const job = scriptJob({ after: `.keyBy((v: any) => 'all').process(new (class extends KeyedProcessFunction<any, any, any> {
      processElement(v: any, ctx: any, out: any) { out.collect(v) }
    })())` })
    const s = await openInline(job, [{ k: 'a', ts: 100 }, { k: 'b', ts: 200 }, { k: 'a', ts: 300 }])
    await withSession(s, async () => {
      const wms: number[] = []
      for (let i = 0; i < 3; i++) wms.push((await s.step({ kind: 'step' })).steps[0].watermark)
      expect(wms).toEqual([99, 199, 299])
      expect((await s.operators()).filter((o) => o.keyed).map((o) => o.watermark)).toEqual([299, 299])
    })
  })
})
